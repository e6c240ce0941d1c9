resource "aws_db_instance" "analytics" {
  identifier                  = "analytics"
  engine                      = "mysql"
  instance_class              = "db.t3.large"
  allocated_storage           = 100
  username                    = "analytics"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = true
}
