#!/usr/bin/env bash
# tests/container/check.sh IMAGE: runs a built PRISM image the way a container
# engine would, without one (this machine cannot run containers): the image's
# root filesystem mounted with `podman image mount`, /dev, /proc, a fresh
# data volume and /tmp bound into it in a private mount namespace, and the
# image's entrypoint and command run there by `chroot --userspec` as the
# image's user with exactly the image's environment. Then checks:
#   - the image runs as a non-root user and declares a HEALTHCHECK
#   - PORT is honoured (a free loopback port; HOST is set to 127.0.0.1 here
#     so that nothing listens beyond this machine)
#   - /health and /ready answer 200, / serves the bundled web app
#   - a sign-up (POST /api/v1/auth/register) succeeds and the database lands
#     in the data volume, owned by the image's user
#   - the HEALTHCHECK command passes, run in the image as its user
#   - SIGTERM stops the server cleanly (exit status 0)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/services/common.sh
source tests/services/common.sh

IMAGE=${1:?usage: tests/container/check.sh IMAGE}
PODMAN=(podman --cgroup-manager=cgroupfs)

fail() {
  echo "container check: $*" >&2
  exit 1
}

image=$("${PODMAN[@]}" image inspect "$IMAGE" | jq '.[0]') || fail "no image $IMAGE"
config=$(jq '.Config' <<<"$image")
user=$(jq -r '.User // ""' <<<"$config")
workdir=$(jq -r '.WorkingDir // "/"' <<<"$config")
volume=$(jq -r '(.Volumes // {}) | keys | first // ""' <<<"$config")
mapfile -t image_env < <(jq -r '.Env // [] | .[]' <<<"$config")
mapfile -t command < <(jq -r '(.Entrypoint // []) + (.Cmd // []) | .[]' <<<"$config")
mapfile -t healthcheck < <(jq -r '.Healthcheck.Test // [] | .[]' <<<"$image")

case "$user" in "" | 0 | 0:* | root | root:*) fail "the image runs as root (User=\"$user\")" ;; esac
[[ "$user" == *:* ]] || fail "User=\"$user\" should name a group too (uid:gid)"
[ -n "$volume" ] || fail "the image declares no data volume"
[ "${healthcheck[0]:-}" = CMD ] || fail "the image has no exec-form HEALTHCHECK (${healthcheck[*]:-none})"
printf '%s\n' "${image_env[@]}" | grep -qx 'HOST=0.0.0.0' || fail "the image does not set HOST=0.0.0.0"

work=$(mktemp -d /tmp/prism-container-check.XXXXXX)
pid=""
rootfs=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  [ -z "$rootfs" ] || "${PODMAN[@]}" image unmount "$IMAGE" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

rootfs=$("${PODMAN[@]}" image mount "$IMAGE")
mkdir -p "$work/data" "$work/tmp"
chown "$user" "$work/data"
chmod 1777 "$work/tmp"
port=$(test_service_free_port) || fail "no free loopback port"
run_env=("${image_env[@]}" HOST=127.0.0.1 PORT="$port")

# in_image COMMAND...: runs COMMAND in the image's root filesystem as the
# image's user, in the image's working directory, with the image's
# environment (PORT and HOST as above). The bind mounts live in a mount
# namespace of its own and vanish with the process. It replaces the calling
# shell (so that a background job's pid is the command's own): call it in a
# subshell or in the background.
in_image() {
  # shellcheck disable=SC2016  # the inner script expands its own arguments
  exec unshare --mount --propagation private -- bash -c '
    root=$1 data=$2 tmp=$3 volume=$4 user=$5
    shift 5
    mount --rbind /dev "$root/dev" && mount --rbind /proc "$root/proc" &&
      mount --bind "$data" "$root$volume" && mount --bind "$tmp" "$root/tmp" &&
      exec chroot --userspec="$user" "$root" "$@"' \
    in_image "$rootfs" "$work/data" "$work/tmp" "$volume" "$user" \
    /usr/bin/env -i -C "$workdir" "${run_env[@]}" "$@"
}

in_image "${command[@]}" >"$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
server_log() {
  tail -n 30 "$work/server.log" >&2
}

for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$base/health" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { server_log; fail "the server exited before it answered"; }
  sleep 0.2
done

expect_status() {
  local want=$1 what=$2
  shift 2
  local got
  got=$(curl -sS -o "$work/body" -w '%{http_code}' "$@") || got="no answer"
  if [ "$got" != "$want" ]; then
    echo "--- response body:" >&2
    head -c 2000 "$work/body" >&2 || true
    server_log
    fail "$what: expected $want, got $got"
  fi
  echo "    ok: $what ($got)"
}

expect_status 200 "GET /health on PORT=$port" "$base/health"
expect_status 200 "GET /ready" "$base/ready"
expect_status 200 "GET / (the bundled web app)" "$base/"
grep -qi '<div id="root"' "$work/body" || fail "GET / is not the web app's index.html"
expect_status 201 "POST /api/v1/auth/register" -X POST "$base/api/v1/auth/register" \
  -H 'Content-Type: application/json' \
  --data '{"email":"container-check@example.com","password":"a container check passphrase","name":"Container Check","organization_name":"Container Check"}'
jq -e '.access_token | length > 0' "$work/body" >/dev/null || fail "the sign-up returned no access token"

owner=$(find "$work/data" -maxdepth 1 -name '*.db' -printf '%U:%G\n' | head -n 1)
[ "$owner" = "$user" ] || fail "the database in the data volume is owned by \"$owner\", not $user"
echo "    ok: the database is in the data volume, owned by $user"

(in_image "${healthcheck[@]:1}") || { server_log; fail "the HEALTHCHECK command failed"; }
echo "    ok: HEALTHCHECK ${healthcheck[*]:1}"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" = 0 ] || { server_log; fail "the server exited with status $status on SIGTERM"; }
echo "    ok: SIGTERM stops the server (exit status 0)"
