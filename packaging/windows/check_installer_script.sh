#!/usr/bin/env bash
# Builds both Windows installers on Linux against a stand-in bundle, so a broken installer
# script is caught without a Windows machine (the real bundle is frozen on Windows):
#   - the NSIS script (installer.nsi) with makensis;
#   - the MSI (make_msi.py) with wixl, then lists its tables with msiinfo.
# Installs nsis, wixl and msitools from apt when missing.
# Usage: ./packaging/windows/check_installer_script.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
missing=""
command -v makensis >/dev/null 2>&1 || missing="$missing nsis"
command -v wixl >/dev/null 2>&1 || missing="$missing wixl"
command -v msiinfo >/dev/null 2>&1 || missing="$missing msitools"
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bundle/_internal"
printf 'stand-in\n' > "$work/bundle/parcellab-desk.exe"
printf 'stand-in\n' > "$work/bundle/_internal/python3.dll"
"$PY" packaging/render_icons.py "$work/icons" >/dev/null
version=$("$PY" packaging/app_info.py)
quad=$("$PY" packaging/app_info.py --quad)
makensis -V2 -DVERSION="$version" -DVERSION_QUAD="$quad" -DBUNDLE_DIR="$work/bundle" \
  -DICON="$work/icons/parcellab-desk.ico" -DOUT_FILE="$work/parcellab-desk-setup.exe" \
  packaging/windows/installer.nsi
echo "installer script compiles (NSIS $(makensis -VERSION), version $version)"
msi=$("$PY" packaging/windows/make_msi.py "$work/bundle" "$work/icons/parcellab-desk.ico" "$work/msi/x.msi")
echo "MSI builds (wixl $(wixl --version)); its tables: $(msiinfo tables "$msi" | sort | xargs)"
for table in Property Upgrade Shortcut Registry; do
  echo "--- $table"; msiinfo export "$msi" "$table" | sed '2,3d'
done
