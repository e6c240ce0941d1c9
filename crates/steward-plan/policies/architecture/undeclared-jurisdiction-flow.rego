# Sensitive data flows to a jurisdiction not declared.
package steward.arch.undeclared_jurisdiction_flow

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/undeclared-jurisdiction-flow",
    "title": "Sensitive data flows to a jurisdiction not declared",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-359"
    ],
    "requirements": [
        "STW-DATA-013"
    ],
    "description": "A flow carries sensitive data to a component whose `jurisdiction` is not among `[data] jurisdictions`: a cross-border transfer nobody declared.",
    "remediation": "Keep the data in a declared jurisdiction, or add the jurisdiction to `[data] jurisdictions` once the transfer has a legal basis and safeguards.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s sends %s data to %s, which [data] jurisdictions does not list", [f.from, f.to, arch.joined(arch.sensitive(arch.flow_data(f))), j]), "path": ["flows", i], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	count(arch.sensitive(arch.flow_data(f))) > 0
	j := arch.by_id[f.to].jurisdiction
	not j in arch.declared_jurisdictions
}
