#!/usr/bin/env bash
# Installs everything Aspen Desk needs on Debian 12 (with Rust and Node.js
# already there) and builds the UI. `--test` adds what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libwebkit2gtk-4.1-dev build-essential file pkg-config libxdo-dev libssl-dev
          libayatana-appindicator3-dev librsvg2-dev)
if [[ "${1:-}" == "--test" ]]; then
  # xdotool, python3-gi and GTK's introspection data: the import e2e test drags a
  # file onto the window for real (tests/e2e/drag-file.py).
  packages+=(webkit2gtk-driver xvfb xauth dbus dbus-x11 imagemagick poppler-utils
             xdotool python3-gi gir1.2-gtk-3.0)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# `npm install` (not `npm ci`): the lock files pin every version, but some
# optional platform packages (macOS/Windows drivers, a Windows-only helper of
# Vite) are not served by this registry, so they are absent from the lock and
# `npm ci` would refuse it. `npm install` follows the lock and skips them.
(cd ui && npm install --no-audit --no-fund && npm run build)
if [[ "${1:-}" == "--test" ]]; then
  (cd tests/e2e && npm install --no-audit --no-fund)
fi
