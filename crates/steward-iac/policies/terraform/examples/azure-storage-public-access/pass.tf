resource "azurerm_storage_account" "data" {
  name                            = "acmedata"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_container" "files" {
  name                  = "files"
  container_access_type = "private"
}
