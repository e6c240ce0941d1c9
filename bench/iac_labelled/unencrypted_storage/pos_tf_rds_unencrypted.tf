resource "aws_db_instance" "orders" {
  identifier                = "orders-db"
  engine                    = "postgres"
  engine_version            = "15.4"
  instance_class            = "db.t3.medium"
  allocated_storage         = 50
  username                  = "orders"
  manage_master_user_password = true
  db_subnet_group_name      = "private"
  skip_final_snapshot       = false
  backup_retention_period   = 7
}
