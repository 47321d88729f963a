# Look-alikes: a VPC CIDR, a web port open to the world, a variable, a
# suppressed rule, egress.
resource "aws_security_group" "cache" {
  ingress {
    from_port   = 11211
    to_port     = 11211
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 11211
    to_port     = 11211
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "bastion" {
  security_group_id = aws_security_group.cache.id
  from_port         = 11211
  to_port           = 11211
  ip_protocol       = "tcp"
  # cachevet:ignore exposure a honeypot: it is meant to be reached
  cidr_ipv4         = "0.0.0.0/0"
}
