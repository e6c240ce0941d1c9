resource "azurerm_network_security_group" "web" {
  name = "web"
# expect
  security_rule {
    name                       = "ssh"
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_address_prefix      = "*"
    destination_port_range     = "22"
    source_port_range          = "*"
    destination_address_prefix = "*"
  }
}
