# expect
resource "azurerm_network_security_rule" "sql" {
  name                        = "sql"
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "Internet"
  destination_port_ranges     = ["443", "5000-6000"]
  network_security_group_name = "db"
}
