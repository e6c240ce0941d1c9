# Role grants privilege-escalation permissions.
package steward.iac.kubernetes.rbac_escalation_verbs

import data.steward.lib.kubernetes as k8s

__rego_metadata__ := {
    "id": "iac/kubernetes/rbac-escalation-verbs",
    "title": "Role grants privilege-escalation permissions",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-006",
        "STW-ACCESS-007"
    ],
    "description": "A Role or ClusterRole grants a permission that leads to more privilege: `escalate`, `bind` or `impersonate`, `create` on pods/exec, pods/attach or serviceaccounts/token, or `nodes/proxy`, or approving certificate signing requests. Whoever holds it can act as other identities or run commands in other workloads.",
    "remediation": "Remove the permission; grant exec or impersonation to named humans through short-lived, audited access instead of to workloads.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s %s grants `%s`", [input.kind, object.get(input.metadata, "name", "?"), verb]), "path": ["rules", r.i, "verbs", j]} if {
	some r in data.steward.lib.kubernetes.rbac_rules
	is_array(r.rule.verbs)
	some j, verb in r.rule.verbs
	verb in {"escalate", "bind", "impersonate"}
}

_dangerous := {
	"pods/exec": "create",
	"pods/attach": "create",
	"serviceaccounts/token": "create",
	"nodes/proxy": "get",
	"certificatesigningrequests/approval": "update",
}

deny contains {"msg": sprintf("%s %s can %s %s", [input.kind, object.get(input.metadata, "name", "?"), verb, res]), "path": ["rules", r.i, "resources", j]} if {
	some r in data.steward.lib.kubernetes.rbac_rules
	is_array(r.rule.resources)
	some j, res in r.rule.resources
	verb := _dangerous[res]
	k8s.rule_has(r.rule, "verbs", verb)
}
