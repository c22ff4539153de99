// What a build directory of the stand-in holds besides the bundle, schema and descriptor: the
// server certificate, the filesystem mirror Terraform installs the provider from, and the CLI
// config naming that mirror. Shared by the checkout's build (build.ts) and the packaged kit
// (package/index.ts); both build aside, then rename into place (publishBuild).
import * as fs from "fs";
import * as path from "path";
import { selfSignedLocalhost } from "./cert";

export const PROVIDER_ADDR = "registry.terraform.io/hashicorp/aws";

/**
 * Writes into `tmp` (which will be renamed to `finalDir`) the TLS material, the mirror with an
 * `sh` wrapper that execs this Node on `finalDir/provider.js`, and `terraformrc`.
 */
export function writeMirrorAndConfig(tmp: string, finalDir: string, providerVersion: string): void {
  // Made once per build so each provider start skips key generation.
  const { cert, key } = selfSignedLocalhost();
  fs.writeFileSync(path.join(tmp, "server-cert.pem"), cert);
  fs.writeFileSync(path.join(tmp, "server-key.pem"), key, { mode: 0o600 });
  const exeDir = path.join(tmp, "mirror", PROVIDER_ADDR, providerVersion, "linux_amd64");
  fs.mkdirSync(exeDir, { recursive: true });
  const exe = path.join(exeDir, `terraform-provider-aws_v${providerVersion}`);
  fs.writeFileSync(exe, `#!/bin/sh\nexec "${process.execPath}" "${path.join(finalDir, "provider.js")}" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(
    path.join(tmp, "terraformrc"),
    [
      "disable_checkpoint = true",
      "provider_installation {",
      `  filesystem_mirror {\n    path    = "${path.join(finalDir, "mirror")}"\n    include = ["${PROVIDER_ADDR}"]\n  }`,
      `  direct {\n    exclude = ["${PROVIDER_ADDR}"]\n  }`,
      "}",
      "",
    ].join("\n"),
  );
}

/** Renames `tmp` to `dir`; when another process got there first, keeps theirs. */
export function publishBuild(tmp: string, dir: string): boolean {
  try {
    fs.renameSync(tmp, dir);
    return true;
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
    return false;
  }
}
