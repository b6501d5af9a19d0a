#!/usr/bin/env bash
# Puts Node 24 on PATH. When the machine's node is older, installs the npm registry's `node`
# package (a Node 24 binary) into .cache/node24 once and prepends it to PATH.
# Source this file: `source tools/setup/ensure-node.sh`.
set -euo pipefail

MERIDIAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MERIDIAN_NODE_VERSION="${MERIDIAN_NODE_VERSION:-24.21.0}"
node_prefix="$MERIDIAN_ROOT/.cache/node24"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" != "24" ]; then
  if [ ! -x "$node_prefix/node_modules/node/bin/node" ]; then
    echo "meridian: installing Node $MERIDIAN_NODE_VERSION from the npm registry into .cache/node24" >&2
    mkdir -p "$node_prefix"
    npm install --prefix "$node_prefix" --no-save --no-audit --no-fund --loglevel=error \
      "node@$MERIDIAN_NODE_VERSION" >&2
  fi
  export PATH="$node_prefix/node_modules/node/bin:$PATH"
fi

if [ "$(node_major)" != "24" ]; then
  echo "meridian: Node 24 is required, found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi
export MERIDIAN_ROOT
