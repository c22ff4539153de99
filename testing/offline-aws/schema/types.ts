/** A cty type in Terraform's JSON notation ("string", ["list","string"], ["object",{...}]). */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | ["list" | "set" | "map", CtyType]
  | ["object", Record<string, CtyType>];

export interface AttributeSchema {
  type: CtyType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}

export type NestingMode = "single" | "list" | "set" | "map";

export interface NestedBlockSchema {
  nesting_mode: NestingMode;
  block: BlockSchema;
  min_items?: number;
  max_items?: number;
}

export interface BlockSchema {
  attributes: Record<string, AttributeSchema>;
  block_types: Record<string, NestedBlockSchema>;
}

/** Same shape as `terraform providers schema -json` for one provider (the parts we rebuild). */
export interface ProviderSchema {
  provider: { block: BlockSchema };
  resource_schemas: Record<string, { block: BlockSchema; version: number }>;
  data_source_schemas: Record<string, { block: BlockSchema; version: number }>;
}
