# Service mounts a sensitive host directory.
package steward.iac.compose.sensitive_host_mount

__rego_metadata__ := {
    "id": "iac/compose/sensitive-host-mount",
    "title": "Service mounts a sensitive host directory",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-668"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A service bind-mounts the host's root or a system directory (`/`, `/etc`, `/root`, `/boot`, `/proc`, `/sys`, `/dev`, `/var/lib/docker`, `/var/lib/kubelet`, `/var/run`): a process in the container can read host secrets or change the host, and a writable mount is a way out of the container. (The Docker socket is reported by iac/compose/docker-socket.)",
    "remediation": "Mount only the application's own directory (or a named volume), read-only (`:ro`) where it only reads.",
    "formats": [
        "compose"
    ]
}

_sensitive := `^(/etc|/etc/(shadow|gshadow|passwd|sudoers(\.d)?|ssh|kubernetes|docker|pki|ssl/private|cron[^/]*|systemd|containerd)(/.*)?|/root(/.*)?|/boot|/proc(/.*)?|/sys(/.*)?|/dev|/var/lib/docker(/.*)?|/var/lib/kubelet(/.*)?|/var/lib/containerd(/.*)?|/var/run|/run|/home|~)$`

deny contains {"msg": sprintf("service `%s` mounts host path %s", [b.service, b.source]), "path": b.path} if {
	some b in data.steward.lib.compose.binds
	regex.match(_sensitive, trim_suffix(b.source, "/"))
}

deny contains {"msg": sprintf("service `%s` mounts the host's root filesystem", [b.service]), "path": b.path} if {
	some b in data.steward.lib.compose.binds
	b.source == "/"
}
