# GCP firewall opens an admin or database port to the internet.
package steward.iac.terraform.gcp_firewall_open

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/gcp-firewall-open",
    "title": "GCP firewall opens an admin or database port to the internet",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "A `google_compute_firewall` allows 0.0.0.0/0 to reach SSH, RDP or a database, cache, search or broker port.",
    "remediation": "Limit `source_ranges` to known networks (or Identity-Aware Proxy's 35.235.240.0/20) and use private IPs for data stores.",
    "formats": [
        "terraform"
    ]
}

ports := data.steward.lib.images.database_ports | {22, 3389}

deny contains {"msg": sprintf("google_compute_firewall.%s opens port %d to the internet", [name, port]), "path": ["resource", "google_compute_firewall", name, "source_ranges"]} if {
	some name, fw in input.resource.google_compute_firewall
	lower(object.get(fw, "direction", "INGRESS")) == "ingress"
	some src in fw.source_ranges
	tf.world(src)
	some allow in fw.allow
	some port in ports
	_allows(allow, port)
}

_allows(allow, _) if {
	lower(allow.protocol) in {"all", "tcp"}
	not allow.ports
}

_allows(allow, port) if {
	some p in allow.ports
	_covers(sprintf("%v", [p]), port)
}

_covers(range, port) if {
	regex.match(`^[0-9]+$`, range)
	to_number(range) == port
}

_covers(range, port) if {
	regex.match(`^[0-9]+-[0-9]+$`, range)
	bounds := split(range, "-")
	to_number(bounds[0]) <= port
	port <= to_number(bounds[1])
}
