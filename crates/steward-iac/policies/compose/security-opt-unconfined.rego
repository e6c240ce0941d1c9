# Seccomp or AppArmor disabled for a service.
package steward.iac.compose.security_opt_unconfined

__rego_metadata__ := {
    "id": "iac/compose/security-opt-unconfined",
    "title": "Seccomp or AppArmor disabled for a service",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-693"
    ],
    "owasp": "A05",
    "requirements": [],
    "description": "A service runs with `seccomp:unconfined` or `apparmor:unconfined`, removing the kernel filters that limit what a compromised process can do.",
    "remediation": "Remove the `security_opt` entry, or point it at a custom profile that allows only the needed system calls.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` disables a kernel security profile (%s)", [s.name, opt]), "path": array.concat(s.path, ["security_opt", i])} if {
	some s in data.steward.lib.compose.services
	is_array(s.service.security_opt)
	some i, opt in s.service.security_opt
	regex.match(`^(seccomp|apparmor)[:=]unconfined$`, opt)
}
