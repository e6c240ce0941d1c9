# Azure storage accepts plain HTTP or old TLS.
package steward.iac.terraform.azure_storage_insecure_transport

__rego_metadata__ := {
    "id": "iac/terraform/azure-storage-insecure-transport",
    "title": "Azure storage accepts plain HTTP or old TLS",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A storage account sets `https_traffic_only_enabled` / `enable_https_traffic_only = false`, or a `min_tls_version` below TLS 1.2.",
    "remediation": "Require HTTPS and set `min_tls_version = \"TLS1_2\"`.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("azurerm_storage_account.%s accepts plain HTTP", [name]), "path": ["resource", "azurerm_storage_account", name, attr]} if {
	some name, a in input.resource.azurerm_storage_account
	some attr in ["https_traffic_only_enabled", "enable_https_traffic_only"]
	a[attr] == false
}

deny contains {"msg": sprintf("azurerm_storage_account.%s allows %s", [name, a.min_tls_version]), "path": ["resource", "azurerm_storage_account", name, "min_tls_version"]} if {
	some name, a in input.resource.azurerm_storage_account
	a.min_tls_version in {"TLS1_0", "TLS1_1"}
}
