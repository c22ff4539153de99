# Both VPCs and their route tables created in the same plan: their tables cannot be listed
# before apply, so the caller passes the ids (the module keys them by position).
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0, < 7.0.0" }
  }
}

provider "aws" {
  region = "us-west-2"
}

resource "aws_vpc" "app" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "app" }
}

resource "aws_vpc" "data" {
  cidr_block           = "10.31.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "data" }
}

resource "aws_route_table" "app" {
  vpc_id = aws_vpc.app.id
}

resource "aws_route_table" "data" {
  vpc_id = aws_vpc.data.id
}

module "peering" {
  source = "../../vpc-peering"
  providers = {
    aws.requester = aws
    aws.accepter  = aws
  }

  name                      = "app-data"
  requester_vpc_id          = aws_vpc.app.id
  accepter_vpc_id           = aws_vpc.data.id
  requester_route_table_ids = [aws_route_table.app.id, aws_vpc.app.main_route_table_id]
  accepter_route_table_ids  = [aws_route_table.data.id]
}

output "connection_id" {
  value = module.peering.connection_id
}
