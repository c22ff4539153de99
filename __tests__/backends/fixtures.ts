import type { TopologyInput } from "../../modules/app/config/schema";

/** The lab's topology with a replaceable backend block. */
export function labInput(backend: unknown): TopologyInput {
  return {
    stack: "lab",
    region: "us-west-2",
    tags: { Project: "vpc-peering-lab" },
    backend: backend as TopologyInput["backend"],
    vpcs: {
      web: { name: "web-vpc", cidr: "10.0.0.0/16", routeTables: ["web-vpc-rtb"] },
      api: { name: "api-vpc", cidr: "10.1.0.0/16", routeTables: ["api-vpc-rtb"] },
    },
    peerings: [{ name: "api-web-pc", requester: "api", accepter: "web" }],
  };
}
