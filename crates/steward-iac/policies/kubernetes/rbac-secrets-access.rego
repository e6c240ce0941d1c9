# Role can read Secrets.
package steward.iac.kubernetes.rbac_secrets_access

__rego_metadata__ := {
    "id": "iac/kubernetes/rbac-secrets-access",
    "title": "Role can read Secrets",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-269"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-SECRETS-004",
        "STW-ACCESS-007"
    ],
    "description": "A Role or ClusterRole lets its subjects get, list or watch Secrets without naming which ones (`resourceNames`), so every credential in the namespace (every namespace, for a ClusterRole) is readable by whoever holds it. Rules with `*` verbs or resources are reported by iac/kubernetes/rbac-wildcard.",
    "remediation": "Mount the Secret the workload needs instead of reading it through the API; if it must read Secrets, restrict the rule with `resourceNames`.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s %s can %s Secrets", [input.kind, object.get(input.metadata, "name", "?"), verb]), "path": ["rules", r.i, "resources"]} if {
	some r in data.steward.lib.kubernetes.rbac_rules
	is_array(r.rule.resources)
	is_array(r.rule.verbs)
	"secrets" in r.rule.resources
	some verb in r.rule.verbs
	verb in {"get", "list", "watch"}
	not r.rule.resourceNames
}
