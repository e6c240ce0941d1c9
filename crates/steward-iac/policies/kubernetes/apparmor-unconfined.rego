# AppArmor disabled for a container.
package steward.iac.kubernetes.apparmor_unconfined

__rego_metadata__ := {
    "id": "iac/kubernetes/apparmor-unconfined",
    "title": "AppArmor disabled for a container",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-001"
    ],
    "description": "A Pod or container sets `appArmorProfile.type: Unconfined`, or the annotation `container.apparmor.security.beta.kubernetes.io/<container>: unconfined`, removing the AppArmor profile that confines what a compromised process can reach.",
    "remediation": "Use `appArmorProfile.type: RuntimeDefault` (or a Localhost profile) and remove the `unconfined` annotation.",
    "formats": [
        "kubernetes"
    ]
}

_prefix := "container.apparmor.security.beta.kubernetes.io/"

deny contains {"msg": sprintf("%s: container `%s` runs without AppArmor", [data.steward.lib.kubernetes.name, trim_prefix(key, _prefix)]), "path": array.concat(data.steward.lib.kubernetes.pod_meta_path, ["annotations", key])} if {
	is_object(data.steward.lib.kubernetes.pod_meta.annotations)
	some key, value in data.steward.lib.kubernetes.pod_meta.annotations
	startswith(key, _prefix)
	value == "unconfined"
}

deny contains {"msg": sprintf("%s: container `%s` runs without AppArmor", [data.steward.lib.kubernetes.name, c.name]), "path": array.concat(c.path, ["securityContext", "appArmorProfile", "type"])} if {
	some c in data.steward.lib.kubernetes.containers
	c.container.securityContext.appArmorProfile.type == "Unconfined"
}

deny contains {"msg": sprintf("%s runs without AppArmor", [data.steward.lib.kubernetes.name]), "path": array.concat(data.steward.lib.kubernetes.pod_spec_path, ["securityContext", "appArmorProfile", "type"])} if {
	data.steward.lib.kubernetes.pod_spec.securityContext.appArmorProfile.type == "Unconfined"
}
