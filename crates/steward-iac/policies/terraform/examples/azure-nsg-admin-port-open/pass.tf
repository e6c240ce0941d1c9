resource "azurerm_network_security_group" "web" {
  name = "web"
  security_rule {
    name                   = "ssh"
    direction              = "Inbound"
    access                 = "Allow"
    source_address_prefix  = "10.0.0.0/16"
    destination_port_range = "22"
  }
  security_rule {
    name                   = "https"
    direction              = "Inbound"
    access                 = "Allow"
    source_address_prefix  = "*"
    destination_port_range = "443"
  }
}
