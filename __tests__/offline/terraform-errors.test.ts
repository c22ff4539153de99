// Broken configurations: Terraform core's own errors, and the checks the stand-in provider
// makes like the real one (computed-only set, required null, CIDRs, aws_route, flow logs).
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir, writeJsonStack } from "../../testing/offline-aws/jest";

interface Diag {
  severity: string;
  summary: string;
  detail: string;
  range?: { start: { line: number } };
  snippet?: { code: string };
}

describeWithTerraform("terraform validate on broken JSON", () => {
  jest.setTimeout(60_000);
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform()).env;
    dir = tempStackDir("errors");
    writeJsonStack(dir, {});
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0); // one init, many configs
  });

  function validate(body: Record<string, unknown>): Diag[] {
    writeJsonStack(dir, body);
    const r = runTerraform(dir, ["validate", "-json"], { env });
    const out = JSON.parse(r.stdout) as { valid: boolean; diagnostics: Diag[] };
    expect(out.valid).toBe(false);
    return out.diagnostics.filter((d) => d.severity === "error");
  }

  const pcx = (extra: Record<string, unknown>) => ({ resource: { aws_vpc_peering_connection: { p: { vpc_id: "vpc-1", peer_vpc_id: "vpc-2", ...extra } } } });
  const route = (extra: Record<string, unknown>) => ({ resource: { aws_route: { r: { route_table_id: "rtb-1", ...extra } } } });

  describe("Terraform core", () => {
    it("rejects an unknown argument", () => {
      const [d] = validate(pcx({ peer_vcp_id: "x" }));
      expect(d.summary).toBe("Extraneous JSON object property");
      // HCL's native syntax adds "Did you mean"; its JSON syntax does not.
      expect(d.detail).toBe('No argument or block type is named "peer_vcp_id".');
    });

    it("rejects a missing required argument", () => {
      const [d] = validate({ resource: { aws_vpc_peering_connection: { p: { vpc_id: "vpc-1" } } } });
      expect(d.summary).toBe("Missing required argument");
      expect(d.detail).toMatch(/"peer_vpc_id" is required/);
    });

    it("rejects a reference to an undeclared resource", () => {
      const [d] = validate(pcx({ peer_vpc_id: "${aws_vpc.nope.id}" }));
      expect(d.summary).toBe("Reference to undeclared resource");
    });

    it("rejects a value of the wrong type", () => {
      const [d] = validate(pcx({ auto_accept: { yes: true } }));
      expect(d.summary).toBe("Incorrect attribute value type");
    });
  });

  describe("stand-in provider checks (the real provider's, not core's)", () => {
    it("rejects setting a computed-only attribute, with its path", () => {
      const [d] = validate(pcx({ accept_status: "active" }));
      expect(d.summary).toBe("Computed attributes cannot be set");
      expect(d.snippet?.code).toMatch(/"accept_status"/);
    });

    it("rejects a required attribute set to null", () => {
      const [d] = validate(pcx({ peer_vpc_id: null }));
      expect(d.summary).toBe("Missing required argument");
      expect(d.snippet?.code).toMatch(/"peer_vpc_id"/);
    });

    it.each([
      ["destination_cidr_block", "10.0.0.300/16", /not a valid IPv4 CIDR block/],
      ["destination_cidr_block", "10.1.2.0/16", /host bits are set \(did you mean 10\.1\.0\.0\/16\?\)/],
      ["destination_ipv6_cidr_block", "10.0.0.0/16", /not a valid IPv6 CIDR block/],
    ])("rejects %s = %s", (attr, value, message) => {
      const [d] = validate(route({ [attr]: value, vpc_peering_connection_id: "pcx-1" }));
      expect(d.summary).toBe("Invalid CIDR block");
      expect(d.detail).toMatch(message);
      expect(d.snippet?.code).toContain(`"${attr}"`);
    });

    it("requires exactly one destination and one target in aws_route", () => {
      const none = validate(route({ vpc_peering_connection_id: "pcx-1" }));
      expect(none.map((d) => d.detail)).toEqual([expect.stringMatching(/one of `destination_cidr_block,destination_ipv6_cidr_block,destination_prefix_list_id` must be specified/)]);
      const two = validate(route({ destination_cidr_block: "10.1.0.0/16", gateway_id: "igw-1", vpc_peering_connection_id: "pcx-1" }));
      expect(two.map((d) => d.detail)).toEqual([expect.stringMatching(/only one of `carrier_gateway_id,.*` can be specified, but `gateway_id,vpc_peering_connection_id` were specified/)]);
    });

    it("rejects a flow-log traffic_type outside ALL/ACCEPT/REJECT", () => {
      const [d] = validate({ resource: { aws_flow_log: { f: { vpc_id: "vpc-1", traffic_type: "SOME", log_destination: "arn:aws:logs:us-west-2:123456789012:log-group:x" } } } });
      expect(d.detail).toBe('expected traffic_type to be one of ["ACCEPT" "REJECT" "ALL"], got SOME');
      expect(d.snippet?.code).toMatch(/"traffic_type"/);
    });
  });
});
