# A task fetches software, keys or packages over plain HTTP, or sends credentials over it.
package steward.iac.ansible.http_download

import data.steward.lib.ansible

__rego_metadata__ := {
    "id": "iac/ansible/http-download",
    "title": "Task downloads or calls an API over plain HTTP",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319",
        "CWE-494"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-DATA-003",
        "STW-DEPS-005"
    ],
    "description": "A get_url, apt_key, rpm_key, apt (deb=), pip, git or win_get_url task fetches from an `http://` address without a checksum, or a uri task calls an `http://` address (worse when it sends credentials), so anyone on the path can swap the file or the signing key, read the password or change the response. Loopback addresses are not reported; unarchive has its own rule.",
    "remediation": "Use `https://`; for files that must come over HTTP, pin them with `checksum:` so a swapped file fails the task.",
    "formats": [
        "ansible"
    ]
}

_http(u) if {
	is_string(u)
	regex.match(`^(?i)http://`, trim_space(u))
	not regex.match(`^(?i)http://(localhost|127\.[0-9.]+|\[::1\])([:/]|$)`, trim_space(u))
}

# Module -> the arguments that name what it fetches.
_fetch := {
	"get_url": ["url"],
	"win_get_url": ["url"],
	"apt_key": ["url"],
	"rpm_key": ["key"],
	"apt": ["deb"],
	"yum": ["name"],
	"dnf": ["name"],
	"package": ["name"],
	"pip": ["name"],
	"git": ["repo"],
	"subversion": ["repo"],
	"apt_repository": ["repo"],
}

deny contains {"msg": sprintf("%s fetches %s over plain HTTP", [ansible.label(t), u]), "path": ["tasks", i, "args", k]} if {
	some i, t in input.tasks
	some k in _fetch[t.module]
	some u in _urls(t.args[k])
	_http(u)
	not t.args.checksum
	not _signed_repo(t.module, u)
}

# An apt repository over HTTP is still checked against its signing key.
_signed_repo("apt_repository", u) if not regex.match(`trusted=yes`, u)

_urls(v) := [v] if is_string(v)

_urls(v) := v if is_array(v)

_credentials(args) if args.url_password

_credentials(args) if args.password

_credentials(args) if args.force_basic_auth == true

_credentials(args) if {
	is_object(args.headers)
	some h, _ in args.headers
	lower(h) in {"authorization", "x-api-key", "private-token", "x-auth-token"}
}

deny contains {"msg": sprintf("%s sends credentials to %s over plain HTTP", [ansible.label(t), t.args.url]), "path": ["tasks", i, "args", "url"]} if {
	some i, t in input.tasks
	t.module in {"uri", "win_uri"}
	_http(t.args.url)
	_credentials(t.args)
}

deny contains {"msg": sprintf("%s calls %s over plain HTTP", [ansible.label(t), t.args.url]), "path": ["tasks", i, "args", "url"]} if {
	some i, t in input.tasks
	t.module in {"uri", "win_uri"}
	_http(t.args.url)
	not _credentials(t.args)
}
