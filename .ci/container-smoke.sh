#!/usr/bin/env bash
# Builds the Dockerfile's image and serves a tiny repository from it: /healthz must answer 200 with the
# repository mounted read-only and owned by another uid than the container's user. Needs a running
# container engine (test.sh calls this only when 'docker info' succeeds) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null 2>&1 || { echo "container-smoke: curl is missing" >&2; exit 1; }

image="herald-smoke:$$"
name="herald-smoke-$$"
work="$(mktemp -d)"
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker rmi "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

docker build -q -t "$image" . >/dev/null

git init -q -b master "$work/repo"
(
  cd "$work/repo"
  export GIT_CONFIG_NOSYSTEM=1 HOME="$work" GIT_AUTHOR_NAME="Alice Example" GIT_AUTHOR_EMAIL=alice@example.com \
    GIT_COMMITTER_NAME="Alice Example" GIT_COMMITTER_EMAIL=alice@example.com
  echo one > file.txt && git add file.txt && git commit -q -m "Initial import"
  git tag -a RELEASE-1.0.0 -m "1.0.0" && git branch stable-1.0
  echo two >> file.txt && git commit -q -am "Second change"
  git tag -a RELEASE-1.1.0 -m "1.1.0"
)
mkdir "$work/data"
chmod 777 "$work/data" # the image's user (uid 1654) writes the index here

docker run -d --name "$name" -p 127.0.0.1::8080 -v "$work/repo:/repo:ro" -v "$work/data:/data" "$image" >/dev/null
port="$(docker port "$name" 8080/tcp | head -n 1 | sed 's/.*://')"
code=""
for _ in $(seq 1 240); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)"
  [ "$code" = 200 ] && break
  sleep 0.5
done
if [ "$code" != 200 ]; then
  echo "container-smoke: /healthz answered '$code', not 200; the container's log:" >&2
  docker logs "$name" >&2 || true
  exit 1
fi
echo "container-smoke: the image serves a read-only repository; /healthz 200"
