# Two accounts (the accepter's through an assumed role), one region: the connection names
# peer_owner_id, the accepter's account accepts it and sets its own DNS option, routes and flow
# log, and the zone's account authorizes the association of the accepter's VPC.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0, < 7.0.0" }
  }
}

provider "aws" {
  region = "us-west-2"
}

provider "aws" {
  alias  = "shared"
  region = "us-west-2"
  assume_role {
    role_arn = "arn:aws:iam::210987654321:role/network-admin"
  }
}

module "peering" {
  source = "../../vpc-peering"
  providers = {
    aws.requester = aws
    aws.accepter  = aws.shared
  }

  name             = "app-to-shared"
  requester_vpc_id = "vpc-0a1b2c3d4e5f60002"
  accepter_vpc_id  = "vpc-0c0c0c0c0c0c00001"

  requester_allow_remote_vpc_dns_resolution = true
  flow_logs                                 = { log_group_name = "peering-flow-logs", retention_in_days = 90 }
  private_zone                              = { name = "shared.internal", records = { db = { name = "db", type = "A", records = ["10.20.0.10"] } } }
}

output "connection_id" {
  value = module.peering.connection_id
}
