# unarchive downloads and unpacks an archive from a plain HTTP address.
package steward.iac.ansible.unarchive_http_source

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/unarchive-http-source",
    "title": "unarchive unpacks an archive fetched over plain HTTP",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-494"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-DEPS-005",
        "STW-DATA-003"
    ],
    "description": "An unarchive task's `src` is an `http://` address: the module downloads the archive without TLS and without a checksum option, then unpacks it onto the host, so anyone on the path can plant files (binaries, cron jobs, keys) there.",
    "remediation": "Fetch the archive with `get_url` over `https://` and a `checksum:`, then unarchive the local copy with `remote_src: true`.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s downloads %s over plain HTTP and unpacks it", [ansible.label(t), t.args.src]), "path": ["tasks", i, "args", "src"]} if {
	some i, t in input.tasks
	t.module in {"unarchive", "win_unzip"}
	is_string(t.args.src)
	regex.match(`^(?i)http://`, trim_space(t.args.src))
	not regex.match(`^(?i)http://(localhost|127\.[0-9.]+|\[::1\])([:/]|$)`, trim_space(t.args.src))
}
