#!/usr/bin/env bash
# Builds the macOS installers on a Mac (macOS 14 or newer: PySide6 6.12 needs it):
#
#   ./packaging/macos/build_dmg.sh  ->  dist/parcellab-desk-<version>-macos-<arch>.dmg  (drag to Applications)
#                                       dist/parcellab-desk-<version>-macos-<arch>.pkg  (MDM tools: Jamf, Intune, Kandji)
#                                       dist/parcellab-desk-<version>-macos-<arch>.cdx.json (SBOM)
#
# Needs a Python 3.12+ on PATH (python3) or an existing .venv. Makes the runtime-only
# environment (packaging/freeze_env.py), freezes "parcelLab Desk.app" with the spec
# (Info.plist values, the parcellab-desk:// URL type included, are in the spec), runs the
# app's --self-test, then packs the image and the package.
#
# Signing runs when MACOS_SIGNING_IDENTITY names a "Developer ID Application" identity in the
# keychain (and MACOS_INSTALLER_IDENTITY a "Developer ID Installer" one for the .pkg);
# notarisation when MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID and MACOS_NOTARY_PASSWORD are
# set. Without them each step says it was skipped, and the result is unsigned.
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
NAME="parcellab-desk-$VERSION-macos-$ARCH"
mkdir -p dist

FREEZE_PY=$("$PY" packaging/freeze_env.py "$ROOT/build/freeze-env" "dist/$NAME.cdx.json")
"$FREEZE_PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/pyi-work" packaging/parcellab_desk.spec
APP="$BUILD/dist/parcelLab Desk.app"
"$APP/Contents/MacOS/parcellab-desk" --self-test --self-test-output "$BUILD/self-test.txt"

if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$APP"
  codesign --verify --deep --strict "$APP"
else
  echo "codesign skipped: MACOS_SIGNING_IDENTITY is not set (the app is unsigned)"
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
DMG="dist/$NAME.dmg"
rm -f "$DMG"
hdiutil create -volname "parcelLab Desk $VERSION" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$DMG"
hdiutil verify "$DMG"

# The .pkg installs the app into /Applications for every user, silently, which is what
# MDM tools deploy (`installer -pkg … -target /`).
PKG="dist/$NAME.pkg"
sign_pkg=()
if [ -n "${MACOS_INSTALLER_IDENTITY:-}" ]; then
  sign_pkg=(--sign "$MACOS_INSTALLER_IDENTITY" --timestamp)
else
  echo "productsign skipped: MACOS_INSTALLER_IDENTITY is not set (the .pkg is unsigned)"
fi
pkgbuild --component "$APP" --install-location /Applications \
  --identifier com.parcellab.desk --version "$VERSION" ${sign_pkg[@]+"${sign_pkg[@]}"} "$PKG"

if [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] && [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] \
   && [ -n "${MACOS_NOTARY_PASSWORD:-}" ] && [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  for artefact in "$DMG" "$PKG"; do
    xcrun notarytool submit "$artefact" --apple-id "$MACOS_NOTARY_APPLE_ID" \
      --team-id "$MACOS_NOTARY_TEAM_ID" --password "$MACOS_NOTARY_PASSWORD" --wait
    xcrun stapler staple "$artefact"
  done
else
  echo "notarisation skipped: the MACOS_NOTARY_* settings or the signing identity are missing"
fi
echo "$DMG"
echo "$PKG"
