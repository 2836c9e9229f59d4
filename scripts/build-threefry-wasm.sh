#!/bin/sh
# Rebuilds src/engine/rng/threefryBytes.ts from threefry.wat (needs wabt's wat2wasm).
# The engine embeds the module as hex so it instantiates synchronously anywhere.
set -e
cd "$(dirname "$0")/../src/engine/rng"
tmp=$(mktemp)
wat2wasm threefry.wat -o "$tmp"
{
  echo "// threefry.wat compiled by $(wat2wasm --version | head -1 | sed 's/^/wat2wasm /') ($(wc -c < "$tmp" | tr -d ' ') bytes), as hex. Regenerate"
  echo "// after editing the .wat: scripts/build-threefry-wasm.sh."
  echo "export const THREEFRY_WASM_HEX ="
  xxd -p -c 48 "$tmp" | sed "s/^/  '/; s/\$/' +/" | sed '$ s/ +$/;/'
} > threefryBytes.ts
rm -f "$tmp"
