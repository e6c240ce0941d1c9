# Image exposes a clear-text or remote-administration service.
package steward.iac.dockerfile.insecure_port_exposed

__rego_metadata__ := {
    "id": "iac/dockerfile/insecure-port-exposed",
    "title": "Image exposes a clear-text or remote-administration service",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-002",
        "STW-NET-006"
    ],
    "description": "EXPOSE announces a port of a clear-text or remote-control protocol: Telnet 23, FTP 21, rsh/rlogin 512-514, VNC 5900, RDP 3389, or the Docker API without TLS 2375. A container should not run these services, and publishing them hands out a login or control prompt without encryption. (SSH on 22 is reported by iac/dockerfile/expose-ssh.)",
    "remediation": "Remove the service from the image; administer containers through the orchestrator (`docker exec`, `kubectl exec`), and use TLS-protected protocols where a network service is needed.",
    "formats": [
        "dockerfile"
    ]
}

_ports := {"21": "FTP", "23": "Telnet", "512": "rexec", "513": "rlogin", "514": "rsh", "2375": "the Docker API without TLS", "3389": "RDP", "5900": "VNC", "5901": "VNC"}

deny contains {"msg": sprintf("EXPOSE %s: %s", [port, _ports[split(port, "/")[0]]]), "path": ["stages", i, "instructions", j]} if {
	some i, j
	ins := input.stages[i].instructions[j]
	ins.cmd == "expose"
	some port in ins.args
	_ports[split(port, "/")[0]]
}
