#!/usr/bin/env bash
# Builds the Debian package from a fresh build, checks its contents and metadata, installs it
# with apt-get (as root, or with sudo) and tries the installed programs: their versions, the
# desktop menu entry as a freedesktop menu resolves it, and a new desk that takes the installed
# samples (README, "Going live") and sends a basket to the installed simulator over loopback FIX,
# every order of which must fill.
# Leaves the package in build/.
#
#   --remove   remove the package again at the end, unless it was installed before
#              (scripts/test.sh passes it, so a developer's machine ends as it started)
set -euo pipefail
cd "$(dirname "$0")/.."

remove_after=0
case "${1:-}" in
    --remove) remove_after=1 ;;
    "") ;;
    *) echo "usage: scripts/package.sh [--remove]" >&2; exit 1 ;;
esac

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
apt_get() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -q "$@"; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

scripts/install-dependencies.sh
# Only this check needs them: a freedesktop menu layout and a reader of it.
if ! installed python3-xdg || ! installed lxmenu-data; then
    apt_get update
    apt_get install --no-install-recommends python3-xdg lxmenu-data
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel
(cd build && rm -f openblotter_*.deb && cpack -G DEB >/dev/null)
deb=$(ls build/openblotter_*.deb)
echo "== $deb"
dpkg-deb -I "$deb"
dpkg-deb -c "$deb" | awk '{print $6}' | grep -E '^\./usr/(bin|share/(applications|metainfo|man|doc/openblotter/examples))/.'
lintian --fail-on error,warning "$deb"

was_installed=0
installed openblotter && was_installed=1
apt_get install --reinstall "./$deb"
work=$(mktemp -d)
cleanup() {
    [ -z "${sim:-}" ] || kill "$sim" 2>/dev/null || true
    rm -rf "$work"
    if [ "$remove_after" -eq 1 ] && [ "$was_installed" -eq 0 ]; then apt_get remove openblotter >/dev/null; fi
}
trap cleanup EXIT

echo "== the installed programs"
for program in openblotter openblotter-sim openblotter-bench; do
    [ "$(command -v "$program")" = "/usr/bin/$program" ] || { echo "$program is not installed in /usr/bin" >&2; exit 1; }
    "$program" --version
done

echo "== the desktop menu"
desktop-file-validate /usr/share/applications/openblotter.desktop
/usr/bin/python3 - <<'MENU'
import xdg.Menu
def entries(menu, path):
    for item in menu.getEntries():
        if isinstance(item, xdg.Menu.Menu):
            yield from entries(item, path + [item.getName()])
        elif isinstance(item, xdg.Menu.MenuEntry):
            yield path, item
found = [(path, entry) for path, entry in entries(xdg.Menu.parse("/etc/xdg/menus/lxde-applications.menu"), [])
         if entry.DesktopFileID == "openblotter.desktop"]
if not found:
    raise SystemExit("openblotter.desktop is in no menu")
for path, entry in found:
    print("menu:", " > ".join(path), ">", entry.DesktopEntry.getName(), "(" + entry.DesktopEntry.getExec() + ")")
MENU
for size in 16x16 32x32 48x48 256x256 scalable; do
    ls /usr/share/icons/hicolor/$size/apps/openblotter.* >/dev/null
done

echo "== a new desk goes live with the installed samples, and sends a basket to the installed simulator"
samples=/usr/share/doc/openblotter/examples/samples
openblotter-sim --port 0 --tick-ms 0 --instruments "$samples/instruments.csv" >"$work/sim.out" 2>&1 &
sim=$!
for _ in $(seq 1 50); do grep -q "listening on" "$work/sim.out" && break; sleep 0.2; done
port=$(grep -o "listening on 127.0.0.1:[0-9]*" "$work/sim.out" | head -1 | cut -d: -f2)
[ -n "$port" ] || { cat "$work/sim.out" >&2; echo "openblotter-sim did not start" >&2; exit 1; }
cat >"$work/broker.cfg" <<SETTINGS
[DEFAULT]
ConnectionType=initiator
SocketConnectHost=127.0.0.1
SocketConnectPort=$port
SenderCompID=OPENBLOTTER
TargetCompID=SIM
HeartBtInt=30
ReconnectInterval=1

[SESSION]
BeginString=FIX.4.4
SETTINGS
admin='package check first officer' trader='package check trader'
desk=(--data-dir "$work/desk" --fix-settings "$work/broker.cfg" --log-level warn)
OPENBLOTTER_ADMIN_PASSWORD=$admin OPENBLOTTER_PASSWORD=$admin OPENBLOTTER_NEW_PASSWORD=$trader \
    openblotter --headless --user admin "${desk[@]}" --import-fx "$samples/fx.csv" --import-funds "$samples/funds.csv" \
    --import-accounts "$samples/accounts.csv" --import-instruments "$samples/instruments.csv" \
    --import-positions "$samples/positions.csv" --import-rules "$samples/rules.json" --set-user tom --role trader
printf 'account,symbol,side,qty,type,limit_price,tif\nALPHA-PB,IBM,BUY,100,MKT,,DAY\nALPHA-SWAP,ORCL,BUY,50,MKT,,DAY\n' >"$work/basket.csv"
OPENBLOTTER_PASSWORD=$trader openblotter --headless --user tom "${desk[@]}" --import-basket "$work/basket.csv" --send \
    --wait 30 --export-orders "$work/orders.csv"
filled=$(awk -F, 'NR > 1 && $11 == "Filled"' "$work/orders.csv" | wc -l)
[ "$filled" -eq 2 ] || { cat "$work/orders.csv" >&2; echo "expected both orders Filled, $filled are" >&2; exit 1; }
echo "installed: $deb; a new desk took the installed samples and filled a basket against the installed simulator"
