# Service may gain privileges through setuid programs.
package steward.iac.compose.no_new_privileges

__rego_metadata__ := {
    "id": "iac/compose/no-new-privileges",
    "title": "Service may gain privileges through setuid programs",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A service does not set `security_opt: [\"no-new-privileges:true\"]`, so a process in the container can gain privileges by running a setuid or setgid program or one with file capabilities.",
    "remediation": "Add `security_opt: [\"no-new-privileges:true\"]` to every service.",
    "formats": [
        "compose"
    ]
}

deny contains {"msg": sprintf("service `%s` does not set no-new-privileges", [s.name]), "path": array.concat(s.path, ["security_opt"])} if {
	some s in data.steward.lib.compose.services
	not _mentioned(s.service)
}

deny contains {"msg": sprintf("service `%s` turns no-new-privileges off", [s.name]), "path": array.concat(s.path, ["security_opt", i])} if {
	some s in data.steward.lib.compose.services
	is_array(s.service.security_opt)
	some i, opt in s.service.security_opt
	is_string(opt)
	regex.match(`^no-new-privileges\s*[:=]\s*false$`, opt)
}

_mentioned(svc) if {
	is_array(svc.security_opt)
	some opt in svc.security_opt
	is_string(opt)
	startswith(opt, "no-new-privileges")
}
