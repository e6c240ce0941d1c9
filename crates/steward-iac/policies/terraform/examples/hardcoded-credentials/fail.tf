variable "db_password" {
  default = "hunter2hunter2"
}

provider "aws" {
  region     = "eu-west-1"
# expect
  access_key = "AKIAIOSFODNN7EXAMPLE"
}

resource "aws_db_instance" "orders" {
  engine   = "postgres"
# expect
  password = var.db_password
}
