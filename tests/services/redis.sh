#!/usr/bin/env bash
# Sourced by script/test (or by hand) to give the cache tests a real Redis:
#   source tests/services/redis.sh && redis_start   ...   redis_stop
# Starts Debian's redis-server in a temporary directory on two free loopback
# ports, one plain and one TLS (a CA and a server certificate for localhost
# and 127.0.0.1 made here with openssl), both behind a random password, and
# exports:
#   PRISM_TEST_REDIS_URL      redis://:<password>@127.0.0.1:<port>
#   PRISM_TEST_REDISS_URL     rediss://:<password>@localhost:<tls port>
#   PRISM_TEST_REDIS_CA       the CA certificate that signed the server's
#   PRISM_TEST_REDIS_TLS_DIR  ca.crt, server.crt, server.key (tests start
#                             redis-servers of their own with them)

# shellcheck source=tests/services/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

redis_start() {
  command -v redis-server >/dev/null || { echo "redis-server is not installed (script/bootstrap)"; return 1; }
  REDIS_TEST_DIR=$(mktemp -d /tmp/prism-test-redis.XXXXXX)
  test_service_certificates "$REDIS_TEST_DIR" Redis || { cat "$REDIS_TEST_DIR/openssl.log"; return 1; }
  local password port tls_port
  password=$(openssl rand -hex 16)
  port=$(test_service_free_port) && tls_port=$(test_service_free_port) || { echo "no free port"; return 1; }
  # The password goes in through the config file, not the command line (ps).
  cat >"$REDIS_TEST_DIR/redis.conf" <<CONF
bind 127.0.0.1
port $port
tls-port $tls_port
tls-cert-file $REDIS_TEST_DIR/server.crt
tls-key-file $REDIS_TEST_DIR/server.key
tls-ca-cert-file $REDIS_TEST_DIR/ca.crt
tls-auth-clients no
requirepass $password
save ""
appendonly no
dir $REDIS_TEST_DIR
logfile $REDIS_TEST_DIR/redis.log
pidfile $REDIS_TEST_DIR/redis.pid
daemonize yes
CONF
  chmod 600 "$REDIS_TEST_DIR/redis.conf"
  redis-server "$REDIS_TEST_DIR/redis.conf" || { cat "$REDIS_TEST_DIR/redis.log"; return 1; }
  for _ in $(seq 1 100); do
    if REDISCLI_AUTH="$password" redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
      export PRISM_TEST_REDIS_URL="redis://:$password@127.0.0.1:$port"
      export PRISM_TEST_REDISS_URL="rediss://:$password@localhost:$tls_port"
      export PRISM_TEST_REDIS_CA="$REDIS_TEST_DIR/ca.crt"
      export PRISM_TEST_REDIS_TLS_DIR="$REDIS_TEST_DIR"
      echo "    redis-server on 127.0.0.1:$port (TLS :$tls_port), dir $REDIS_TEST_DIR"
      return 0
    fi
    sleep 0.1
  done
  echo "redis-server did not answer"
  cat "$REDIS_TEST_DIR/redis.log"
  return 1
}

redis_stop() {
  upstash_stand_in_stop
  [ -n "${REDIS_TEST_DIR:-}" ] || return 0
  if [ -f "$REDIS_TEST_DIR/redis.pid" ]; then
    local pid
    pid=$(cat "$REDIS_TEST_DIR/redis.pid")
    kill -CONT "$pid" 2>/dev/null
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$REDIS_TEST_DIR"
  unset REDIS_TEST_DIR PRISM_TEST_REDIS_URL PRISM_TEST_REDISS_URL PRISM_TEST_REDIS_CA \
    PRISM_TEST_REDIS_TLS_DIR
}

# upstash_stand_in_start BINARY: the Upstash REST stand-in
# (prism_upstash_stand_in, built with the tests) in front of the Redis above;
# exports PRISM_TEST_UPSTASH_URL and PRISM_TEST_UPSTASH_TOKEN. For scale-out
# tests that point several `prism` instances at one "Upstash".
upstash_stand_in_start() {
  local binary=$1
  [ -n "${PRISM_TEST_REDIS_URL:-}" ] || { echo "redis_start first"; return 1; }
  local token
  token=$(openssl rand -hex 16)
  STAND_IN_REDIS_URL="$PRISM_TEST_REDIS_URL" STAND_IN_TOKEN="$token" \
    "$binary" >"$REDIS_TEST_DIR/stand-in.url" 2>"$REDIS_TEST_DIR/stand-in.log" &
  UPSTASH_STAND_IN_PID=$!
  for _ in $(seq 1 100); do
    if [ -s "$REDIS_TEST_DIR/stand-in.url" ]; then
      export PRISM_TEST_UPSTASH_URL PRISM_TEST_UPSTASH_TOKEN="$token"
      PRISM_TEST_UPSTASH_URL=$(head -n 1 "$REDIS_TEST_DIR/stand-in.url")
      echo "    upstash stand-in at $PRISM_TEST_UPSTASH_URL"
      return 0
    fi
    kill -0 "$UPSTASH_STAND_IN_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the upstash stand-in did not start"
  cat "$REDIS_TEST_DIR/stand-in.log"
  return 1
}

upstash_stand_in_stop() {
  [ -n "${UPSTASH_STAND_IN_PID:-}" ] || return 0
  kill "$UPSTASH_STAND_IN_PID" 2>/dev/null
  wait "$UPSTASH_STAND_IN_PID" 2>/dev/null
  unset UPSTASH_STAND_IN_PID PRISM_TEST_UPSTASH_URL PRISM_TEST_UPSTASH_TOKEN
}
