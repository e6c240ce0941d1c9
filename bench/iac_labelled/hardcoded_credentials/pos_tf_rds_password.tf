resource "aws_db_instance" "wordpress" {
  identifier        = "wordpress"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  username          = "wpadmin"
  password          = "Wp!Adm1n-2023-prod"
}
