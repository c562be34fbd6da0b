#!/usr/bin/env bash
# Runs the whole test suite. Installs and starts what the tests need first (git, GnuPG); a test that
# needs a component fails when it is missing, it never skips.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
missing=()
command -v git >/dev/null 2>&1 || missing+=(git)
command -v gpg >/dev/null 2>&1 || missing+=(gnupg)
command -v gpg-agent >/dev/null 2>&1 || missing+=(gpg-agent)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet test "$here/Herald.slnx" -c Release --nologo --logger "console;verbosity=normal" "$@"
