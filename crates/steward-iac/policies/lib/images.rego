# Helpers on container image references and on the well-known images whose defaults
# leave them open.
package steward.lib.images

# The image's short name: "docker.io/library/postgres:16" -> "postgres".
short_name(ref) := n if {
	no_digest := split(ref, "@")[0]
	parts := split(no_digest, "/")
	last := parts[count(parts) - 1]
	n := lower(split(last, ":")[0])
}

# The tag, or "" when there is none.
tag(ref) := t if {
	no_digest := split(ref, "@")[0]
	parts := split(no_digest, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
} else := ""

has_digest(ref) if contains(ref, "@sha256:")

# Floating: no tag, or `latest`, and no digest; variables are left alone.
floating(ref) if {
	not has_digest(ref)
	not contains(ref, "$")
	tag(ref) in {"", "latest"}
}

family(ref) := _families[short_name(ref)]

_families := {
	"mongo": "mongo", "mongodb": "mongo", "mongodb-community-server": "mongo",
	"postgres": "postgres", "postgresql": "postgres", "postgis": "postgres",
	"mysql": "mysql", "mariadb": "mysql", "percona-server": "mysql", "mysql-server": "mysql",
	"redis": "redis", "redis-stack": "redis", "redis-stack-server": "redis", "valkey": "redis",
	"rabbitmq": "rabbitmq",
	"elasticsearch": "elasticsearch", "opensearch": "elasticsearch",
}

weak_passwords := {
	"", "password", "passw0rd", "admin", "root", "secret", "changeme", "example", "test",
	"postgres", "mysql", "mongo", "redis", "guest", "123456", "12345678", "default", "pass",
}

weak(v) if lower(trim_space(v)) in weak_passwords

database_ports := {27017, 5432, 3306, 6379, 9200, 9300, 1433, 1521, 5984, 9042, 11211, 5672, 15672, 7000, 8086}

# Problems with how an image of a well-known family is given credentials. `env` maps
# variable names to literal values (with `__from_elsewhere__` set when the environment
# is also loaded from a file or a Secret we cannot see, so "not set" cannot be claimed);
# `command` is the command line as one string. Each
# problem names the variable it is about ("" when one is missing).
credential_problems(ref, env, command) := _by_family(family(ref), env, command)

_by_family("mongo", env, command) := {p | some c in ["mongo-1", "mongo-2"]; p := _check(c, "mongo", env, command)}

_by_family("postgres", env, command) := {p | some c in ["postgres-1", "postgres-2"]; p := _check(c, "postgres", env, command)}

_by_family("mysql", env, command) := {p | some c in ["mysql-1", "mysql-2"]; p := _check(c, "mysql", env, command)}

_by_family("redis", env, command) := {p | some c in ["redis-1", "redis-2"]; p := _check(c, "redis", env, command)}

_by_family("rabbitmq", env, command) := {p | some c in ["rabbitmq-1", "rabbitmq-2"]; p := _check(c, "rabbitmq", env, command)}

_by_family("elasticsearch", env, command) := {p | some c in ["elasticsearch-1", "elasticsearch-2"]; p := _check(c, "elasticsearch", env, command)}

_check("mongo-1", "mongo", env, _) := {"key": "", "msg": "starts without authentication: MONGO_INITDB_ROOT_USERNAME/PASSWORD are not set"} if {
	not env.MONGO_INITDB_ROOT_PASSWORD
	not env.MONGO_INITDB_ROOT_PASSWORD_FILE
	not env.MONGODB_ROOT_PASSWORD
	not env.MONGODB_ROOT_PASSWORD_FILE
	not env.__from_elsewhere__
}

_check("mongo-2", "mongo", env, _) := {"key": "MONGO_INITDB_ROOT_PASSWORD", "msg": "uses a default or trivial root password"} if weak(env.MONGO_INITDB_ROOT_PASSWORD)

_check("postgres-1", "postgres", env, _) := {"key": "POSTGRES_HOST_AUTH_METHOD", "msg": "accepts connections without a password (POSTGRES_HOST_AUTH_METHOD=trust)"} if lower(env.POSTGRES_HOST_AUTH_METHOD) == "trust"

_check("postgres-2", "postgres", env, _) := {"key": "POSTGRES_PASSWORD", "msg": "uses a default or trivial superuser password"} if weak(env.POSTGRES_PASSWORD)

_check("mysql-1", "mysql", env, _) := {"key": k, "msg": "allows an empty root password"} if {
	some k in ["MYSQL_ALLOW_EMPTY_PASSWORD", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "ALLOW_EMPTY_PASSWORD"]
	lower(sprintf("%v", [env[k]])) in {"yes", "true", "1"}
}

_check("mysql-2", "mysql", env, _) := {"key": k, "msg": "uses a default or trivial root password"} if {
	some k in ["MYSQL_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD"]
	weak(env[k])
}

_check("redis-1", "redis", env, command) := {"key": "", "msg": "runs without a password (no --requirepass, REDIS_PASSWORD or ACL file)"} if {
	not contains(command, "requirepass")
	not contains(command, "aclfile")
	# A configuration file of its own may set requirepass; we cannot see inside it.
	not contains(command, ".conf")
	not env.REDIS_PASSWORD
	not env.REDIS_PASSWORD_FILE
	not env.REDIS_ARGS
	not env.__from_elsewhere__
}

_check("redis-2", "redis", env, _) := {"key": "ALLOW_EMPTY_PASSWORD", "msg": "allows an empty password"} if lower(env.ALLOW_EMPTY_PASSWORD) in {"yes", "true", "1"}

_check("rabbitmq-1", "rabbitmq", env, _) := {"key": "", "msg": "keeps the default guest/guest account: RABBITMQ_DEFAULT_USER/PASS are not set"} if {
	not env.RABBITMQ_DEFAULT_PASS
	not env.RABBITMQ_DEFAULT_PASS_FILE
	not env.RABBITMQ_PASSWORD
	not env.__from_elsewhere__
}

_check("rabbitmq-2", "rabbitmq", env, _) := {"key": "RABBITMQ_DEFAULT_PASS", "msg": "uses a default or trivial password"} if weak(env.RABBITMQ_DEFAULT_PASS)

_check("elasticsearch-1", "elasticsearch", env, _) := {"key": k, "msg": "runs with security (authentication) disabled"} if {
	some k in ["xpack.security.enabled", "plugins.security.disabled", "DISABLE_SECURITY_PLUGIN"]
	v := lower(sprintf("%v", [env[k]]))
	_security_off(k, v)
}

_check("elasticsearch-2", "elasticsearch", env, _) := {"key": "ELASTIC_PASSWORD", "msg": "uses a default or trivial elastic password"} if weak(env.ELASTIC_PASSWORD)

_security_off("xpack.security.enabled", "false") := true

_security_off("plugins.security.disabled", "true") := true

_security_off("DISABLE_SECURITY_PLUGIN", "true") := true

secret_name(name) if {
	regex.match(`(?i)(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth[_-]?key)`, name)
	not regex.match(`(?i)(_file|_path|_dir|_url|_uri|_name|_user|_username|_id|_length|_ttl|_expiry)$`, name)
	# A duration, count or size about a secret (`TOKEN_TTL_SECONDS`, `PASSWORD_MIN_LENGTH`).
	not regex.match(`(?i)_(seconds|secs|minutes|mins|hours|days|ms|timeout|lifetime|expires_in|count|size|min_length|max_length|rounds)$`, name)
}

# A value that is written in the file, not taken from elsewhere.
literal_secret(v) if {
	is_string(v)
	count(v) >= 4
	not startswith(v, "$")
	not contains(v, "${")
	not contains(v, "{{")
	not lower(v) in {"true", "false", "null", "none", "changeme_in_prod"}
}
