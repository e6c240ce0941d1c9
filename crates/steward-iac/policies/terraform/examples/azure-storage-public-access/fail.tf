resource "azurerm_storage_account" "data" {
  name                            = "acmedata"
# expect
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_container" "files" {
  name                  = "files"
# expect
  container_access_type = "container"
}
