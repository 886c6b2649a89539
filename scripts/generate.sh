#!/usr/bin/env bash
# Regenerate the low-level client from openapi.yaml into generated/mews_connector_client.
# Deterministic: pinned generator and ruff, the project's own templates, post-hooks isolated from our ruff settings.
set -euo pipefail
cd "$(dirname "$0")/.."
venv_bin="${VENV_BIN:-.venv/bin}"
# The post-hooks call `ruff` from PATH: put the pinned one first.
export PATH="$PWD/$venv_bin:$PATH"
out=generated/mews_connector_client
rm -rf "$out"
"$venv_bin/openapi-python-client" generate \
    --path openapi.yaml \
    --config openapi-python-client.yaml \
    --custom-template-path templates \
    --meta none \
    --output-path "$out" \
    --overwrite \
    --fail-on-warning
touch "$out/py.typed"
