# Pod mounts a host path.
package steward.iac.kubernetes.host_path

__rego_metadata__ := {
    "id": "iac/kubernetes/host-path",
    "title": "Pod mounts a host path",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A01",
    "requirements": [],
    "description": "A volume uses `hostPath`, giving the Pod the node's files; mounting `/`, `/etc`, `/var/run/docker.sock` or the kubelet directories is a direct way to take over the node.",
    "remediation": "Use a persistent volume claim, `emptyDir`, a ConfigMap or a Secret instead of `hostPath`.",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s mounts host path `%s`", [data.steward.lib.kubernetes.name, v.hostPath.path]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["volumes", i, "hostPath"])} if {
	some i, v in data.steward.lib.kubernetes.pod_spec.volumes
	v.hostPath
}
