# An EC2 instance launched from a playbook gets a public IP address.
package steward.iac.ansible.ec2_public_ip

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/ec2-public-ip",
    "title": "EC2 instance launched with a public IP address",
    "severity": "medium",
    "confidence": "medium",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-NET-003",
        "STW-NET-004"
    ],
    "description": "An ec2_instance (or legacy ec2) task launches an instance with `network.assign_public_ip: true`, or into the default VPC (no `vpc_subnet_id`) without turning the public address off, so the instance is reachable from the internet and only its security groups stand in the way.",
    "remediation": "Launch into a private subnet (`vpc_subnet_id`) with `network: {assign_public_ip: false}`, and reach the instance through a load balancer, a bastion or SSM Session Manager.",
    "formats": [
        "ansible"
    ]
}

_launches(t) if t.args.image_id

_launches(t) if t.args.image

deny contains {"msg": sprintf("%s launches an instance with a public IP address", [ansible.label(t)]), "path": ["tasks", i, "args", "network", "assign_public_ip"]} if {
	some i, t in input.tasks
	t.module == "ec2_instance"
	_launches(t)
	ansible.truthy(t.args.network.assign_public_ip)
}

deny contains {"msg": sprintf("%s launches into the default VPC, which gives it a public IP address", [ansible.label(t)]), "path": ["tasks", i, "args", "vpc_subnet_id"]} if {
	some i, t in input.tasks
	t.module == "ec2_instance"
	_launches(t)
	not t.args.vpc_subnet_id
	not _set(t.args.network)
}

_set(network) if {
	is_object(network)
	ansible.falsy(network.assign_public_ip)
}

deny contains {"msg": sprintf("%s launches an instance with a public IP address", [ansible.label(t)]), "path": ["tasks", i, "args", "assign_public_ip"]} if {
	some i, t in input.tasks
	t.module == "ec2"
	ansible.truthy(t.args.assign_public_ip)
}
