#!/bin/sh
# Rebuilds src/engine/rng/pcg64Bytes.ts from pcg64.wat (needs wabt's wat2wasm).
# The engine embeds the module as hex so it instantiates synchronously anywhere.
set -e
cd "$(dirname "$0")/../src/engine/rng"
tmp=$(mktemp)
wat2wasm pcg64.wat -o "$tmp"
{
  echo "// pcg64.wat compiled by $(wat2wasm --version | head -1 | sed 's/^/wat2wasm /') ($(wc -c < "$tmp" | tr -d ' ') bytes), as hex. Regenerate"
  echo "// after editing the .wat: scripts/build-pcg64-wasm.sh."
  echo "export const PCG64_WASM_HEX ="
  xxd -p -c 48 "$tmp" | sed "s/^/  '/; s/\$/' +/" | sed '$ s/ +$/;/'
} > pcg64Bytes.ts
rm -f "$tmp"
