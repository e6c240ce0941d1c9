# Security group opens an admin port to the internet.
package steward.iac.cloudformation.sg_admin_port_open

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/sg-admin-port-open",
    "title": "Security group opens an admin port to the internet",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-284"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-NET-006",
        "STW-ACCESS-001"
    ],
    "description": "An ingress rule (inline in `AWS::EC2::SecurityGroup` or an `AWS::EC2::SecurityGroupIngress`) allows SSH (22) or RDP (3389) from 0.0.0.0/0 or ::/0, so anyone on the internet can try to log in.",
    "remediation": "Allow the port only from known ranges (a VPN, a bastion's security group), or use SSM Session Manager and close the port.",
    "formats": [
        "cloudformation"
    ]
}

ports := {22, 3389}

deny contains {"msg": sprintf("security group %s opens port %d to the internet", [r.name, port]), "path": r.path} if {
	some r in data.steward.lib.cloudformation.world_ingress
	some port in ports
	cfn.covers_port(r.rule, port)
}
