# Package signature checks turned off in a build step.
package steward.iac.dockerfile.package_signature_disabled

__rego_metadata__ := {
    "id": "iac/dockerfile/package-signature-disabled",
    "title": "Package signature checks turned off in a build step",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-347"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-DEPS-005"
    ],
    "description": "A RUN installs packages with signature verification off: `apt-get --allow-unauthenticated` or `--force-yes`, `[trusted=yes]` apt sources, `yum`/`dnf --nogpgcheck`, `gpgcheck=0`, `zypper --no-gpg-checks`, `apk --allow-untrusted` or `rpm --nosignature`/`--nodigest`/`--noverify`. A tampered mirror or a man in the middle can then put anything in the image.",
    "remediation": "Import the repository's signing key and keep verification on; for a local package, verify its checksum or signature before installing.",
    "formats": [
        "dockerfile"
    ]
}

_patterns := [
	`--allow-unauthenticated\b`,
	`--force-yes\b`,
	`\[[^\]]*trusted=yes[^\]]*\]`,
	`AllowUnauthenticated\s*"?(true|1)`,
	`--nogpgcheck\b`,
	`\bgpgcheck\s*=\s*0\b`,
	`--no-gpg-checks\b`,
	`\bapk\b.*--allow-untrusted\b`,
	`\brpm\b[^|;&]*--no(signature|digest|verify|filedigest)\b`,
]

deny contains {"msg": "RUN installs packages with signature checks off", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	regex.match(_any_pattern, ins.value)
}

# One expression for all the patterns: each regex.match pays for a fresh matcher, so one
# call per instruction, not one per pattern.
_any_pattern := concat("|", [sprintf("(?:%s)", [p]) | some p in _patterns])
