#!/bin/sh
# Starts a local PostgreSQL for steward-store's tests and prints the URL to export as
# STEWARD_TEST_POSTGRES. Idempotent: installs PostgreSQL with apt-get only if it is missing,
# starts the cluster only if it is down, creates the role and database only if absent.
# Listens on localhost only. Run as root (or with sudo available).
#
#   export STEWARD_TEST_POSTGRES="$(crates/steward-store/tests/start-postgres.sh | tail -n1)"
#   cargo test -p steward-store
set -eu

ROLE=steward
# steward:ignore[secrets/generic-password] throwaway password of a test cluster that listens on localhost only
PASSWORD=steward
DB=steward_test
PORT="${PGPORT:-5432}"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "installing postgresql" >&2
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi

# The newest installed cluster (Debian creates "main" when the server package is installed).
CLUSTER="$(pg_lsclusters -h | sort -k1,1n | tail -n1)"
if [ -z "$CLUSTER" ]; then
    VERSION="$(ls /usr/lib/postgresql | sort -n | tail -n1)"
    $SUDO pg_createcluster "$VERSION" main -p "$PORT" >&2
    CLUSTER="$(pg_lsclusters -h | sort -k1,1n | tail -n1)"
fi
VERSION="$(echo "$CLUSTER" | awk '{print $1}')"
NAME="$(echo "$CLUSTER" | awk '{print $2}')"
PORT="$(echo "$CLUSTER" | awk '{print $3}')"
CONF="/etc/postgresql/$VERSION/$NAME/postgresql.conf"

# Debian's default is already localhost; make it explicit so a changed default cannot expose
# a superuser with a well-known password.
if ! $SUDO grep -Eq "^listen_addresses *= *'(localhost|127\.0\.0\.1)'" "$CONF"; then
    echo "listen_addresses = 'localhost'" | $SUDO tee -a "$CONF" >/dev/null
    if echo "$CLUSTER" | grep -q online; then
        $SUDO pg_ctlcluster "$VERSION" "$NAME" restart >&2
    fi
fi

if ! echo "$CLUSTER" | grep -q online; then
    $SUDO pg_ctlcluster "$VERSION" "$NAME" start >&2
fi

as_postgres() {
    if [ -z "$SUDO" ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}

# Wait until it accepts connections.
i=0
until as_postgres "psql -p $PORT -qAtc 'SELECT 1'" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -gt 30 ]; then
        echo "PostgreSQL $VERSION/$NAME did not start; see /var/log/postgresql/" >&2
        exit 1
    fi
    sleep 1
done

if [ "$(as_postgres "psql -p $PORT -qAtc \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != "1" ]; then
    as_postgres "psql -p $PORT -qc \"CREATE ROLE $ROLE LOGIN SUPERUSER PASSWORD '$PASSWORD'\"" >&2
fi
if [ "$(as_postgres "psql -p $PORT -qAtc \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"")" != "1" ]; then
    as_postgres "createdb -p $PORT -O $ROLE $DB" >&2
fi

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
