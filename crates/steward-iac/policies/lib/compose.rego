# Helpers for docker-compose policies: services with their paths, and environment
# entries whichever of the two forms (map or KEY=value list) they are written in.
package steward.lib.compose

services contains {"name": name, "service": svc, "path": ["services", name]} if {
	is_object(input.services)
	some name, svc in input.services
	is_object(svc)
}

env contains {"service": s.name, "image": object.get(s.service, "image", ""), "name": k, "value": v, "path": array.concat(s.path, ["environment", k])} if {
	some s in services
	is_object(s.service.environment)
	some k, v in s.service.environment
	v != null
}

env contains {"service": s.name, "image": object.get(s.service, "image", ""), "name": parts[0], "value": concat("=", array.slice(parts, 1, count(parts))), "path": array.concat(s.path, ["environment", i])} if {
	some s in services
	is_array(s.service.environment)
	some i, entry in s.service.environment
	is_string(entry)
	contains(entry, "=")
	parts := split(entry, "=")
}

# Published ports of every service: {"service", "ip", "container", "path"}. `ip` is ""
# when the port is published on every interface; `path` is the entry (its `published`
# field in the long form).
ports contains {"service": s.name, "ip": p.ip, "container": p.container, "path": _port_at(array.concat(s.path, ["ports", i]), entry)} if {
	some s in services
	some i, entry in s.service.ports
	p := _port(entry)
}

# Whether a published port is reachable on every interface of the host.
all_interfaces(p) if p.ip in {"", "0.0.0.0", "::", "[::]"}

_port(p) := {"ip": "", "container": p} if is_number(p)

_port(p) := {"ip": object.get(p, "host_ip", ""), "container": to_number(p.target)} if {
	is_object(p)
	p.published
}

_port(p) := r if {
	is_string(p)
	not startswith(p, "[")
	parts := split(split(p, "/")[0], ":")
	r := {"ip": _ip(parts), "container": to_number(split(parts[count(parts) - 1], "-")[0])}
}

_port(p) := {"ip": ip, "container": to_number(split(parts[count(parts) - 1], "-")[0])} if {
	is_string(p)
	startswith(p, "[")
	ip := split(p, "]")[0]
	parts := split(split(p, "/")[0], ":")
}

_port_at(path, entry) := array.concat(path, ["published"]) if is_object(entry)

_port_at(path, entry) := path if not is_object(entry)

_ip(parts) := "" if count(parts) < 3

_ip(parts) := parts[0] if count(parts) >= 3

# Host paths bind-mounted into services: {"service", "source", "target", "path"}.
binds contains {"service": s.name, "source": src, "target": _target(v), "path": _volume_at(array.concat(s.path, ["volumes", i]), v)} if {
	some s in services
	some i, v in s.service.volumes
	src := _source(v)
	regex.match(`^(/|~)`, src)
}

_source(v) := split(v, ":")[0] if is_string(v)

_source(v) := v.source if {
	is_object(v)
	is_string(v.source)
}

_target(v) := parts[1] if {
	is_string(v)
	parts := split(v, ":")
	count(parts) > 1
}

_target(v) := "" if {
	is_string(v)
	count(split(v, ":")) < 2
}

_target(v) := object.get(v, "target", "") if is_object(v)

_volume_at(path, v) := array.concat(path, ["source"]) if is_object(v)

_volume_at(path, v) := path if is_string(v)
