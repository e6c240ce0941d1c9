# A task installs packages without checking their signatures.
package steward.iac.ansible.package_signature_disabled

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/package-signature-disabled",
    "title": "Package signature checks turned off",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-347"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-DEPS-005"
    ],
    "description": "A task installs packages with signature verification off: apt `allow_unauthenticated` or `force`, yum/dnf/zypper `disable_gpg_check`, a yum repository with `gpgcheck: no`, an apt repository marked `[trusted=yes]`, or a command with `--allow-unauthenticated`, `--nogpgcheck` or `--force-yes`. A tampered mirror or a man in the middle can then install anything, as root.",
    "remediation": "Keep signature checks on: import the repository's key (`apt_key`/`rpm_key` over HTTPS, or `signed-by=` in the apt source) and let the package manager verify every package.",
    "formats": [
        "ansible"
    ]
}

# Module -> the arguments that, when true, skip signature checks.
_skip_when_true := {
	"apt": ["allow_unauthenticated", "force"],
	"yum": ["disable_gpg_check"],
	"dnf": ["disable_gpg_check"],
	"dnf5": ["disable_gpg_check"],
	"zypper": ["disable_gpg_check"],
	"zypper_repository": ["disable_gpg_check"],
	"package": ["disable_gpg_check"],
}

deny contains {"msg": sprintf("%s sets %s: packages are installed unverified", [ansible.label(t), k]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	some k in _skip_when_true[t.module]
	ansible.truthy(t.args[k])
}

deny contains {"msg": sprintf("%s adds a yum repository with gpgcheck off", [ansible.label(t)]), "path": ["tasks", i, "args", "gpgcheck"]} if {
	some i, t in input.tasks
	t.module == "yum_repository"
	ansible.falsy(t.args.gpgcheck)
}

deny contains {"msg": sprintf("%s adds an apt source marked trusted: its packages are not verified", [ansible.label(t)]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	t.module in {"apt_repository", "deb822_repository"}
	some k in ["repo", "trusted"]
	_trusted(k, t.args[k])
}

_trusted("repo", v) if regex.match(`\[[^\]]*(trusted|allow-insecure)=yes[^\]]*\]`, v)

_trusted("trusted", v) if ansible.truthy(v)

deny contains {"msg": sprintf("%s sets gpgcheck off in a repository file", [ansible.label(t)]), "path": ["tasks", i, "args", "value"]} if {
	some i, t in input.tasks
	t.module == "ini_file"
	regex.match(`/etc/(yum\.repos\.d|zypp/repos\.d)/|/etc/(yum|dnf/dnf)\.conf$`, ansible.target(t.args))
	t.args.option in {"gpgcheck", "repo_gpgcheck", "pkg_gpgcheck"}
	ansible.falsy(t.args.value)
}

_commands := [
	`--allow-unauthenticated\b`,
	`--force-yes\b`,
	`--nogpgcheck\b`,
	`--no-gpg-checks\b`,
	`\brpm\b[^|;&]*--no(signature|digest|verify|filedigest)\b`,
	`AllowUnauthenticated\s*(=|\s)\s*"?(true|1)`,
]

deny contains {"msg": sprintf("%s installs packages with signature checks off", [c.label]), "path": c.path} if {
	some c in data.steward.lib.ansible.commands
	some pattern in _commands
	regex.match(pattern, c.line)
}
