#!/usr/bin/env bash
# Builds the Debian package from a fresh build, installs it with apt-get (as root, or with sudo)
# and tries the installed programs: their versions, and a basket the installed desk sends to
# the installed simulator over loopback FIX. Leaves the package in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel
(cd build && rm -f openblotter_*.deb && cpack -G DEB >/dev/null)
deb=$(ls build/openblotter_*.deb)
dpkg-deb -I "$deb"
lintian "$deb"

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb"
for program in openblotter openblotter-sim openblotter-bench; do "$program" --version; done

work=$(mktemp -d)
trap 'kill "${sim:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
openblotter-sim --port 0 --tick-ms 0 >"$work/sim.out" 2>&1 &
sim=$!
for _ in $(seq 1 50); do grep -q "listening on" "$work/sim.out" && break; sleep 0.2; done
port=$(grep -o "listening on 127.0.0.1:[0-9]*" "$work/sim.out" | head -1 | cut -d: -f2)
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
printf 'account,symbol,side,qty,type,limit_price,tif\nGROWTH-PB,AAPL,BUY,100,MKT,,DAY\nINCOME-PB,MSFT,SELL,50,MKT,,DAY\n' >"$work/basket.csv"
OPENBLOTTER_DEMO_USERS=1 OPENBLOTTER_PASSWORD=trader-demo openblotter --headless --user trader --data-dir "$work/desk" \
    --fix-settings "$work/broker.cfg" --import-basket "$work/basket.csv" --send --wait 30 \
    --export-orders "$work/orders.csv" --log-level warn
echo "installed: $deb; the installed desk filled the basket against the installed simulator"
