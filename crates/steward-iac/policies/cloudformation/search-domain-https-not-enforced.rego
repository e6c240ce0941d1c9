# Elasticsearch/OpenSearch domain accepts plain HTTP.
package steward.iac.cloudformation.search_domain_https_not_enforced

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/search-domain-https-not-enforced",
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
    "description": "An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` does not set `DomainEndpointOptions.EnforceHTTPS: true`, so clients may send queries, documents and credentials over unencrypted HTTP.",
    "remediation": "Set `DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07}`.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("search domain %s does not enforce HTTPS", [name]), "path": _path(name, r)} if {
	some t in ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
	some name, r in cfn.resources(t)
	v := object.get(cfn.props(r), ["DomainEndpointOptions", "EnforceHTTPS"], false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}

_path(name, r) := ["Resources", name, "Properties", "DomainEndpointOptions", "EnforceHTTPS"] if {
	object.get(cfn.props(r), ["DomainEndpointOptions", "EnforceHTTPS"], null) != null
}

_path(name, r) := ["Resources", name] if {
	object.get(cfn.props(r), ["DomainEndpointOptions", "EnforceHTTPS"], null) == null
}
