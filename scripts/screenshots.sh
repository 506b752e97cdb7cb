#!/usr/bin/env bash
# Takes the README's screenshots: starts OpenBlotter on a fresh data
# directory under Xvfb and captures the main window into docs/screenshots/.
# Needs a build (scripts/run.sh or scripts/test.sh builds one).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
    export XDG_RUNTIME_DIR=\$(mktemp -d) XDG_CONFIG_HOME=$data/config
    build/app/openblotter --data-dir '$data/desk' &
    app=\$!
    sleep 4
    import -window root -crop 1400x880+0+0 '$out/main-window.png'
    kill \$app
"
echo "wrote $out/main-window.png"
