import {
  App,
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TaggedCloudWorkspaces,
  TerraformBackend,
  TerraformStack,
} from "cdktf";
import { Construct } from "constructs";
import { ConfigError } from "../../core/problems";
import { cloudBackendProblems, defaultLocalStatePath, localStatePathProblem } from "../../core/backend";

export interface S3StateProps {
  readonly type: "s3";
  readonly bucket: string;
  /** Object key of the state, e.g. `vpc-peering/lab.tfstate`. */
  readonly key: string;
  readonly region: string;
  /** KMS key for server-side encryption of the state. @default SSE-S3 */
  readonly kmsKeyId?: string;
  /** Prefix for non-default workspaces. @default "env:" (Terraform's) */
  readonly workspaceKeyPrefix?: string;
  /** Role Terraform assumes to reach the state. @default the caller's credentials */
  readonly assumeRole?: { readonly roleArn: string; readonly sessionName?: string; readonly externalId?: string };
  /** S3 endpoint override, e.g. an S3-compatible store or a local test server. */
  readonly endpoint?: string;
  readonly usePathStyle?: boolean;
  readonly skipCredentialsValidation?: boolean;
}

export interface CloudStateProps {
  readonly type: "cloud";
  /** @default the TF_CLOUD_ORGANIZATION environment variable, read by Terraform at init */
  readonly organization?: string;
  /** @default app.terraform.io */
  readonly hostname?: string;
  /** One workspace by name, or all workspaces with these tags. @default TF_WORKSPACE, read at init */
  readonly workspaces?: { readonly name: string } | { readonly tags: readonly string[] };
  /** Project of the workspace(s); needs `workspaces`. @default the organization's default project */
  readonly project?: string;
  /** Where to look for TF_CLOUD_ORGANIZATION / TF_WORKSPACE at synth time. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface LocalStateProps {
  readonly type: "local";
  /**
   * Relative paths are taken from the stack's directory (where Terraform runs), so the JSON holds
   * no path of the machine that synthesized it. A path inside the synth output is refused: the
   * cdktf CLI deletes stack directories on a config switch.
   * @default ../../../terraform.<stack>.tfstate: beside the output directory (for cdktf.out, in the project directory)
   */
  readonly path?: string;
}

export type StateBackendProps = S3StateProps | CloudStateProps | LocalStateProps;

/**
 * Where the stack keeps its state. S3 state is always encrypted and locked with Terraform's
 * S3-native lock file (DynamoDB locking is deprecated since Terraform 1.10). HCP Terraform
 * (`cloud`) settings left out of the config are left out of the block, for Terraform to take
 * from TF_CLOUD_ORGANIZATION / TF_WORKSPACE.
 */
export class StateBackend extends Construct {
  readonly backend: TerraformBackend;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    if (props.type === "local") {
      this.backend = new LocalBackend(this, { path: localPath(this, props) });
    } else if (props.type === "cloud") {
      this.backend = cloudBackend(this, props);
    } else {
      this.backend = s3Backend(this, props);
    }
  }
}

/**
 * cdktf's own default is an absolute path on the synthesizing machine: never commit that. The
 * default is the same file name written relative to `<outdir>/stacks/<stack>`, where Terraform
 * runs: beside the output directory.
 */
function localPath(scope: Construct, props: LocalStateProps): string {
  const stack = TerraformStack.of(scope).node.id;
  if (props.path === undefined) return defaultLocalStatePath(stack);
  const problem = localStatePathProblem(stack, props.path, "backend.path", App.of(scope).outdir);
  if (problem) throw new ConfigError("state backend", [problem]);
  return props.path;
}

function cloudBackend(scope: Construct, props: CloudStateProps): CloudBackend {
  const problems = cloudBackendProblems(props, props.env ?? process.env);
  if (problems.length > 0) throw new ConfigError("state backend", problems);
  const ws = props.workspaces;
  const backend = new CloudBackend(scope, {
    // Both may be undefined here: the overrides below drop them so Terraform reads the environment.
    organization: props.organization as string,
    hostname: props.hostname,
    workspaces: ws === undefined
      ? new NamedCloudWorkspace("")
      : "name" in ws
        ? new NamedCloudWorkspace(ws.name, props.project)
        : new TaggedCloudWorkspaces([...ws.tags], props.project),
  });
  if (ws === undefined) backend.addOverride("workspaces", undefined);
  return backend;
}

function s3Backend(scope: Construct, props: S3StateProps): S3Backend {
  const endpointOnly = props.endpoint !== undefined;
  const backend = new S3Backend(scope, {
    bucket: props.bucket,
    key: props.key,
    region: props.region,
    encrypt: true,
    kmsKeyId: props.kmsKeyId,
    workspaceKeyPrefix: props.workspaceKeyPrefix,
    assumeRole: props.assumeRole
      ? { roleArn: props.assumeRole.roleArn, sessionName: props.assumeRole.sessionName, externalId: props.assumeRole.externalId }
      : undefined,
    ...(endpointOnly
      ? {
          endpoints: { s3: props.endpoint },
          usePathStyle: props.usePathStyle ?? true,
          skipCredentialsValidation: props.skipCredentialsValidation ?? true,
          skipRequestingAccountId: props.skipCredentialsValidation ?? true,
          skipMetadataApiCheck: true,
          skipRegionValidation: true,
        }
      : { usePathStyle: props.usePathStyle, skipCredentialsValidation: props.skipCredentialsValidation }),
  });
  // cdktf 0.21's S3BackendConfig predates use_lockfile.
  backend.addOverride("use_lockfile", true);
  return backend;
}
