// The stand-in's VPC endpoint pieces: the AWS-managed prefix lists every region has, what AWS
// gives a new endpoint, and what EC2 refuses for a gateway endpoint.
import type { BlockSchema } from "../../testing/offline-aws/schema/types";
import { readDataSource } from "../../testing/offline-aws/provider/data-sources";
import { endpointAttributes } from "../../testing/offline-aws/provider/endpoints";

const prefixListBlock = {
  attributes: {
    id: { type: "string", optional: true, computed: true },
    name: { type: "string", optional: true, computed: true },
    prefix_list_id: { type: "string", optional: true },
    cidr_blocks: { type: ["list", "string"], computed: true },
    region: { type: "string", optional: true, computed: true },
  },
  block_types: {},
} as unknown as BlockSchema;
const world = { account_id: "111111111111", default_region: "us-west-2" };

it("answers data.aws_prefix_list by name in any region, and fails like the provider for another name", () => {
  const s3 = readDataSource("aws_prefix_list", prefixListBlock, { name: "com.amazonaws.eu-west-1.s3", region: "eu-west-1" }, world, "us-west-2");
  expect(s3.diagnostics).toEqual([]);
  expect(s3.state).toMatchObject({ name: "com.amazonaws.eu-west-1.s3", id: expect.stringMatching(/^pl-[0-9a-f]{8}$/) });
  const dynamo = readDataSource("aws_prefix_list", prefixListBlock, { name: "com.amazonaws.us-west-2.dynamodb" }, world, "us-west-2");
  expect(dynamo.state?.id).not.toBe(s3.state?.id);
  const ssm = readDataSource("aws_prefix_list", prefixListBlock, { name: "com.amazonaws.us-west-2.ssm" }, world, "us-west-2");
  expect(ssm.diagnostics.map((d) => d.detail)).toEqual(["no matching EC2 Prefix List found"]);
});

it("gives an interface endpoint its regional DNS entry and a gateway endpoint its prefix list", () => {
  const ctx = { typeName: "aws_vpc_endpoint", region: "us-west-2", account: "111111111111", seed: "x", fillCollections: false };
  const iface = endpointAttributes({ service_name: "com.amazonaws.us-west-2.ssm", vpc_endpoint_type: "Interface", subnet_ids: ["subnet-1", "subnet-2"] }, ctx);
  expect((iface.dns_entry as { dns_name: string }[])[0].dns_name).toMatch(/^vpce-[0-9a-f]{17}-[0-9a-f]{8}\.ssm\.us-west-2\.vpce\.amazonaws\.com$/);
  expect(iface.network_interface_ids).toHaveLength(2);
  const gateway = endpointAttributes({ service_name: "com.amazonaws.us-west-2.s3", vpc_endpoint_type: "Gateway" }, ctx);
  expect(gateway.prefix_list_id).toMatch(/^pl-/);
  expect(gateway.dns_entry).toEqual([]);
});

