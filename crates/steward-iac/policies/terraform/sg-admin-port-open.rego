# Security group opens an admin port to the internet.
package steward.iac.terraform.sg_admin_port_open

import data.steward.lib.terraform as tf

__rego_metadata__ := {
    "id": "iac/terraform/sg-admin-port-open",
    "title": "Security group opens an admin port to the internet",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-001"
    ],
    "description": "An ingress rule allows SSH (22) or RDP (3389) from 0.0.0.0/0 or ::/0, so anyone on the internet can try to log in or connect.",
    "remediation": "Allow the port only from known ranges (a VPN, a bastion, the application tier security group), or use SSM Session Manager instead of open admin ports.",
    "formats": [
        "terraform"
    ]
}

ports := {22, 3389}

deny contains {"msg": sprintf("%s opens port %d to the internet", [r.name, port]), "path": r.path} if {
	some r in data.steward.lib.terraform.world_ingress
	some port in ports
	tf.covers_port(r, port)
}
