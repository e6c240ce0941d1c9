resource "aws_db_instance" "orders" {
  engine                  = "postgres"
  backup_retention_period = 14
}
