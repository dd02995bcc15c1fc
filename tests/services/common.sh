# shellcheck shell=bash
# What the test services (postgres.sh, redis.sh) share; sourced by them.

# A loopback port nothing listens on (a refused connection), with nothing a
# fresh Debian may lack.
test_service_free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# test_service_certificates DIR NAME: a CA (DIR/ca.crt) and a server
# certificate it signed for localhost and 127.0.0.1 (DIR/server.crt and
# DIR/server.key), so clients verify the server fully; openssl's output goes
# to DIR/openssl.log.
test_service_certificates() {
  local dir=$1 name=$2
  (
    cd "$dir" || exit 1
    openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=PRISM test $name CA" \
      -keyout ca.key -out ca.crt &&
      openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr &&
      printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >server.ext &&
      openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 7 \
        -extfile server.ext -out server.crt &&
      chmod 600 server.key ca.key
  ) >"$dir/openssl.log" 2>&1
}
