# Build step downloads over plain HTTP.
package steward.iac.dockerfile.http_download

__rego_metadata__ := {
    "id": "iac/dockerfile/http-download",
    "title": "Build step downloads over plain HTTP",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319",
        "CWE-494"
    ],
    "owasp": "A08",
    "requirements": [
        "STW-DEPS-005",
        "STW-DATA-003"
    ],
    "description": "A RUN fetches software with curl, wget, git or a package manager's index over `http://`, or ADD fetches an `http://` URL, so anyone on the network path can swap what goes into the image. Loopback addresses are not reported, nor APT sources (signed).",
    "remediation": "Use `https://`, and verify what you download (`sha256sum -c`, `ADD --checksum=sha256:...`).",
    "formats": [
        "dockerfile"
    ]
}

_fetch := `(?i)(curl|wget|git\s+clone|pip[0-9.]*\s+install|--index-url|--extra-index-url|--registry)[^|;&]*\shttp://`

_local := `http://(localhost|127\.[0-9.]+|\[::1\])([:/]|\s|$)`

deny contains {"msg": "RUN downloads over plain HTTP", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "run"
	some m in regex.find_n(`(?i)(curl|wget|git\s+clone|pip[0-9.]*\s+install|--index-url|--extra-index-url|--registry)[^|;&]*\shttp://\S+`, ins.value, -1)
	not regex.match(_local, substring(m, indexof(m, "http://"), -1))
}

deny contains {"msg": sprintf("ADD downloads `%s` over plain HTTP", [src]), "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "add"
	some src in ins.args
	regex.match(`^(?i)http://`, src)
	not regex.match(_local, src)
}
