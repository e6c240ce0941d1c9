# Sensitive data over a clear-text protocol.
package steward.arch.plaintext_protocol

import data.steward.lib.arch

__rego_metadata__ := {
    "id": "arch/plaintext-protocol",
    "title": "Sensitive data over a clear-text protocol",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A flow that carries sensitive data names a protocol that is clear text on the wire (http, ftp, telnet, ldap, smtp, plain amqp/mqtt/redis...), whatever `encrypted` says.",
    "remediation": "Use the protocol's TLS form (https, sftp/ftps, ldaps, smtps, amqps, mqtts, rediss) and name it in `protocol`.",
    "formats": [
        "steward-manifest"
    ]
}

deny contains {"msg": sprintf("flow %s -> %s carries %s data over %s, a clear-text protocol", [f.from, f.to, arch.joined(arch.sensitive(arch.flow_data(f))), f.protocol]), "path": ["flows", i, "protocol"], "components": [f.from, f.to]} if {
	some i, f in arch.flows
	lower(f.protocol) in arch.cleartext_protocols
	count(arch.sensitive(arch.flow_data(f))) > 0
}
