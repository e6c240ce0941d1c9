# Sensitive product with no declared architecture.
package steward.arch.no_components_declared

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/no-components-declared",
    "title": "Sensitive product with no declared architecture",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-1059"
    ],
    "requirements": [
        "STW-CHANGE-002",
        "STW-NET-001"
    ],
    "description": "The product declares sensitive data classes but no components, so its architecture cannot be reviewed and no data-flow diagram can be drawn.",
    "remediation": "Describe the components and flows in steward.toml (`steward init` proposes them from docker-compose, Kubernetes and Terraform files).",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("the product handles %s data but declares no components to review", [arch.joined(arch.sensitive(arch.product_classes))]), "path": ["data", "classes"], "components": []} if {
	count(arch.sensitive(arch.product_classes)) > 0
	count(arch.components) == 0
}
