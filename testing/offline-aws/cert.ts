// The server certificate go-plugin's AutoMTLS needs: self-signed ECDSA P-256, a CA, SAN
// DNS:localhost, EKU serverAuth (and clientAuth). Node 20 signs but has no X.509 builder, so the
// DER is written here (RFC 5280): no dependency, which lets the packaged kit (package/) make one
// on a consumer's machine. It only ever guards a loopback port; Terraform pins it from the
// handshake line.
import { generateKeyPairSync, randomBytes, sign } from "crypto";

const der = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime, YYMMDDHHMMSSZ (years up to 2049). */
const utcTime = (d: Date) => der(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, "")}Z`));
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), der(0x04, value));

/** A fresh self-signed certificate and key, PEM, valid from an hour ago for `days`. */
export function selfSignedLocalhost(days = 365): { cert: string; key: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const name = seq(der(0x31, seq(oid("2.5.4.3"), der(0x0c, Buffer.from("localhost")))));
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // a positive INTEGER
  serial[0] |= 0x01; // and no leading zero byte
  const ecdsaSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const now = Date.now();
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))), // version v3
    der(0x02, serial),
    ecdsaSha256,
    name,
    seq(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + days * 86400_000))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    der(0xa3, seq(
      extension("2.5.29.19", true, seq(der(0x01, Buffer.from([0xff])))), // basicConstraints: CA
      // keyUsage: digitalSignature, keyEncipherment, keyCertSign (bits 0, 2, 5; 2 unused bits)
      extension("2.5.29.15", true, der(0x03, Buffer.from([0x02, 0xa4]))),
      extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))), // serverAuth, clientAuth
      extension("2.5.29.17", false, seq(der(0x82, Buffer.from("localhost")))), // subjectAltName DNS:localhost
    )),
  );
  const signature = sign("sha256", tbs, privateKey);
  const cert = seq(tbs, ecdsaSha256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const pem = (label: string, body: Buffer) => `-----BEGIN ${label}-----\n${body.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
  return { cert: pem("CERTIFICATE", cert), key: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}
