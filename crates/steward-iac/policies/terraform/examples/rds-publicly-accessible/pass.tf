resource "aws_db_instance" "orders" {
  engine              = "mysql"
  publicly_accessible = false
}
