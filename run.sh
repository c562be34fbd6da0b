#!/usr/bin/env bash
# Runs Herald on a repository with the embedded defaults (no configuration needed; SQLite index and
# caches in $XDG_DATA_HOME/herald/<slug>). Installs git if it is missing, builds once, then runs:
#   ./run.sh                                   # the portal (herald serve) for the current folder's repository
#   ./run.sh --repo ~/src/xen                  # the portal for that repository, http://127.0.0.1:8080 (--repo=PATH works too)
#   ./run.sh stats 4.9.0 --repo ~/src/xen      # any verb with its arguments
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v git >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq git >/dev/null
fi

bin="$here/artifacts/run"
stamp="$bin/.built-from"
current="$(cd "$here" && git rev-parse HEAD 2>/dev/null || echo none)$(cd "$here" && git status --porcelain 2>/dev/null | md5sum | cut -c1-8)"
if [ ! -x "$bin/herald" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$current" ]; then
  dotnet build "$here/src/Herald.Cli/Herald.Cli.csproj" -c Release -o "$bin" -nologo -v quiet >&2
  echo "$current" > "$stamp"
fi

case "${1:-}" in
  ""|-*) # no verb: the portal
    # --repo PATH or --repo=PATH: either names the repository.
    if printf '%s\n' "$@" | grep -qE -- '^--repo(=|$)'; then set -- serve "$@"; else set -- serve --repo "$PWD" "$@"; fi ;;
esac
exec "$bin/herald" "$@"
