resource "aws_db_instance" "orders" {
  engine                  = "postgres"
# expect
  backup_retention_period = 0
}
