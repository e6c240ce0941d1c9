# Pod shares the host network, PID or IPC namespace.
package steward.iac.kubernetes.host_namespaces

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

deny contains {"msg": sprintf("%s sets %s: true", [data.steward.lib.kubernetes.name, key]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, [key])} if {
	some key in ["hostNetwork", "hostPID", "hostIPC"]
	data.steward.lib.kubernetes.pod_spec[key] == true
}
