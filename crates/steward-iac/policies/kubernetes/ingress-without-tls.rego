# Ingress serves plain HTTP.
package steward.iac.kubernetes.ingress_without_tls

__rego_metadata__ := {
    "id": "iac/kubernetes/ingress-without-tls",
    "title": "Ingress serves plain HTTP",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "An Ingress has no `tls` section, so its hosts are served over plain HTTP and whatever crosses it, session cookies and credentials included, can be read and changed on the way.",
    "remediation": "Add a `tls` entry with the hosts and a certificate Secret (cert-manager can issue it), and redirect HTTP to HTTPS.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("Ingress %s has no TLS section", [object.get(input.metadata, "name", "?")]), "path": ["spec", "tls"]} if {
	input.kind == "Ingress"
	count(object.get(object.get(input, "spec", {}), "tls", [])) == 0
}
