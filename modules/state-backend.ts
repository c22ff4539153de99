import { LocalBackend, S3Backend, TerraformBackend } from "cdktf";
import { Construct } from "constructs";

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
  /** S3 endpoint override, e.g. an S3-compatible store or a local test server. */
  readonly endpoint?: string;
  readonly usePathStyle?: boolean;
  readonly skipCredentialsValidation?: boolean;
}

export interface LocalStateProps {
  readonly type: "local";
  /** @default terraform.<stack>.tfstate in the stack directory */
  readonly path?: string;
}

export type StateBackendProps = S3StateProps | LocalStateProps;

/**
 * Where the stack keeps its state. S3 state is always encrypted and locked with Terraform's
 * S3-native lock file (DynamoDB locking is deprecated since Terraform 1.10).
 */
export class StateBackend extends Construct {
  readonly backend: TerraformBackend;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    if (props.type === "local") {
      this.backend = new LocalBackend(this, { path: props.path });
      return;
    }
    const endpointOnly = props.endpoint !== undefined;
    const backend = new S3Backend(this, {
      bucket: props.bucket,
      key: props.key,
      region: props.region,
      encrypt: true,
      kmsKeyId: props.kmsKeyId,
      workspaceKeyPrefix: props.workspaceKeyPrefix,
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
    this.backend = backend;
  }
}
