// Runs a generated module the way a Terraform user would: a root module that calls it, then
// `terraform init/validate/plan`. Needs the offline stand-in aws provider (testing/offline-aws);
// without it, offlineTerraformMissing() says why and the tests that need it skip.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { withStandInServer } from "./offline-aws/server";
import { prepareOfflineTerraform } from "./offline-aws";
import { terraformAvailable, terraformBinary } from "./offline-aws/terraform";

/** Why terraform cannot be run against the offline provider here, or undefined when it can. */
export function offlineTerraformMissing(): string | undefined {
  const t = terraformAvailable();
  return t.ok ? undefined : t.reason;
}

/** The environment that points terraform at the offline provider (builds it on first use). */
export async function offlineTerraformEnv(): Promise<Record<string, string>> {
  return (await prepareOfflineTerraform()).env;
}

export interface CallerOptions {
  /** Directory of the generated module (copied nowhere: referenced by relative path). */
  readonly moduleDir: string;
  /** Where to write the root module. */
  readonly rootDir: string;
  /** Extra HCL lines inside the module block, e.g. `tags = { Environment = "test" }`. */
  readonly inputs?: readonly string[];
  readonly region?: string;
  /** A second provider for aws.accepter (another region, or another account's role). @default the same provider as aws.requester */
  readonly accepter?: { readonly region?: string; readonly roleArn?: string };
  /** More providers the module takes, by alias (a config account's `aws.<key>`): each passed as aws.<alias>. @default none */
  readonly accounts?: Readonly<Record<string, { readonly region?: string; readonly roleArn?: string }>>;
  /** The output the root module re-exports. @default peering_api_web_pc_id (the lab) */
  readonly output?: string;
}

/** Writes a root module (HCL, as a user would) that calls the generated module with one provider for both sides. */
export function writeCallerRoot(options: CallerOptions): void {
  mkdirSync(options.rootDir, { recursive: true });
  const source = resolve(options.moduleDir);
  writeFileSync(
    join(options.rootDir, "main.tf"),
    [
      'terraform {',
      '  required_providers {',
      '    aws = { source = "hashicorp/aws" }',
      '  }',
      '}',
      '',
      `provider "aws" {`,
      `  region = "${options.region ?? "us-west-2"}"`,
      '}',
      '',
      ...(options.accepter
        ? [
            'provider "aws" {',
            '  alias  = "peer"',
            `  region = "${options.accepter.region ?? options.region ?? "us-west-2"}"`,
            ...(options.accepter.roleArn ? ['  assume_role {', `    role_arn = "${options.accepter.roleArn}"`, '  }'] : []),
            '}',
            '',
          ]
        : []),
      ...Object.entries(options.accounts ?? {}).flatMap(([alias, p]) => [
        'provider "aws" {',
        `  alias  = "${alias}"`,
        `  region = "${p.region ?? options.region ?? "us-west-2"}"`,
        ...(p.roleArn ? ['  assume_role {', `    role_arn = "${p.roleArn}"`, '  }'] : []),
        '}',
        '',
      ]),
      'module "peering" {',
      `  source = "${source}"`,
      '  providers = {',
      '    aws.requester = aws',
      `    aws.accepter  = ${options.accepter ? "aws.peer" : "aws"}`,
      ...Object.keys(options.accounts ?? {}).map((alias) => `    aws.${alias} = aws.${alias}`),
      '  }',
      ...(options.inputs ?? []).map((line) => `  ${line}`),
      '}',
      '',
      'output "peering_id" {',
      `  value = module.peering.${options.output ?? "peering_api_web_pc_id"}`,
      '}',
      '',
    ].join("\n"),
  );
}

export interface TerraformRun {
  readonly code: number;
  readonly output: string;
}

export function terraform(dir: string, args: readonly string[], env: Record<string, string>): TerraformRun {
  const r = spawnSync(terraformBinary(), [...args], {
    cwd: dir,
    // A long-lived stand-in for the run's world answers, when there is one (offline-aws/server.ts).
    env: withStandInServer(args, { ...process.env, ...env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" }),
    encoding: "utf8",
    timeout: 180_000,
  });
  return { code: r.status ?? -1, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}
