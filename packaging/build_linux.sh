#!/usr/bin/env bash
# Builds the Linux installer on Debian/Ubuntu, from a fresh clone:
#
#   ./packaging/build_linux.sh        ->  dist/parcellab-desk_<version>_<arch>.deb
#
# It sets up what is missing (the .venv with the packaging extra; dpkg-dev, desktop-file-utils,
# appstream and binutils from apt), validates the desktop file and the AppStream metainfo,
# freezes the one-folder bundle with PyInstaller, runs the bundle's --self-test, then packs the
# .deb. Build on the oldest distribution you support: the bundle needs its glibc or newer.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
BUILD="$ROOT/build/pyinstaller"
BUILD_DEBS="dpkg-dev desktop-file-utils appstream binutils"

log() { printf '[build_linux] %s\n' "$*" >&2; }

started=$(date +%s)

# 1. Python, Qt's system libraries, the venv (the project's own set-up), then the packaging
#    extra (PyInstaller, Pillow) and the Debian tools this script uses.
./dev setup
missing=""
for pkg in $BUILD_DEBS; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
log "installing the packaging extra into .venv"
"$PY" -m pip install -q --disable-pip-version-check -e ".[packaging]"

VERSION=$("$PY" packaging/app_info.py)
log "parcellab-desk $VERSION"

# 2. The desktop metadata, before spending time on the build.
desktop-file-validate resources/linux/com.parcellab.desk.desktop
appstreamcli validate --no-net resources/linux/com.parcellab.desk.metainfo.xml >/dev/null

# 3. The bundle, and its own self-test (offscreen, no display or keyring needed).
froze=$(date +%s)
export QT_QPA_PLATFORM=offscreen
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/pyi-work" packaging/parcellab_desk.spec
freeze_s=$(( $(date +%s) - froze ))
BUNDLE="$BUILD/dist/parcellab-desk"
"$BUNDLE/parcellab-desk" --self-test --self-test-output "$BUILD/self-test.txt" >/dev/null || {
  log "the bundle's self-test failed: $(cat "$BUILD/self-test.txt" 2>/dev/null)"; exit 1; }
log "bundle self-test: $(cat "$BUILD/self-test.txt")"

# 4. The package.
ICONS="$BUILD/pyi-work/parcellab_desk/icons"  # rendered by the spec into its work folder
DEB=$("$PY" packaging/linux/make_deb.py "$BUNDLE" "$ICONS" "$ROOT/dist")
dpkg-deb --info "$DEB" >/dev/null

bundle_size=$(du -sh "$BUNDLE" | cut -f1)
deb_size=$(du -h "$DEB" | cut -f1)
installed_kib=$(dpkg-deb --field "$DEB" Installed-Size)
log "bundle: $bundle_size; package: $deb_size; installed size: $((installed_kib / 1024)) MiB"
log "build time: $(( $(date +%s) - started )) s in all, PyInstaller ${freeze_s} s"
echo "$DEB"
