# get_url downloads a file without pinning its checksum.
package steward.iac.ansible.get_url_without_checksum

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/get-url-without-checksum",
    "title": "Download without a checksum",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-494"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-DEPS-005"
    ],
    "description": "A get_url or win_get_url task downloads a file over HTTPS without `checksum:`, so a compromised or changed upstream file is installed without notice and runs differ from host to host. (Plain-HTTP downloads are reported by iac/ansible/http-download.)",
    "remediation": "Add `checksum: sha256:<digest>` (or `checksum: sha256:https://.../SHA256SUMS`) so the task fails when the file is not the one you reviewed.",
    "formats": [
        "ansible"
    ]
}

deny contains {"msg": sprintf("%s downloads %s without a checksum", [ansible.label(t), t.args.url]), "path": ["tasks", i, "args", "checksum"]} if {
	some i, t in input.tasks
	t.module in {"get_url", "win_get_url"}
	is_string(t.args.url)
	regex.match(`^(?i)(https|ftp)://`, trim_space(t.args.url))
	not t.args.checksum
	not t.args.checksum_url
}
