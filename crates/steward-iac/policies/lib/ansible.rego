# Helpers for Ansible policies: Ansible's loose booleans, file modes in every form
# Ansible accepts, command lines of the command modules, secret-looking names and
# values written in the file.
package steward.lib.ansible

# Tasks with their path: {"task", "path", "label"}.
tasks contains {"task": t, "path": ["tasks", i], "label": label(t)} if {
	some i, t in input.tasks
}

# How messages name a task: its name, or its module.
label(t) := sprintf("task `%s`", [t.name]) if is_string(t.name)

label(t) := sprintf("`%s` task", [t.module]) if not is_string(t.name)

# Ansible reads yes/no/true/false/on/off/1/0 in any case, as YAML values or strings.
truthy(v) if v == true

truthy(v) if v == 1

truthy(v) if {
	is_string(v)
	lower(trim_space(v)) in {"yes", "true", "y", "on", "1"}
}

falsy(v) if v == false

falsy(v) if v == 0

falsy(v) if {
	is_string(v)
	lower(trim_space(v)) in {"no", "false", "n", "off", "0"}
}

# A value computed at run time (a Jinja2 template), not written in the file.
templated(v) if {
	is_string(v)
	contains(v, "{{")
}

templated(v) if {
	is_string(v)
	contains(v, "{%")
}

# The command line of a command-module task, and the argument it is in.
command_modules := {"command", "shell", "raw", "script", "win_command", "win_shell", "expect"}

commands contains {"task": t, "path": array.concat(path, ["args", "_raw_params"]), "line": t.args._raw_params, "label": label(t)} if {
	some i, t in input.tasks
	path := ["tasks", i]
	t.module in command_modules
	is_string(t.args._raw_params)
}

commands contains {"task": t, "path": array.concat(path, ["args", "cmd"]), "line": t.args.cmd, "label": label(t)} if {
	some i, t in input.tasks
	path := ["tasks", i]
	t.module in command_modules
	is_string(t.args.cmd)
}

commands contains {"task": t, "path": array.concat(path, ["args", "command"]), "line": t.args.command, "label": label(t)} if {
	some i, t in input.tasks
	path := ["tasks", i]
	t.module == "expect"
	is_string(t.args.command)
}

commands contains {"task": t, "path": array.concat(path, ["args", "argv"]), "line": concat(" ", [sprintf("%v", [a]) | some a in t.args.argv]), "label": label(t)} if {
	some i, t in input.tasks
	path := ["tasks", i]
	t.module in command_modules
	is_array(t.args.argv)
}

# Modules that write a file and take a `mode`.
file_modules := {
	"file", "copy", "template", "get_url", "unarchive", "assemble", "lineinfile",
	"blockinfile", "ini_file", "replace", "archive", "htpasswd", "openssl_privatekey",
	"openssl_certificate", "x509_certificate", "openssh_keypair", "win_copy",
}

# The path a file module writes: `dest`, `path` or its older aliases.
target(args) := p if {
	some k in ["path", "dest", "name", "destfile"]
	p := args[k]
	is_string(p)
}

# A mode that lets every user write, in any form Ansible accepts: a YAML number (0777,
# read as octal), an octal string ("0666", "777"), or symbolic ("o+w", "a=rwx"). A
# sticky directory (1777, like /tmp) is shared on purpose and left alone.
world_writable(m) if {
	is_number(m)
	m % 8 in {2, 3, 6, 7}
	not _sticky_number(m)
}

world_writable(m) if {
	is_string(m)
	regex.match(`^0?[0-7]{3}$`, trim_space(m))
	substring(trim_space(m), count(trim_space(m)) - 1, 1) in {"2", "3", "6", "7"}
}

world_writable(m) if {
	is_string(m)
	regex.match(`^0?[0-7]{4}$`, trim_space(m))
	s := trim_space(m)
	not substring(s, count(s) - 4, 1) in {"1", "3", "5", "7"}
	substring(s, count(s) - 1, 1) in {"2", "3", "6", "7"}
}

world_writable(m) if {
	is_string(m)
	some clause in split(m, ",")
	regex.match(`^\s*[ugoa]*[oa][ugoa]*[+=][rwxXst]*w[rwxXst]*\s*$`, clause)
}

_sticky_number(m) if {
	m >= 512
	floor(m / 512) % 2 == 1
}

# A mode that lets every user read.
world_readable(m) if {
	is_number(m)
	m % 8 >= 4
}

