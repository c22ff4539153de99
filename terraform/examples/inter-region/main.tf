# One account, two regions: the connection names peer_region, and aws.accepter accepts it.
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
  alias  = "east"
  region = "us-east-1"
}

module "peering" {
  source = "../../vpc-peering"
  providers = {
    aws.requester = aws
    aws.accepter  = aws.east
  }

  name             = "west-east"
  requester_vpc_id = "vpc-0a1b2c3d4e5f60002"
  accepter_vpc_id  = "vpc-0e0e0e0e0e0e00001"

  requester_allow_remote_vpc_dns_resolution = true
  accepter_allow_remote_vpc_dns_resolution  = true
  flow_logs                                 = { log_group_name = "peering-flow-logs" }
}

output "connection_id" {
  value = module.peering.connection_id
}
