# A transit gateway for three VPCs of one account and region, kept apart in two groups: prod and
# dev are associated with the `spokes` table, which learns only shared's block, so a spoke cannot
# reach the other spoke (the blackholes say so outright); shared is associated with the `shared`
# table, which learns both spokes' blocks. Each VPC's route table routes what its gateway table
# leads to (prod and dev: shared's block; shared: prod's and dev's) through the gateway.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0, < 7.0.0" }
  }
}

provider "aws" {
  region = "us-west-2"
}

module "transit_gateway" {
  source = "../../transit-gateway"

  name            = "core"
  amazon_side_asn = 64600
  route_tables    = ["spokes", "shared"]

  vpcs = {
    shared = {
      vpc_id          = "vpc-0e0e0e0e0e0e00030"
      subnet_ids      = ["subnet-0a1b2c3d4e5300030", "subnet-0a1b2c3d4e5301030"]
      route_table     = "shared"
      propagate_to    = ["spokes"]
      route_table_ids = ["rtb-0e0e0e0e0e0e00030"]
    }
    prod = {
      vpc_id          = "vpc-0e0e0e0e0e0e00031"
      subnet_ids      = ["subnet-0a1b2c3d4e5310031", "subnet-0a1b2c3d4e5311031"]
      route_table     = "spokes"
      propagate_to    = ["shared"]
      route_table_ids = ["rtb-0e0e0e0e0e0e00031"]
    }
    dev = {
      vpc_id          = "vpc-0e0e0e0e0e0e00032"
      subnet_ids      = ["subnet-0a1b2c3d4e5320032", "subnet-0a1b2c3d4e5321032"]
      route_table     = "spokes"
      propagate_to    = ["shared"]
      route_table_ids = ["rtb-0e0e0e0e0e0e00032"]
    }
  }

  blackholes = { spokes = ["10.31.0.0/16", "10.32.0.0/16"] }
  tags       = { Environment = "example" }
}

output "transit_gateway_id" {
  value = module.transit_gateway.transit_gateway_id
}

output "attachment_ids" {
  value = module.transit_gateway.attachment_ids
}
