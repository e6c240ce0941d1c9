# Pod shares the host network, PID or IPC namespace.
package steward.iac.kubernetes.host_namespaces

import data.steward.lib.kubernetes as k8s

__rego_metadata__ := {
    "id": "iac/kubernetes/host-namespaces",
    "title": "Pod shares the host network, PID or IPC namespace",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-653"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "The Pod sets `hostNetwork`, `hostPID` or `hostIPC`, so its containers can see host processes, sniff host traffic or reach services bound to the node.",
    "remediation": "Remove `hostNetwork`, `hostPID` and `hostIPC`; expose ports through a Service.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s sets %s: true", [k8s.name, key]), "path": array.concat(k8s.pod_spec_path, [key])} if {
	some key in ["hostNetwork", "hostPID", "hostIPC"]
	k8s.pod_spec[key] == true
}
