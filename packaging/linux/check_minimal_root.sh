#!/usr/bin/env bash
# Checks the .deb's Depends on a system that has nothing else: a minimal Debian root made
# with mmdebstrap (variant "apt": essential packages and apt, no X11, no fonts, no Qt
# libraries). Inside it, apt installs the package with what Depends pulls in, then:
#   - every binary of the bundle (Qt's xcb and Wayland plugins too) resolves all its
#     libraries (ldd reports nothing "not found");
#   - the installed copy's --self-test passes (Qt offscreen, fonts, sandbox, client, window).
# Needs root (or sudo) and the package registry. Usage:
#   ./packaging/linux/check_minimal_root.sh dist/parcellab-desk_<version>_<arch>.deb [suite]
set -euo pipefail
DEB=$(realpath "$1")
SUITE=${2:-$(. /etc/os-release && echo "${VERSION_CODENAME:-stable}")}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
command -v mmdebstrap >/dev/null 2>&1 || {
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
}
root=$(mktemp -d)
trap '$sudo rm -rf "$root"' EXIT
echo "[minimal-root] making a minimal $SUITE root (variant apt)" >&2
$sudo mmdebstrap --quiet --variant=apt "$SUITE" "$root"
$sudo cp "$DEB" "$root/tmp/"
in_root() { $sudo chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
echo "[minimal-root] installing $(basename "$DEB") and its Depends" >&2
in_root sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/$(basename "$DEB")" >/dev/null
echo "[minimal-root] packages in the root: $(in_root dpkg-query -W -f='.\n' | wc -l)" >&2
missing=$(in_root sh -c '
  cd /opt/parcellab-desk
  export LD_LIBRARY_PATH=/opt/parcellab-desk/_internal:/opt/parcellab-desk/_internal/PySide6/Qt/lib
  find . -name "*.so*" -type f | while read -r f; do ldd "$f" 2>/dev/null | sed -n "s|^\s*\(.*not found\)|$f: \1|p"; done' | sort -u)
if [ -n "$missing" ]; then
  echo "[minimal-root] libraries missing in a minimal system:" >&2
  echo "$missing" >&2
  exit 1
fi
echo "[minimal-root] every bundled binary finds its libraries" >&2
in_root sh -c 'cd /tmp && PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring parcellab-desk --self-test'
