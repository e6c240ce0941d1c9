# Ingress injects raw NGINX configuration.
package steward.iac.kubernetes.ingress_nginx_snippet

__rego_metadata__ := {
    "id": "iac/kubernetes/ingress-nginx-snippet",
    "title": "Ingress injects raw NGINX configuration",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-94"
    ],
    "owasp": "A03",
    "requirements": [
        "STW-INPUT-003",
        "STW-SECRETS-004"
    ],
    "description": "An Ingress sets an ingress-nginx snippet annotation (`server-snippet`, `configuration-snippet`, `auth-snippet`, ...), whose text is pasted into the controller's nginx.conf. Whoever can edit Ingresses can then run Lua or read files as the controller, which holds every Secret the controller can see (CVE-2021-25742); `alias`, `root` and `*_by_lua` directives are the usual payloads.",
    "remediation": "Use the dedicated annotations for what the snippet did (rewrite, headers, auth), or a ConfigMap reviewed by the cluster administrators; keep `allow-snippet-annotations: false` on the controller.",
    "formats": [
        "kubernetes"
    ]
}

_snippet := `^nginx\.ingress\.kubernetes\.io/[a-z-]*snippet$`

deny contains {"msg": sprintf("Ingress %s injects NGINX configuration through %s%s", [object.get(input.metadata, "name", "?"), key, _why(value)]), "path": ["metadata", "annotations", key]} if {
	input.kind == "Ingress"
	is_object(input.metadata.annotations)
	some key, value in input.metadata.annotations
	regex.match(_snippet, key)
	is_string(value)
	trim_space(value) != ""
}

_why(v) := " (Lua code)" if regex.match(`_by_lua|lua_`, v)

_why(v) := " (alias or root directive)" if {
	not regex.match(`_by_lua|lua_`, v)
	regex.match(`(^|[\s;{])(alias|root)\s`, v)
}

_why(v) := "" if {
	not regex.match(`_by_lua|lua_`, v)
	not regex.match(`(^|[\s;{])(alias|root)\s`, v)
}
