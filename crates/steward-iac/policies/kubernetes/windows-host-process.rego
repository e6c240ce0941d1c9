# Windows container runs as a host process.
package steward.iac.kubernetes.windows_host_process

__rego_metadata__ := {
    "id": "iac/kubernetes/windows-host-process",
    "title": "Windows container runs as a host process",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A Pod or container sets `windowsOptions.hostProcess: true`, so it runs directly on the Windows node, outside container isolation, with access to the host's files, network and processes.",
    "remediation": "Remove `hostProcess`; run node administration as a managed DaemonSet reviewed like node software, in a namespace of its own.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` runs as a Windows host process", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "windowsOptions", "hostProcess"])} if {
	some c in data.steward.lib.kubernetes.containers
	c.container.securityContext.windowsOptions.hostProcess == true
}

deny contains {"msg": sprintf("%s runs as a Windows host process", [data.steward.lib.kubernetes.name]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["securityContext", "windowsOptions", "hostProcess"])} if {
	data.steward.lib.kubernetes.pod_spec.securityContext.windowsOptions.hostProcess == true
}
