# Pod sets kernel parameters outside the safe set.
package steward.iac.kubernetes.unsafe_sysctls

__rego_metadata__ := {
    "id": "iac/kubernetes/unsafe-sysctls",
    "title": "Pod sets kernel parameters outside the safe set",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-001"
    ],
    "description": "The Pod's `securityContext.sysctls` sets a kernel parameter that is not namespaced to the Pod (outside the set Kubernetes marks safe), so it changes, or lets the Pod probe, the whole node shared with other workloads.",
    "remediation": "Keep to the safe sysctls (`net.ipv4.ip_local_port_range`, `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, ...); set node-wide kernel parameters on the node, not from a Pod.",
    "formats": [
        "kubernetes"
    ]
}

_safe := {
	"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
}

deny contains {"msg": sprintf("%s sets the unsafe sysctl %s", [data.steward.lib.kubernetes.name, s.name]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["securityContext", "sysctls", i, "name"])} if {
	is_array(data.steward.lib.kubernetes.pod_spec.securityContext.sysctls)
	some i, s in data.steward.lib.kubernetes.pod_spec.securityContext.sysctls
	is_string(s.name)
	not s.name in _safe
}
