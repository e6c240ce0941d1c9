# Helpers shared by the architecture policies: the components by id, the zone of a flow's
# ends (the external endpoints `internet`, `user`, `users` and `partner` are in the
# internet zone), which kinds store data, which classes are sensitive.
package steward.lib.arch

datastore_kinds := {"database", "cache", "bucket", "queue"}

sensitive_classes := {"cardholder", "health", "pii", "credentials", "financial"}

regulated_classes := {"cardholder", "health"}

external_endpoints := {"internet", "user", "users", "partner"}

secrets_managers := {
	"vault", "hashicorp-vault", "openbao", "aws-secrets-manager", "secrets-manager",
	"gcp-secret-manager", "azure-key-vault", "key-vault", "infisical", "doppler", "conjur",
	"cyberark", "1password", "bitwarden-secrets-manager", "sealed-secrets", "external-secrets",
}

log_platforms := {
	"siem", "splunk", "elk", "elastic", "loki", "cloudwatch", "cloudwatch-logs", "datadog",
	"graylog", "sentinel", "chronicle", "wazuh", "syslog", "rsyslog", "sumologic",
	"logstash", "fluentd", "opensearch-logs", "security-lake", "qradar",
}

cleartext_protocols := {"http", "ftp", "telnet", "tftp", "ldap", "pop3", "imap", "snmp", "smtp", "amqp", "mqtt", "redis", "memcached"}

components := object.get(input, "components", [])

flows := object.get(input, "flows", [])

by_id := {c.id: c | some c in components}

is_datastore(c) if c.kind in datastore_kinds

sensitive(classes) := {x | some x in classes; x in sensitive_classes}

regulated(classes) := {x | some x in classes; x in regulated_classes}

holds(c) := object.get(c, "holds", [])

flow_data(f) := object.get(f, "data", [])

zone_of(id) := z if {
	z := by_id[id].zone
} else := "internet" if {
	id in external_endpoints
}

faces_internet(c) if c.zone in {"internet", "dmz"}

# Classes a component holds, receives or sends: the data it handles.
data_at(id) := {d | some d in holds(by_id[id])} | {d | some f in flows; id in {f.from, f.to}; some d in flow_data(f)}

describe(c) := sprintf("`%s` (%s %s, %s zone)", [c.id, c.tech, c.kind, c.zone]) if {
	c.tech
} else := sprintf("`%s` (%s, %s zone)", [c.id, c.kind, c.zone])

is_gatekeeper(id) if by_id[id].kind == "gateway"

is_gatekeeper(id) if by_id[id].waf == true

is_secrets_manager(c) if lower(c.tech) in secrets_managers

has_secrets_manager if {
	some c in components
	is_secrets_manager(c)
}

has_secrets_manager if {
	some c in components
	c.secrets == "vault"
}

is_log_sink(c) if lower(c.tech) in log_platforms

is_log_sink(c) if {
	some other in components
	other.logs_to == c.id
}

has_log_sink if {
	some c in components
	is_log_sink(c)
}

declared_jurisdictions := {j | some j in object.get(object.get(input, "data", {}), "jurisdictions", [])}

product_classes := {x | some x in object.get(object.get(input, "data", {}), "classes", [])}

joined(s) := concat(", ", sort([x | some x in s]))
