#!/usr/bin/env bash
# Run geo's test suite. Installs what the browser tests need (Debian's chromium) if missing.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing chromium for the browser tests..." >&2
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "test: could not install chromium" >&2
fi

exec .venv/bin/python -m pytest "$@"
