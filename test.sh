#!/usr/bin/env bash
# Runs the whole test suite. Installs and starts what the tests need first (git, GnuPG, PostgreSQL,
# Chromium, an S3 protocol server, aiosmtpd for an SMTP server); a test that needs a component fails
# when it is missing, it never skips.
# Both test projects run; the fast ones alone need only git and no sudo: dotnet test tests/Herald.UnitTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
missing=()
command -v git >/dev/null 2>&1 || missing+=(git)
command -v gpg >/dev/null 2>&1 || missing+=(gnupg)
command -v gpg-agent >/dev/null 2>&1 || missing+=(gpg-agent)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xz >/dev/null 2>&1 || missing+=(xz-utils)
command -v strace >/dev/null 2>&1 || missing+=(strace)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# The mail tests' SMTP server runs on Debian's python3 (not one earlier on PATH) with aiosmtpd.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  apt_log="$(mktemp)"
  if ! { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2; rm -f "$apt_log"; exit 1
  fi
  rm -f "$apt_log"
fi

# PostgreSQL for the index tests: the newest installed cluster (created if the package made none),
# started, with a role that may create the per-test-class databases. HERALD_TEST_POSTGRES from the
# caller wins (a server elsewhere).
as_postgres() {
  # From / so that psql need not read the caller's folder.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres "$@"); fi
}
if [ -z "${HERALD_TEST_POSTGRES:-}" ]; then
  pg_version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    $sudo_cmd pg_createcluster "$pg_version" main >/dev/null
  fi
  pg_port="$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" { print $3 }')"
  if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" && $4 ~ /^online/ { found = 1 } END { exit !found }'; then
    $sudo_cmd pg_ctlcluster "$pg_version" main start >/dev/null 2>&1 || $sudo_cmd service postgresql start >/dev/null
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p "$pg_port" || { echo "test.sh: PostgreSQL $pg_version did not start on port $pg_port" >&2; exit 1; }
  as_postgres psql -q -X -v ON_ERROR_STOP=1 -p "$pg_port" -d postgres >/dev/null <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'herald') THEN
    CREATE ROLE herald LOGIN PASSWORD 'herald' CREATEDB;
  ELSE
    ALTER ROLE herald LOGIN PASSWORD 'herald' CREATEDB;
  END IF;
END
$$;
SELECT 'CREATE DATABASE herald_test OWNER herald' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'herald_test')
\gexec
SQL
  export HERALD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=herald;Password=herald;Database=herald_test"
fi

# An S3 protocol server (s3rver, from npm, kept in a cache folder) for the object-store tests, on a free
# port, stopped when the tests end. HERALD_TEST_S3 from the caller wins (a server elsewhere).
if [ -z "${HERALD_TEST_S3:-}" ]; then
  s3_tools="${XDG_CACHE_HOME:-$HOME/.cache}/herald-test/s3rver"
  if [ ! -x "$s3_tools/node_modules/.bin/s3rver" ]; then
    mkdir -p "$s3_tools"
    npm_log="$(mktemp)"
    if ! npm install --prefix "$s3_tools" --no-audit --no-fund --silent s3rver@3.7.1 >"$npm_log" 2>&1; then
      cat "$npm_log" >&2; rm -f "$npm_log"; exit 1
    fi
    rm -f "$npm_log"
  fi
  s3_data="$(mktemp -d)"
  s3_log="$s3_data.log"
  "$s3_tools/node_modules/.bin/s3rver" -d "$s3_data" -a 127.0.0.1 -p 0 >"$s3_log" 2>&1 &
  s3_pid=$!
  trap 'kill "$s3_pid" 2>/dev/null || true; rm -rf "$s3_data" "$s3_log"' EXIT
  for _ in $(seq 1 60); do
    grep -q "listening on" "$s3_log" && break
    sleep 0.25
  done
  s3_address="$(sed -n 's/.*listening on \([0-9.:]*\).*/\1/p' "$s3_log" | head -n 1)"
  [ -n "$s3_address" ] || { echo "test.sh: s3rver did not start:" >&2; cat "$s3_log" >&2; exit 1; }
  export HERALD_TEST_S3="http://$s3_address"
fi

# The container image: built and smoke-tested only where a container engine runs (none on the CI machines).
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  "$here/.ci/container-smoke.sh"
else
  echo "test.sh: container test not run: no container engine available ('docker info' failed)"
fi

dotnet test "$here/Herald.slnx" -c Release --nologo --logger "console;verbosity=normal" "$@"
