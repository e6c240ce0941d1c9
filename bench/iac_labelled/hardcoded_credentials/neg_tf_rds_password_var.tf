variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "blog" {
  identifier        = "blog"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  username          = "blog"
  password          = var.db_password
}
