#!/bin/sh
# Rebuilds src/engine/rng/<name>Bytes.ts from <name>.wat (needs wabt's wat2wasm),
# e.g. `scripts/build-wasm.sh pcg64` or `scripts/build-wasm.sh threefry`.
# The engine embeds each module as hex so it instantiates synchronously anywhere.
set -e
name=${1:?usage: scripts/build-wasm.sh <module name, e.g. pcg64>}
constant=$(echo "$name" | tr '[:lower:]' '[:upper:]')_WASM_HEX
cd "$(dirname "$0")/../src/engine/rng"
tmp=$(mktemp)
wat2wasm "$name.wat" -o "$tmp"
{
  echo "// $name.wat compiled by $(wat2wasm --version | head -1 | sed 's/^/wat2wasm /') ($(wc -c < "$tmp" | tr -d ' ') bytes), as hex. Regenerate"
  echo "// after editing the .wat: scripts/build-wasm.sh $name."
  echo "export const $constant ="
  xxd -p -c 48 "$tmp" | sed "s/^/  '/; s/\$/' +/" | sed '$ s/ +$/;/'
} > "${name}Bytes.ts"
rm -f "$tmp"
