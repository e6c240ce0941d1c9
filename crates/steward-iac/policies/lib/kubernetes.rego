# Helpers for Kubernetes policies: where a workload's Pod spec is, whatever its kind, so
# one policy covers Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and
# CronJobs.
package steward.lib.kubernetes

workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

pod_spec_path := ["spec"] if input.kind == "Pod"

pod_spec_path := ["spec", "template", "spec"] if input.kind in workload_kinds

pod_spec_path := ["spec", "jobTemplate", "spec", "template", "spec"] if input.kind == "CronJob"

pod_spec := object.get(input, pod_spec_path, {})

# "Kind/name", how messages name a workload.
name := sprintf("%s/%s", [input.kind, object.get(object.get(input, "metadata", {}), "name", "?")])

# Every container of the Pod spec, init and ephemeral ones included, with its path.
# `name` is the container's name, or `#i` when it has none (a nameless container is
# invalid, but the others' results must still stand).
containers contains {"container": c, "name": _name(c, i), "path": array.concat(pod_spec_path, [field, i])} if {
	some field in ["containers", "initContainers", "ephemeralContainers"]
	is_array(pod_spec[field])
	some i, c in pod_spec[field]
	is_object(c)
}

_name(c, _) := c.name if is_string(c.name)

_name(c, i) := sprintf("#%d", [i]) if not is_string(c.name)

# Env entries with a literal value: {"name", "value", "path"}.
env contains {"container": c.container, "name": e.name, "value": e.value, "path": array.concat(c.path, ["env", i])} if {
	some c in containers
	is_array(c.container.env)
	some i, e in c.container.env
	is_string(e.value)
}

# Where the Pod's own metadata (its annotations) is, beside its spec.
pod_meta_path := array.concat(array.slice(pod_spec_path, 0, count(pod_spec_path) - 1), ["metadata"])

pod_meta := object.get(input, pod_meta_path, {})

# The rules of a Role or ClusterRole, with their index.
rbac_rules contains {"rule": rule, "i": i} if {
	input.kind in {"Role", "ClusterRole"}
	some i, rule in input.rules
	is_object(rule)
}

# Whether a rule's list `field` holds `value` (or `*`).
rule_has(rule, field, value) if {
	is_array(rule[field])
	some v in rule[field]
	v in {value, "*"}
}
