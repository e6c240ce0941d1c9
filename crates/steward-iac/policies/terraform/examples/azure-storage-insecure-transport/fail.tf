resource "azurerm_storage_account" "data" {
  name                      = "acmedata"
# expect
  enable_https_traffic_only = false
# expect
  min_tls_version           = "TLS1_0"
}
