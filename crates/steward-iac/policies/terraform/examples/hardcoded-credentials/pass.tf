variable "db_password" {
  sensitive = true
}

resource "aws_db_instance" "orders" {
  engine   = "postgres"
  password = var.db_password
}

resource "aws_rds_cluster" "aurora" {
  engine                      = "aurora-postgresql"
  manage_master_user_password = true
}
