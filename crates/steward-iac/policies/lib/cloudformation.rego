# Helpers for CloudFormation policies: resources by type, values that CloudFormation
# reads as booleans and numbers whether written as such or as strings, literal secrets,
# security group rules open to the world, and the statements of policy documents.
# Intrinsic functions arrive in their long form ({"Ref": ...}, {"Fn::Sub": ...}).
package steward.lib.cloudformation

import data.steward.lib.terraform as tf

# Every resource that is a map, by logical id.
all_resources := {name: r |
	some name, r in _resources_section
	is_object(r)
}

_resources_section := input.Resources if is_object(input.Resources)

else := {}

# The resources of type `t`, by logical id.
resources(t) := {name: r |
	some name, r in all_resources
	r.Type == t
}

# `x` when it is a list, else the empty list: templates are not always well formed.
list(x) := x if is_array(x)

else := []

# A resource's Properties ({} when absent or not a map).
props(r) := p if {
	p := r.Properties
	is_object(p)
} else := {}

# CloudFormation takes "true"/"false" strings for booleans (JSON templates often do).
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

# A number written as a number or a string of digits.
num(v) := v if is_number(v)

num(v) := to_number(v) if {
	is_string(v)
	regex.match(`^-?[0-9]+$`, v)
}

# Whether `v` is a function call or reference ({"Ref": ...}, {"Fn::...": ...}): its value
# is only known when the stack is deployed.
intrinsic(v) if {
	is_object(v)
	count(v) == 1
	some k, _ in v
	_intrinsic_key(k)
}

_intrinsic_key(k) if k == "Ref"

_intrinsic_key(k) if startswith(k, "Fn::")

# A secret written into the template: a non-empty literal string that is not a dynamic
# reference (`{{resolve:secretsmanager:...}}`), or a `Ref` to a parameter whose `Default`
# is such a literal.
literal_secret(v) if _literal_secret_string(v)

literal_secret(v) if {
	is_object(v)
	name := v.Ref
	is_string(name)
	_literal_secret_string(input.Parameters[name].Default)
}

_literal_secret_string(v) if {
	is_string(v)
	trim_space(v) != ""
	not contains(v, "{{resolve:")
}

# A CIDR that covers the whole internet.
world(c) := tf.world(c)

# Ingress rules open to the whole internet, inline in `AWS::EC2::SecurityGroup` or as
# `AWS::EC2::SecurityGroupIngress` resources; `path` is the CIDR that opens it.
world_ingress contains {"name": name, "rule": rule, "path": ["Resources", name, "Properties", "SecurityGroupIngress", i, attr]} if {
	some name, r in resources("AWS::EC2::SecurityGroup")
	some i, rule in list(props(r).SecurityGroupIngress)
	is_object(rule)
	some attr in ["CidrIp", "CidrIpv6"]
	tf.world(rule[attr])
}

world_ingress contains {"name": name, "rule": rule, "path": ["Resources", name, "Properties", attr]} if {
	some name, r in resources("AWS::EC2::SecurityGroupIngress")
	rule := props(r)
	some attr in ["CidrIp", "CidrIpv6"]
	tf.world(rule[attr])
}

# Whether an ingress rule lets TCP traffic to `port` in (protocol -1 is every protocol).
covers_port(rule, _) if lower(sprintf("%v", [rule.IpProtocol])) in {"-1", "all"}

covers_port(rule, port) if {
	lower(sprintf("%v", [rule.IpProtocol])) in {"tcp", "6"}
	num(rule.FromPort) <= port
	port <= num(object.get(rule, "ToPort", rule.FromPort))
}

# A policy document as a map: written as a map, or as a JSON string.
document(d) := d if is_object(d)

document(d) := json.unmarshal(d) if {
	is_string(d)
	json.is_valid(d)
}

# The statements of a policy document with their paths relative to the document.
statements(d) := [{"path": ["Statement", i], "statement": st} | some i, st in document(d).Statement; is_object(st)] if is_array(document(d).Statement)

statements(d) := [{"path": ["Statement"], "statement": document(d).Statement}] if is_object(document(d).Statement)

as_array(x) := x if is_array(x)

as_array(x) := [x] if not is_array(x)

# A principal that is everyone: "*", {"AWS": "*"} or a list holding "*".
public_principal(p) if p == "*"

public_principal(p) if {
	is_object(p)
	some who in as_array(object.get(p, "AWS", []))
	who == "*"
}

# Every statement of every policy document the template attaches, with its resource and
# its path: `AWS::S3::BucketPolicy`, `AWS::SQS::QueuePolicy`, `AWS::SNS::TopicPolicy`
# and the IAM policy resources (inline `Policies` of roles, users and groups included).
policy_statements contains {"name": name, "type": r.Type, "statement": s.statement, "path": array.concat(d.path, s.path)} if {
	some name, r in all_resources
	some d in _documents(name, r)
	some s in statements(d.doc)
}

_single_document_types := {
	"AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy",
	"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
	"AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy",
}

_documents(name, r) := {{"path": ["Resources", name, "Properties", "PolicyDocument"], "doc": props(r).PolicyDocument}} if r.Type in _single_document_types

_documents(name, r) := {{"path": ["Resources", name, "Properties", "Policies", j, "PolicyDocument"], "doc": p.PolicyDocument} |
	some j, p in list(props(r).Policies)
	is_object(p)
} if r.Type in {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}

# Statements that allow (Effect defaults to nothing in IAM, so it must say Allow).
allows(st) if st.Effect == "Allow"
