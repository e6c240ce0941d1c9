resource "aws_db_instance" "orders" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
# expect
  storage_encrypted = false
}

# expect
resource "aws_rds_cluster" "aurora" {
  engine = "aurora-postgresql"
}
