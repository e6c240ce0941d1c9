# Load balancer listener serves plain HTTP.
package steward.iac.terraform.lb_http_listener

__rego_metadata__ := {
    "id": "iac/terraform/lb-http-listener",
    "title": "Load balancer listener serves plain HTTP",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "An ALB listener uses protocol HTTP without redirecting to HTTPS, so traffic (cookies, tokens, form data) crosses the network unencrypted.",
    "remediation": "Serve HTTPS with a certificate and a modern `ssl_policy`; make the HTTP listener a `redirect` to HTTPS.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("%s.%s serves plain HTTP", [t, name]), "path": ["resource", t, name, "protocol"]} if {
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some name, l in input.resource[t]
	l.protocol == "HTTP"
	not _redirects(l)
}

_redirects(l) if {
	some a in l.default_action
	a.type == "redirect"
}
