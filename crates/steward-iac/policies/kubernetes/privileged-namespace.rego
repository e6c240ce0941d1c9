# Namespace allows privileged Pods.
package steward.iac.kubernetes.privileged_namespace

__rego_metadata__ := {
    "id": "iac/kubernetes/privileged-namespace",
    "title": "Namespace allows privileged Pods",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-1188"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-001"
    ],
    "description": "A Namespace sets the Pod Security admission label `pod-security.kubernetes.io/enforce: privileged`, so Pods in it may run privileged, share host namespaces and mount host paths without being stopped.",
    "remediation": "Enforce `restricted` (or at least `baseline`) and move the few workloads that need more into a separate, tightly controlled namespace.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("Namespace %s enforces the privileged Pod Security level", [object.get(input.metadata, "name", "?")]), "path": ["metadata", "labels", "pod-security.kubernetes.io/enforce"]} if {
	input.kind == "Namespace"
	is_object(input.metadata.labels)
	input.metadata.labels["pod-security.kubernetes.io/enforce"] == "privileged"
}
