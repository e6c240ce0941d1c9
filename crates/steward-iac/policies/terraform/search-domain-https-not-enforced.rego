# Elasticsearch/OpenSearch domain accepts plain HTTP.
package steward.iac.terraform.search_domain_https_not_enforced

__rego_metadata__ := {
    "id": "iac/terraform/search-domain-https-not-enforced",
    "title": "Elasticsearch/OpenSearch domain accepts plain HTTP",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-001"
    ],
    "description": "An Elasticsearch or OpenSearch domain does not set `domain_endpoint_options { enforce_https = true }`, so clients may send queries, documents and credentials over unencrypted HTTP.",
    "remediation": "Add `domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" }`.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s does not enforce HTTPS", [t, name]), "path": _path(t, name, d)} if {
	some t in ["aws_elasticsearch_domain", "aws_opensearch_domain"]
	some name, d in input.resource[t]
	# Missing is false (the API's default); a variable or reference is not a literal false.
	object.get(d, ["domain_endpoint_options", 0, "enforce_https"], false) == false
}

_path(t, name, d) := ["resource", t, name, "domain_endpoint_options", 0, "enforce_https"] if d.domain_endpoint_options[0].enforce_https == false

_path(t, name, d) := ["resource", t, name] if not d.domain_endpoint_options[0].enforce_https == false
