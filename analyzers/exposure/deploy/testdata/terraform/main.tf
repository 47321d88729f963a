resource "aws_security_group" "cache" {
  name   = "cache"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 11211
    to_port     = 11211
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "cache_udp" {
  type              = "ingress"
  from_port         = 11000
  to_port           = 12000
  protocol          = "udp"
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.cache.id
}

resource "google_compute_firewall" "cache" {
  name    = "cache"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["11211"]
  }
  source_ranges = ["0.0.0.0/0"]
}

resource "azurerm_network_security_rule" "cache" {
  name                        = "cache"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "11211"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
}
