# Helpers for Terraform policies: which companion resources (public access blocks,
# versioning, encryption, logging) cover a bucket, security group rules open to the
# world, and statements of JSON policy documents.
package steward.lib.terraform

# Whether `value` (an attribute of a companion resource) names bucket `name`: by
# reference (`${aws_s3_bucket.logs.id}`) or by the same literal bucket name.
bucket_ref(value, name) if {
	is_string(value)
	contains(value, sprintf("aws_s3_bucket.%s.", [name]))
}

bucket_ref(value, name) if {
	is_string(value)
	value == input.resource.aws_s3_bucket[name].bucket
}

# The companion resources of `type` that apply to bucket `name`.
companions(type, name) := [c |
	some c in input.resource[type]
	bucket_ref(c.bucket, name)
]

# A literal value: written in the file, not a reference, not computed.
literal(v) if {
	is_string(v)
	not contains(v, "${")
}

literal(v) if is_number(v)

literal(v) if is_boolean(v)

world(c) if {
	is_string(c)
	net.cidr_is_valid(c)
	net.cidr_contains(c, "0.0.0.0/0")
}

world(c) if {
	is_string(c)
	net.cidr_is_valid(c)
	net.cidr_contains(c, "::/0")
}

# Ingress rules open to the whole internet, from inline `ingress` blocks, standalone
# `aws_security_group_rule`s and `aws_vpc_security_group_ingress_rule`s. `path` is the
# CIDR attribute that opens it.
world_ingress contains {"name": concat(".", ["aws_security_group", name]), "rule": rule, "from": rule.from_port, "to": rule.to_port, "protocol": rule.protocol, "path": ["resource", "aws_security_group", name, "ingress", i, attr]} if {
	some name, sg in input.resource.aws_security_group
	some i, rule in sg.ingress
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	some c in rule[attr]
	world(c)
}

world_ingress contains {"name": concat(".", ["aws_security_group_rule", name]), "rule": rule, "from": rule.from_port, "to": rule.to_port, "protocol": rule.protocol, "path": ["resource", "aws_security_group_rule", name, attr]} if {
	some name, rule in input.resource.aws_security_group_rule
	rule.type == "ingress"
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	some c in rule[attr]
	world(c)
}

world_ingress contains {"name": concat(".", ["aws_vpc_security_group_ingress_rule", name]), "rule": rule, "from": object.get(rule, "from_port", 0), "to": object.get(rule, "to_port", 65535), "protocol": rule.ip_protocol, "path": ["resource", "aws_vpc_security_group_ingress_rule", name, attr]} if {
	some name, rule in input.resource.aws_vpc_security_group_ingress_rule
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	world(rule[attr])
}

covers_port(r, _) if lower(sprintf("%v", [r.protocol])) in {"-1", "all"}

covers_port(r, port) if {
	not lower(sprintf("%v", [r.protocol])) in {"-1", "all"}
	is_number(r.from)
	is_number(r.to)
	r.from <= port
	port <= r.to
}

# The statements of a JSON policy document string, always as an array.
statements(doc) := s if {
	is_string(doc)
	json.is_valid(doc)
	parsed := json.unmarshal(doc)
	s := _as_array(object.get(parsed, "Statement", []))
}

_as_array(x) := x if is_array(x)

_as_array(x) := [x] if is_object(x)

as_array(x) := _as_array(x)

as_array(x) := [x] if is_string(x)
