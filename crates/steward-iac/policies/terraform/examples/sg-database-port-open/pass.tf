resource "aws_security_group" "ok" {
  name = "ok"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16", var.office_cidr]
  }
}
