#!/usr/bin/env bash
# Builds the Linux installer on Debian/Ubuntu, from a fresh clone:
#
#   ./packaging/build_linux.sh   ->  dist/parcellab-desk_<version>_<arch>.deb
#                                    dist/parcellab-desk_<version>_<arch>.cdx.json (SBOM)
#
# It sets up what is missing (the .venv with the packaging extra; the Debian tools below),
# validates the desktop file and the AppStream metainfo (and that its newest release is this
# version), makes the runtime-only environment the bundle is frozen from
# (packaging/freeze_env.py, which also writes the SBOM), freezes the one-folder bundle with
# PyInstaller, runs the bundle's --self-test, packs the .deb and runs lintian over it.
# Build on the oldest distribution you support: the bundle needs its glibc or newer.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
BUILD="$ROOT/build/pyinstaller"
# dpkg-dev: dpkg-deb; binutils: PyInstaller's objdump; the validators; lintian. The Qt X11
# libraries: PyInstaller copies them into the bundle (agents' machines need not have them),
# and ldd must resolve every library of the bundle for Depends.
BUILD_DEBS="dpkg-dev binutils desktop-file-utils appstream appstream-util lintian
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libwayland-client0 libwayland-cursor0
  libwayland-egl1"

log() { printf '[build_linux] %s\n' "$*" >&2; }

started=$(date +%s)

# 1. Python, Qt's system libraries, the venv (the project's own set-up), then the packaging
#    extra (PyInstaller, Pillow, cyclonedx-bom) and the Debian tools this script uses.
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
ARCH=$(dpkg --print-architecture)
log "parcellab-desk $VERSION ($ARCH)"

# 2. The desktop metadata, before spending time on the build.
desktop-file-validate resources/linux/com.parcellab.desk.desktop
appstreamcli validate --no-net resources/linux/com.parcellab.desk.metainfo.xml >/dev/null
appstream-util validate --nonet resources/linux/com.parcellab.desk.metainfo.xml >/dev/null
"$PY" -c 'import sys; sys.path[:0] = ["packaging", "packaging/linux"]; import make_deb; make_deb.check_release()'

# 3. The runtime-only environment and its SBOM, then the bundle and its own self-test
#    (offscreen, no display or keyring needed).
SBOM="$ROOT/dist/parcellab-desk_${VERSION}_${ARCH}.cdx.json"
FREEZE_PY=$("$PY" packaging/freeze_env.py "$ROOT/build/freeze-env" "$SBOM")
froze=$(date +%s)
export QT_QPA_PLATFORM=offscreen
"$FREEZE_PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/pyi-work" packaging/parcellab_desk.spec
freeze_s=$(( $(date +%s) - froze ))
BUNDLE="$BUILD/dist/parcellab-desk"
"$BUNDLE/parcellab-desk" --self-test --self-test-output "$BUILD/self-test.txt" >/dev/null || {
  log "the bundle's self-test failed: $(cat "$BUILD/self-test.txt" 2>/dev/null)"; exit 1; }
log "bundle self-test: $(cat "$BUILD/self-test.txt")"

# 4. The package, and lintian's view of it (reported; the profile below leaves out what a
#    self-contained /opt bundle cannot follow: embedded libraries, no man page, and so on).
ICONS="$BUILD/pyi-work/parcellab_desk/icons"  # rendered by the spec into its work folder
DEB=$("$PY" packaging/linux/make_deb.py "$BUNDLE" "$ICONS" "$ROOT/dist")
dpkg-deb --info "$DEB" >/dev/null
lintian --suppress-tags-from-file packaging/linux/lintian-suppressed.txt \
  "$DEB" >&2 && log "lintian: clean (with packaging/linux/lintian-suppressed.txt)" \
  || log "lintian reported the findings above"

bundle_size=$(du -sh "$BUNDLE" | cut -f1)
deb_size=$(du -h "$DEB" | cut -f1)
installed_kib=$(dpkg-deb --field "$DEB" Installed-Size)
log "bundle: $bundle_size; package: $deb_size; installed size: $((installed_kib / 1024)) MiB"
log "Depends: $(dpkg-deb --field "$DEB" Depends)"
log "SBOM: $SBOM"
log "build time: $(( $(date +%s) - started )) s in all, PyInstaller ${freeze_s} s"
echo "$DEB"
