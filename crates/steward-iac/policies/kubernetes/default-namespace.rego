# Object placed in the default namespace.
package steward.iac.kubernetes.default_namespace

__rego_metadata__ := {
    "id": "iac/kubernetes/default-namespace",
    "title": "Object placed in the default namespace",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-653"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CHANGE-005"
    ],
    "description": "A manifest puts an object in the `default` namespace, where everything without a namespace of its own lands, so RBAC, network policies, quotas and Pod Security levels cannot be scoped to this workload.",
    "remediation": "Create a namespace for the application and set `metadata.namespace` to it (or let Kustomize or Helm set it).",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s is placed in the default namespace", [data.steward.lib.kubernetes.name]), "path": ["metadata", "namespace"]} if {
	input.metadata.namespace == "default"
}
