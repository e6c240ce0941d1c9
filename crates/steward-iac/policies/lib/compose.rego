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