world_readable(m) if {
	is_string(m)
	regex.match(`^0?[0-7]{3,4}$`, trim_space(m))
	to_number(substring(trim_space(m), count(trim_space(m)) - 1, 1)) >= 4
}

world_readable(m) if {
	is_string(m)
	some clause in split(m, ",")
	regex.match(`^\s*[ugoa]*[oa][ugoa]*[+=][rwxXst]*r[rwxXst]*\s*$`, clause)
}

# Files that hold keys, passwords or who may do what.
sensitive_path(p) if {
	is_string(p)
	regex.match(`(?i)(/etc/shadow|/etc/gshadow|/etc/sudoers|/\.ssh/|id_(rsa|dsa|ecdsa|ed25519)$|ssh_host_[a-z0-9]+_key$|\.(pem|key|p12|pfx|jks|keystore)$|/private/|/\.aws/credentials|/\.kube/config|\.pgpass$|\.netrc$|\.my\.cnf$|\.htpasswd$|vault[_-]?pass|credentials?(\.[a-z]+)?$|secrets?(\.[a-z]+)?$|token$)`, p)
}

# A name that says its value is a credential.
secret_name(n) if {
	is_string(n)
	regex.match(`(?i)(passw(or)?d|(^|_)pass($|_)|passphrase|(^|_)pwd($|_)|secret|token|api_?key|private_?key|access_?key|auth_?key|credential)`, n)
	not regex.match(`(?i)((_|^)(file|path|dir|url|uri|name|user|username|id|length|ttl|expiry|expires|hash|policy|enabled|required|min|max|mode|owner|group|lock|days|type|salt|prompt|endpoint|header|location|src|dest)$|^update_password$|^no_log$|^(become|ansible)_pass(word)?_file$)`, n)
}

# A credential written in the file: not a template, not a vault value, not empty.
literal_secret(v) if {
	is_string(v)
	trim_space(v) != ""
	not templated(v)
	not startswith(trim_space(v), "$ANSIBLE_VAULT")
	# A path names where the credential is kept, not the credential.
	not regex.match(`^(/|~/|\./)\S*$`, trim_space(v))
	not lower(trim_space(v)) in {"null", "none", "omit", "true", "false", "yes", "no"}
}

literal_secret(v) if is_number(v)

# Every [path, value] in x, x itself included, down to five levels: what `walk` yields
# (the graph builtins are not compiled in), deep enough for task arguments and vars.
nodes(x) := (({[[], x]} | _level1(x)) | (_level2(x) | _level3(x))) | (_level4(x) | _level5(x))

_level1(x) := {[[k1], v1] | is_collection(x); some k1, v1 in x}

_level2(x) := {[[k1, k2], v2] | is_collection(x); some k1, v1 in x; is_collection(v1); some k2, v2 in v1}

_level3(x) := {[[k1, k2, k3], v3] |
	is_collection(x)
	some k1, v1 in x
	is_collection(v1)
	some k2, v2 in v1
	is_collection(v2)
	some k3, v3 in v2
}

_level4(x) := {[[k1, k2, k3, k4], v4] |
	is_collection(x)
	some k1, v1 in x
	is_collection(v1)
	some k2, v2 in v1
	is_collection(v2)
	some k3, v3 in v2
	is_collection(v3)
	some k4, v4 in v3
}

_level5(x) := {[[k1, k2, k3, k4, k5], v5] |
	is_collection(x)
	some k1, v1 in x
	is_collection(v1)
	some k2, v2 in v1
	is_collection(v2)
	some k3, v3 in v2
	is_collection(v3)
	some k4, v4 in v3
	is_collection(v4)
	some k5, v5 in v4
}

is_collection(v) if is_object(v)

is_collection(v) if is_array(v)

# Text a task writes into files whose path matches `path_re`: lineinfile `line`, replace
# `replace`, blockinfile `block`, copy `content`; removals (`state: absent`) excluded.
config_text(path_re) := {{"task": t, "label": label(t), "path": ["tasks", i, "args", k], "text": t.args[k]} |
	some i, t in input.tasks
	t.module in {"lineinfile", "replace", "blockinfile", "copy", "win_lineinfile"}
	regex.match(path_re, target(t.args))
	not t.args.state == "absent"
	some k in ["line", "replace", "block", "content"]
	is_string(t.args[k])
}

# Whether a become task runs as root: become is on and become_user is unset or root.
as_root(t) if {
	truthy(t.become)
	_root_user(t)
}

_root_user(t) if t.become_user == null

_root_user(t) if t.become_user == "root"
