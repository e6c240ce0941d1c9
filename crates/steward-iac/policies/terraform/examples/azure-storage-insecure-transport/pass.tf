resource "azurerm_storage_account" "data" {
  name            = "acmedata"
  min_tls_version = "TLS1_2"
}
