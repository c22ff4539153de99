# The seed lab through terraform/vpc-peering: api-vpc requests, web-vpc accepts, both in one
# account and region (the same provider twice). Every route table of both VPCs gets a route,
# found at plan time.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0, < 7.0.0" }
  }
}

provider "aws" {
  region = "us-west-2"
}

data "aws_vpc" "api" {
  tags = { Name = "api-vpc" }
}

data "aws_vpc" "web" {
  tags = { Name = "web-vpc" }
}

data "aws_lb" "api" {
  name = "api-elb"
}

module "peering" {
  source = "../../vpc-peering"
  providers = {
    aws.requester = aws
    aws.accepter  = aws
  }

  name             = "api-web-pc"
  requester_vpc_id = data.aws_vpc.api.id
  accepter_vpc_id  = data.aws_vpc.web.id

  requester_allow_remote_vpc_dns_resolution = true
  accepter_allow_remote_vpc_dns_resolution  = true

  flow_logs = { log_group_name = "flow-logs-group", retention_in_days = 30 }
  private_zone = {
    name    = "lab.private"
    records = { api = { name = "api.elb", type = "CNAME", ttl = 300, records = [data.aws_lb.api.dns_name] } }
  }
  tags = { Project = "vpc-peering-lab" }
}

output "connection_id" {
  value = module.peering.connection_id
}
