# Product with no owner.
package steward.arch.product_without_owner

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/product-without-owner",
    "title": "Product with no owner",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-1059"
    ],
    "requirements": [
        "STW-CONFIG-010"
    ],
    "description": "`[product]` names no `owner` while it declares data or components: no team is accountable for the product's requirements, findings and risk acceptances.",
    "remediation": "Set `owner` in `[product]` to the accountable team.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("product `%s` has no owner", [input.product.name]), "path": ["product"], "components": []} if {
	not input.product.owner
	declares_something
}

# A bare `[product]` (enough for `steward scan`) is not a design to review.
declares_something if count(arch.components) > 0

declares_something if count(arch.product_classes) > 0
