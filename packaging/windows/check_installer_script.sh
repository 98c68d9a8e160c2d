#!/usr/bin/env bash
# Compiles packaging/windows/installer.nsi on Linux against a stand-in bundle, so a broken
# installer script is caught without a Windows machine (the real bundle is frozen on Windows).
# Installs NSIS from apt when missing. Usage: ./packaging/windows/check_installer_script.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
if ! command -v makensis >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nsis >/dev/null
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
