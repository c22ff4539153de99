import "cdktf/lib/testing/adapters/jest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Testing, TerraformStack } from "cdktf";
import * as library from "../../modules/index";

// README's "Using the constructs in your own cdktf app" snippet, run as written against the
// package's public API (modules/index.ts is what `vpc-peering-cdktf` resolves to).

function readmeSnippet(): string {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Using the constructs in your own cdktf app"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error("README: no ts block under 'Using the constructs in your own cdktf app'");
  return code;
}

it("README's library snippet synthesizes a peering, its rules, flow logs and a record, with readable addresses", () => {
  const code = readmeSnippet();
  const imports = /import \{([^}]+)\} from "vpc-peering-cdktf";/.exec(code);
  expect(imports).not.toBeNull();
  // The snippet's own imports become these values; its App writes into a temporary directory.
  const body = code
    .replace(imports![0], `const {${imports![1]}} = library;`)
    .replace('import { App } from "cdktf";', "")
    .replace('import { AwsProvider } from "@cdktf/provider-aws/lib/provider";', "");
  const app = Testing.app();
  new Function("library", "App", "AwsProvider", body)(library, function App() { return app; }, AwsProvider);
  const stack = app.node.findChild("peering") as TerraformStack;
  const out = Testing.synth(stack);
  expect(Object.keys(JSON.parse(out).resource.aws_vpc_peering_connection)).toEqual(["api-web_connection"]);
  expect(out).toHaveResourceWithProperties(VpcPeeringConnection, { auto_accept: true, tags: { Name: "api-web-pc" } });
  expect(out).toHaveResource(VpcSecurityGroupIngressRule);
  expect(out).toHaveResourceWithProperties(Route53Record, { name: "api.elb.lab.private", type: "CNAME" });
});
