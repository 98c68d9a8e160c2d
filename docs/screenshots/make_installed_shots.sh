#!/usr/bin/env bash
# Screenshots of the INSTALLED .deb under Xvfb, next to this script:
#   deep_link_before.png / deep_link_opened.png  a running console, then
#       `xdg-open parcellab-desk://order/<account>/<order>` from outside: the order opens in it;
#   managed_window.png  the window under a policy file (status bar: "Managed by your organisation").
# Needs the package installed (apt-get install ./dist/parcellab-desk_*.deb), xvfb, xauth,
# x11-utils, xdg-utils, imagemagick, curl and jq. Run: xvfb-run -a -s "-screen 0 1440x900x24" $0
set -euo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)
fresh_home() {
  export HOME; HOME=$(mktemp -d)
  export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share
  export XDG_STATE_HOME=$HOME/.local/state XDG_CACHE_HOME=$HOME/.cache
}
wait_for_window() {
  for _ in $(seq 1 300); do xwininfo -root -tree 2>/dev/null | grep -q "DEMO ·" && return; sleep 0.1; done
  echo "no console window" >&2; exit 1
}
unset QT_QPA_PLATFORM

# 1. A link clicked while the console runs.
fresh_home
parcellab-desk --demo --demo-orders 200 > "$HOME/console.out" 2>&1 &
console=$!
wait_for_window
sleep 2
url=$(sed -n 's/^Sandbox running at //p' "$HOME/console.out")
token=$(sed -n 's/^  demo token: *//p' "$HOME/console.out")
read -r account number < <(curl -s -H "Authorization: Bearer $token" \
  "$url/v4/track/orders/?page_size=10" | jq -r '.results[7] | "\(.account) \(.order_number)"')
link="parcellab-desk://order/$account/$(jq -rn --arg v "$number" '$v|@uri')"
import -window root "$OUT/deep_link_before.png"
started=$(date +%s.%N)
xdg-open "$link"
log=$XDG_STATE_HOME/parcellab_desk/log/parcellab_desk.log
for _ in $(seq 1 100); do grep -q "from a link" "$log" 2>/dev/null && break; sleep 0.1; done
echo "$link opened after $(echo "$(date +%s.%N) - $started" | bc) s"
sleep 1.5
import -window root "$OUT/deep_link_opened.png"
kill "$console"; wait "$console" 2>/dev/null || true

# 2. The window under a policy file.
fresh_home
cat > "$HOME/policy.json" <<'JSON'
{"version": 1,
 "profiles": [{"id": "eu-prod", "name": "EU production", "region": "eu", "default_accounts": [1042]}],
 "allow_custom_urls": false}
JSON
PARCELLAB_DESK_POLICY=$HOME/policy.json parcellab-desk --demo --demo-orders 60 >/dev/null 2>&1 &
console=$!
wait_for_window
sleep 2
import -window root "$OUT/managed_window.png"
kill "$console"; wait "$console" 2>/dev/null || true
