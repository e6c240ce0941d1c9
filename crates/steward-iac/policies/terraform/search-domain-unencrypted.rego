# Elasticsearch/OpenSearch domain not encrypted at rest.
package steward.iac.terraform.search_domain_unencrypted

__rego_metadata__ := {
    "id": "iac/terraform/search-domain-unencrypted",
    "title": "Elasticsearch/OpenSearch domain not encrypted at rest",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002"
    ],
    "description": "An Elasticsearch or OpenSearch domain does not enable `encrypt_at_rest`, so its indices and snapshots are stored unencrypted.",
    "remediation": "Add `encrypt_at_rest { enabled = true }` (and `node_to_node_encryption { enabled = true }`).",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s is not encrypted at rest", [t, name]), "path": _path(t, name, d)} if {
	some t in ["aws_elasticsearch_domain", "aws_opensearch_domain"]
	some name, d in input.resource[t]
	not d.encrypt_at_rest[0].enabled == true
}

_path(t, name, d) := ["resource", t, name, "encrypt_at_rest", 0, "enabled"] if d.encrypt_at_rest[0].enabled == false

_path(t, name, d) := ["resource", t, name] if not d.encrypt_at_rest[0].enabled == false
