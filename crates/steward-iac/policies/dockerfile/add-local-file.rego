# ADD used to copy local files.
package steward.iac.dockerfile.add_local_file

__rego_metadata__ := {
    "id": "iac/dockerfile/add-local-file",
    "title": "ADD used to copy local files",
    "severity": "low",
    "confidence": "high",
    "cwe": [
        "CWE-669"
    ],
    "owasp": "A08",
    "requirements": [],
    "description": "`ADD` also unpacks archives and fetches URLs; for plain local files it hides those side effects where `COPY` would not.",
    "remediation": "Use `COPY` for local files and directories.",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": "use COPY, not ADD, for local files", "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "add"
	count(ins.args) >= 2
	srcs := array.slice(ins.args, 0, count(ins.args) - 1)
	every src in srcs {
		not regex.match(`^https?://|^git@|\.(tar|tgz|tar\.gz|tar\.bz2|tar\.xz|txz|tbz2?)$`, src)
	}
}
