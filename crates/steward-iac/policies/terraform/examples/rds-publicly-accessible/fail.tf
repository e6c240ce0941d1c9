resource "aws_db_instance" "orders" {
  engine              = "mysql"
# expect
  publicly_accessible = true
}
