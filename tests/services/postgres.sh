# shellcheck shell=bash
# A throw-away PostgreSQL 15 from Debian's packages for the test suites.
# Source this file, then:
#   pg_service_start   initdb in a temporary directory, TLS on (a CA and a
#                      server certificate for localhost/127.0.0.1 made here),
#                      a free loopback port, the unix socket in that directory,
#                      a NON-superuser role `prism` (LOGIN, CREATEDB) owning the
#                      database `prism`; exports PRISM_TEST_POSTGRES_URL
#                      (sslmode=verify-full) and PRISM_TEST_POSTGRES_DIR.
#   pg_service_stop    stops the server and removes the directory.
# The tests create one schema per test database / server under that URL.
# Runs the server as the `postgres` system user (initdb refuses root).

PG_SERVICE_BIN=${PG_SERVICE_BIN:-/usr/lib/postgresql/15/bin}

# shellcheck source=tests/services/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

pg_service_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_service_start() {
  local dir port password
  dir=$(mktemp -d /tmp/prism-pg.XXXXXX) || return 1
  chmod 755 "$dir"
  port=$(test_service_free_port) || return 1
  password=$(openssl rand -hex 16)
  test_service_certificates "$dir" PostgreSQL || { cat "$dir/openssl.log" >&2; return 1; }
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
  pg_service_as_postgres "$PG_SERVICE_BIN/initdb" -D "$dir/data" -U postgres -A trust \
    --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; return 1; }
  # fsync off: a test server need not survive a power cut. synchronous_commit
  # stays on, so `pg_ctl restart -m immediate` loses no acknowledged commit.
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
ssl = on
ssl_cert_file = '$dir/server.crt'
ssl_key_file = '$dir/server.key'
fsync = off
full_page_writes = off
password_encryption = 'scram-sha-256'
log_min_messages = warning
CONF
  # The superuser only over the unix socket; everyone else only over TLS.
  cat >"$dir/data/pg_hba.conf" <<HBA
local   all  postgres                 trust
hostssl all  all       127.0.0.1/32   scram-sha-256
HBA
  pg_service_as_postgres "$PG_SERVICE_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  pg_service_as_postgres "$PG_SERVICE_BIN/psql" -h "$dir" -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -q >/dev/null <<SQL || return 1
CREATE ROLE prism LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE prism OWNER prism;
SQL
  export PRISM_TEST_POSTGRES_DIR=$dir
  export PRISM_TEST_POSTGRES_PORT=$port
  export PRISM_TEST_POSTGRES_URL="postgresql://prism:$password@localhost:$port/prism?sslmode=verify-full&sslrootcert=$dir/ca.crt"
  echo "    postgres 15 on 127.0.0.1:$port (TLS, role prism), data in $dir"
}

pg_service_stop() {
  [ -n "${PRISM_TEST_POSTGRES_DIR:-}" ] || return 0
  pg_service_as_postgres "$PG_SERVICE_BIN/pg_ctl" -D "$PRISM_TEST_POSTGRES_DIR/data" -m fast -w \
    stop >/dev/null 2>&1
  rm -rf "$PRISM_TEST_POSTGRES_DIR"
  unset PRISM_TEST_POSTGRES_DIR PRISM_TEST_POSTGRES_PORT PRISM_TEST_POSTGRES_URL
}
