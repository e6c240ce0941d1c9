# Service claims external IPs.
package steward.iac.kubernetes.service_external_ips

__rego_metadata__ := {
    "id": "iac/kubernetes/service-external-ips",
    "title": "Service claims external IPs",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-NET-004"
    ],
    "description": "A Service sets `spec.externalIPs`, which makes every node route traffic for those addresses to it. Anyone who can create Services can use the field to intercept traffic meant for another address (CVE-2020-8554).",
    "remediation": "Expose the Service through a LoadBalancer or an Ingress instead, and block `externalIPs` cluster-wide with an admission policy.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("Service %s claims external IP %v", [object.get(input.metadata, "name", "?"), ip]), "path": ["spec", "externalIPs", i]} if {
	input.kind == "Service"
	is_array(input.spec.externalIPs)
	some i, ip in input.spec.externalIPs
}
