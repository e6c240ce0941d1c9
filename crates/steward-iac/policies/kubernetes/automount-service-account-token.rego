# Pod mounts a service account token it may not need.
package steward.iac.kubernetes.automount_service_account_token

__rego_metadata__ := {
    "id": "iac/kubernetes/automount-service-account-token",
    "title": "Pod mounts a service account token it may not need",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-1188"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-007"
    ],
    "description": "The Pod does not set `automountServiceAccountToken: false`, so every container gets a Kubernetes API token; an attacker who gets code execution in the container can use it against the API server with whatever the service account is allowed.",
    "remediation": "Set `automountServiceAccountToken: false` in the Pod spec (or on its ServiceAccount) unless the workload calls the Kubernetes API; when it does, give it a dedicated service account with a minimal Role.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s mounts a service account token automatically", [data.steward.lib.kubernetes.name]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["automountServiceAccountToken"])} if {
	count(data.steward.lib.kubernetes.containers) > 0
	not data.steward.lib.kubernetes.pod_spec.automountServiceAccountToken == false
}
