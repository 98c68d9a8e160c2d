#!/usr/bin/env bash
# Builds the macOS disk image on a Mac (macOS 14 or newer: PySide6 6.12 needs it):
#
#   ./packaging/macos/build_dmg.sh     ->  dist/parcellab-desk-<version>-macos-<arch>.dmg
#
# Needs a Python 3.12+ on PATH (python3) or an existing .venv. Freezes "parcelLab Desk.app"
# with the spec (Info.plist values are in packaging/parcellab_desk.spec), runs the app's
# --self-test, then packs the .app and an /Applications link into a compressed image.
# Signing and notarisation need an Apple Developer ID: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
PY="$ROOT/.venv/bin/python"
"$PY" -m pip install -q --disable-pip-version-check --upgrade pip
"$PY" -m pip install -q --disable-pip-version-check -e ".[packaging]"
VERSION=$("$PY" packaging/app_info.py)
ARCH=$(uname -m)
BUILD="$ROOT/build/pyinstaller"

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/pyi-work" packaging/parcellab_desk.spec
APP="$BUILD/dist/parcelLab Desk.app"
"$APP/Contents/MacOS/parcellab-desk" --self-test --self-test-output "$BUILD/self-test.txt"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
mkdir -p dist
DMG="dist/parcellab-desk-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "parcelLab Desk $VERSION" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$DMG"
hdiutil verify "$DMG"
echo "$DMG"
