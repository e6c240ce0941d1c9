# Load balancer listener allows TLS 1.0 or 1.1.
package steward.iac.cloudformation.lb_outdated_tls_policy

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/lb-outdated-tls-policy",
    "title": "Load balancer listener allows TLS 1.0 or 1.1",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-326"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003",
        "STW-CRYPTO-001"
    ],
    "description": "An HTTPS or TLS `AWS::ElasticLoadBalancingV2::Listener` uses an `SslPolicy` that still accepts TLS 1.0 or 1.1 (`ELBSecurityPolicy-2016-08`, the default, among them).",
    "remediation": "Use a TLS 1.2+ policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.",
    "formats": [
        "cloudformation"
    ]
}

outdated := {
	"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS-1-0-2015-04",
	"ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08",
	"ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06",
	"ELBSecurityPolicy-TLS13-1-0-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-1-PQ-2025-09",
}

deny contains {"msg": sprintf("listener %s uses %s, which accepts TLS 1.0 or 1.1", [name, policy]), "path": ["Resources", name, "Properties", "SslPolicy"]} if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	p := cfn.props(r)
	upper(object.get(p, "Protocol", "")) in {"HTTPS", "TLS"}
	policy := object.get(p, "SslPolicy", "ELBSecurityPolicy-2016-08")
	policy in outdated
}
