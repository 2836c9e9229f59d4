# Sourced by scripts that run `npm install` themselves. Under `npm start`, `npm test` or any npm
# script, the environment carries the outer npm's configuration as npm_config_* (its user agent
# names the outer Node, its nodedir the outer Node's headers), its lifecycle and package variables,
# and npm's own folders on PATH. A nested npm takes all of these as its own settings: code-server's
# postinstall then reads the wrong Node version from the user agent, and native modules build against
# the wrong headers. Dropping them gives the nested npm the configuration a plain shell would.
while IFS= read -r name; do
  case "$name" in
    npm_config_* | npm_lifecycle_* | npm_package_* | npm_command | npm_execpath | npm_node_execpath | NODE | INIT_CWD)
      unset "$name" ;;
  esac
done < <(compgen -e)

# npm puts each project's node_modules/.bin and its node-gyp shim folder first on PATH.
clean_path=""
IFS=':' read -r -a path_entries <<< "$PATH"
for entry in "${path_entries[@]}"; do
  case "$entry" in
    */node_modules/.bin | */node-gyp-bin) ;;
    *) clean_path="${clean_path:+$clean_path:}$entry" ;;
  esac
done
export PATH="$clean_path"
unset clean_path path_entries entry name
