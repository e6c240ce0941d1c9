# ADD downloads from a URL.
package steward.iac.dockerfile.add_from_url

__rego_metadata__ := {
    "id": "iac/dockerfile/add-from-url",
    "title": "ADD downloads from a URL",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-494"
    ],
    "owasp": "A08",
    "requirements": [],
    "description": "`ADD` fetches a remote URL at build time without verifying what it downloaded.",
    "remediation": "Download with `RUN curl -fsSLO` and verify a checksum (`sha256sum -c`), or use `ADD --checksum=sha256:...`.",
    "formats": [
        "dockerfile"
    ]
}

deny contains {"msg": sprintf("ADD downloads `%s` without verifying it", [src]), "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "add"
	not ins.flags.checksum
	some src in ins.args
	regex.match(`^https?://`, src)
}
