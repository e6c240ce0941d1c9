resource "aws_db_instance" "ledger" {
  identifier                  = "ledger"
  engine                      = "postgres"
  instance_class              = "db.t3.large"
  allocated_storage           = 100
  username                    = "ledger"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = false
  vpc_security_group_ids      = [aws_security_group.ledger_db.id]
}

resource "aws_security_group" "ledger_db" {
  name   = "ledger-db"
  vpc_id = "vpc-0a1b2c3d"

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    cidr_blocks     = ["10.20.0.0/16"]
  }
}
