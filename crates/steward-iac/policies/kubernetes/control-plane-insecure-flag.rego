# Control-plane component started with an insecure flag.
package steward.iac.kubernetes.control_plane_insecure_flag

__rego_metadata__ := {
    "id": "iac/kubernetes/control-plane-insecure-flag",
    "title": "Control-plane component started with an insecure flag",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-306"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-001",
        "STW-AUTH-001"
    ],
    "description": "A kube-apiserver, kubelet, etcd or kube-controller-manager container (a static Pod manifest) is started with a flag that opens it up: anonymous requests allowed, the insecure port or bind address, AlwaysAllow authorization or the AlwaysAdmit admission plugin, static password or token files, client certificate checks off, self-signed auto TLS, the kubelet's unauthenticated read-only port, plain HTTP to kubelets, or service account credentials shared by the controllers.",
    "remediation": "Remove the flag or set it to its secure value (`--anonymous-auth=false`, `--authorization-mode=Node,RBAC`, `--client-cert-auth=true`, `--read-only-port=0`, ...), as the CIS Kubernetes Benchmark lists.",
    "formats": [
        "kubernetes"
    ]
}

_components := `(^|/)(kube-apiserver|kubelet|etcd|kube-controller-manager|kube-scheduler)$`

# The words of a container's command and args, with where each was written.
_words contains {"c": c, "word": w, "path": array.concat(c.path, [field, i])} if {
	some c in data.steward.lib.kubernetes.containers
	_is_component(c.container)
	some field in ["command", "args"]
	is_array(c.container[field])
	some i, w in c.container[field]
	is_string(w)
}

_is_component(container) if {
	some field in ["command", "args"]
	is_array(container[field])
	some w in container[field]
	is_string(w)
	regex.match(_components, split(w, " ")[0])
}

_is_component(container) if regex.match(`(^|/)(kube-apiserver|kubelet|etcd|kube-controller-manager)(:|$)`, split(object.get(container, "image", ""), "@")[0])

_flag(word) := [trim_prefix(parts[0], "--"), value] if {
	startswith(word, "--")
	parts := split(word, "=")
	value := concat("=", array.slice(parts, 1, count(parts)))
}

_insecure("anonymous-auth", v) := "anonymous requests are allowed" if lower(v) == "true"

_insecure("insecure-port", v) := "the unauthenticated insecure port is open" if v != "0"

_insecure("insecure-bind-address", _) := "an insecure bind address is set"

_insecure("authorization-mode", v) := "every request is authorized (AlwaysAllow)" if contains(v, "AlwaysAllow")

_insecure("enable-admission-plugins", v) := "every object is admitted (AlwaysAdmit)" if contains(v, "AlwaysAdmit")

_insecure("basic-auth-file", _) := "a static password file is used"

_insecure("token-auth-file", _) := "a static token file is used"

_insecure("kubelet-https", v) := "the API server talks to kubelets over plain HTTP" if lower(v) == "false"

_insecure("client-cert-auth", v) := "client certificates are not checked" if lower(v) == "false"

_insecure("peer-client-cert-auth", v) := "peer certificates are not checked" if lower(v) == "false"

_insecure("auto-tls", v) := "self-signed certificates are generated for clients" if lower(v) == "true"

_insecure("peer-auto-tls", v) := "self-signed certificates are generated for peers" if lower(v) == "true"

_insecure("read-only-port", v) := "the kubelet's unauthenticated read-only port is open" if v != "0"

_insecure("secure-port", "0") := "the secure port is turned off"

_insecure("service-account-lookup", v) := "deleted service account tokens stay valid" if lower(v) == "false"

_insecure("use-service-account-credentials", v) := "controllers share one identity" if lower(v) == "false"

_insecure("rotate-certificates", v) := "kubelet client certificates are not rotated" if lower(v) == "false"

deny contains {"msg": sprintf("%s: container `%s` sets %s: %s", [data.steward.lib.kubernetes.name, w.c.name, w.word, why]), "path": w.path} if {
	some w in _words
	[name, value] := _flag(w.word)
	why := _insecure(name, value)
}
