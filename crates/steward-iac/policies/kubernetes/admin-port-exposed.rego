# Administrative port exposed outside the cluster.
package steward.iac.kubernetes.admin_port_exposed

__rego_metadata__ := {
    "id": "iac/kubernetes/admin-port-exposed",
    "title": "Administrative port exposed outside the cluster",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-NET-006"
    ],
    "description": "A Service of type LoadBalancer or NodePort exposes an administrative or remote-access port (SSH 22, Telnet 23, RDP 3389, VNC 5900, the Docker API 2375/2376, the kubelet 10250/10255, etcd 2379/2380) outside the cluster, where it can be found and attacked from the network.",
    "remediation": "Keep administrative ports on ClusterIP Services and reach them through `kubectl port-forward`, a bastion or a VPN; if a LoadBalancer is unavoidable, restrict `loadBalancerSourceRanges`.",
    "formats": [
        "kubernetes"
    ]
}

_admin := {22, 23, 3389, 5900, 5985, 5986, 2375, 2376, 10250, 10255, 2379, 2380}

deny contains {"msg": sprintf("Service %s (%s) exposes administrative port %v outside the cluster", [object.get(input.metadata, "name", "?"), input.spec.type, _port(p)]), "path": ["spec", "ports", i]} if {
	input.kind == "Service"
	input.spec.type in {"LoadBalancer", "NodePort"}
	some i, p in input.spec.ports
	_port(p) in _admin
	not _restricted
}

_port(p) := p.targetPort if is_number(p.targetPort)

_port(p) := p.port if not is_number(p.targetPort)

_restricted if {
	input.spec.type == "LoadBalancer"
	count(input.spec.loadBalancerSourceRanges) > 0
	every r in input.spec.loadBalancerSourceRanges {
		not r in {"0.0.0.0/0", "::/0"}
	}
}
