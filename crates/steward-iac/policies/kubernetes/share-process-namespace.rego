# Containers of a Pod share one process namespace.
package steward.iac.kubernetes.share_process_namespace

import data.steward.lib.kubernetes as k8s

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

deny contains {"msg": sprintf("%s shares one process namespace between its containers", [k8s.name]), "path": array.concat(k8s.pod_spec_path, ["shareProcessNamespace"])} if {
	k8s.pod_spec.shareProcessNamespace == true
}
