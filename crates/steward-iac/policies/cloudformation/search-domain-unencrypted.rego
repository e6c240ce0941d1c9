# OpenSearch domain does not encrypt data at rest or between nodes.
package steward.iac.cloudformation.search_domain_unencrypted

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/search-domain-unencrypted",
    "title": "OpenSearch domain does not encrypt data at rest or between nodes",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-311"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-002",
        "STW-DATA-003"
    ],
    "description": "An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` does not enable `EncryptionAtRestOptions` or `NodeToNodeEncryptionOptions`, so its indices, or the traffic between its nodes, are in clear.",
    "remediation": "Set `EncryptionAtRestOptions: {Enabled: true}` and `NodeToNodeEncryptionOptions: {Enabled: true}` (and `DomainEndpointOptions.EnforceHTTPS: true`).",
    "formats": [
        "cloudformation"
    ]
}

options := {"EncryptionAtRestOptions": "at rest", "NodeToNodeEncryptionOptions": "between nodes"}

deny contains {"msg": sprintf("search domain %s does not encrypt data %s", [name, what]), "path": ["Resources", name, "Properties", opt, "Enabled"]} if {
	some t in ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
	some name, r in cfn.resources(t)
	some opt, what in options
	v := object.get(cfn.props(r), [opt, "Enabled"], false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
