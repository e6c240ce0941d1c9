# Container runs without a seccomp profile.
package steward.iac.kubernetes.seccomp_profile_missing

__rego_metadata__ := {
    "id": "iac/kubernetes/seccomp-profile-missing",
    "title": "Container runs without a seccomp profile",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-001"
    ],
    "description": "Neither the Pod nor the container sets a `seccompProfile` (nor the legacy seccomp annotation), so on most clusters the container runs unconfined and can make every system call, including the ones container escapes use.",
    "remediation": "Set `securityContext.seccompProfile.type: RuntimeDefault` in the Pod spec (or a Localhost profile where the default is too wide).",
    "formats": [
        "kubernetes"
    ]
}

deny contains {"msg": sprintf("%s: container `%s` has no seccomp profile", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "seccompProfile"])} if {
	some c in data.steward.lib.kubernetes.containers
	not c.container.securityContext.seccompProfile.type
	not data.steward.lib.kubernetes.pod_spec.securityContext.seccompProfile.type
	not _annotated
}

_annotated if {
	is_object(data.steward.lib.kubernetes.pod_meta.annotations)
	some key, _ in data.steward.lib.kubernetes.pod_meta.annotations
	startswith(key, "seccomp.security.alpha.kubernetes.io/")
}
