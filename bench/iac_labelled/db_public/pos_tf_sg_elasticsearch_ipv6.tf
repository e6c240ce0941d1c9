resource "aws_security_group" "search" {
  name   = "search"
  vpc_id = "vpc-0a1b2c3d"

  ingress {
    from_port        = 9200
    to_port          = 9300
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}
