# Service gets raw access to host devices.
package steward.iac.compose.sensitive_devices

__rego_metadata__ := {
    "id": "iac/compose/sensitive-devices",
    "title": "Service gets raw access to host devices",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-250"
    ],
    "owasp": "A05",
    "requirements": [
        "STW-CONFIG-009"
    ],
    "description": "A service maps a host device that exposes the host itself: physical or kernel memory (`/dev/mem`, `/dev/kmem`, `/dev/port`) or a block device (`/dev/sda`, `/dev/nvme0n1`, `/dev/xvda`, `/dev/disk/...`), so it can read or rewrite the host's disks and memory.",
    "remediation": "Remove the device mapping; give the service a volume for the data it needs instead.",
    "formats": [
        "compose"
    ]
}

_sensitive := `^/dev/(mem|kmem|port|sd[a-z]+[0-9]*|hd[a-z]+[0-9]*|vd[a-z]+[0-9]*|xvd[a-z]+[0-9]*|nvme[0-9]+(n[0-9]+(p[0-9]+)?)?|dm-[0-9]+|mapper/.+|disk/.+|loop[0-9]+|md[0-9]+)$`

deny contains {"msg": sprintf("service `%s` maps host device %s", [s.name, dev]), "path": array.concat(s.path, ["devices", i])} if {
	some s in data.steward.lib.compose.services
	some i, d in s.service.devices
	dev := _host(d)
	regex.match(_sensitive, dev)
}

_host(d) := split(d, ":")[0] if is_string(d)

_host(d) := d.source if is_object(d)
