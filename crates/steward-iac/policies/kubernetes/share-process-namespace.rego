# Containers of a Pod share one process namespace.
package steward.iac.kubernetes.share_process_namespace

__rego_metadata__ := {
    "id": "iac/kubernetes/share-process-namespace",
    "title": "Containers of a Pod share one process namespace",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-653"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "The Pod sets `shareProcessNamespace: true`, so each container sees and can signal the others' processes and read their environment and files through /proc, secrets included.",
    "remediation": "Remove `shareProcessNamespace` unless a debugging or sidecar pattern needs it, and then keep secrets out of the other containers' environment.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s shares one process namespace between its containers", [data.steward.lib.kubernetes.name]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["shareProcessNamespace"])} if {
	data.steward.lib.kubernetes.pod_spec.shareProcessNamespace == true
}
