# Azure storage allows anonymous public access.
package steward.iac.terraform.azure_storage_public_access

__rego_metadata__ := {
    "id": "iac/terraform/azure-storage-public-access",
    "title": "Azure storage allows anonymous public access",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "A storage account allows public blob access (`allow_nested_items_to_be_public` / `allow_blob_public_access = true`), or a container sets `container_access_type` to `blob` or `container`.",
    "remediation": "Set `allow_nested_items_to_be_public = false` on the account and `container_access_type = \"private\"` on containers; share with SAS tokens or Entra ID roles.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("azurerm_storage_account.%s allows public blob access", [name]), "path": ["resource", "azurerm_storage_account", name, attr]} if {
	some name, a in input.resource.azurerm_storage_account
	some attr in ["allow_nested_items_to_be_public", "allow_blob_public_access"]
	a[attr] == true
}

deny contains {"msg": sprintf("azurerm_storage_container.%s is publicly readable (%s)", [name, c.container_access_type]), "path": ["resource", "azurerm_storage_container", name, "container_access_type"]} if {
	some name, c in input.resource.azurerm_storage_container
	c.container_access_type in {"blob", "container"}
}
