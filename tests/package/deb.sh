#!/usr/bin/env bash
# The package test: unpacks the .deb (argument 1) into a scratch folder and
# checks what a librarian would install: the size, the control fields, the
# desktop entry, the icons, only the app's own binary, and that the packaged
# binary runs headless (--version and a command on a fresh data folder).
set -euo pipefail
deb="$1"
max_bytes=$((12 * 1024 * 1024))
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "package test FAILED: $*" >&2; exit 1; }

size=$(stat -c %s "$deb")
((size < max_bytes)) || fail "$deb is $size bytes, over 12 MB"

dpkg-deb -x "$deb" "$scratch/root"
dpkg-deb -e "$deb" "$scratch/control"
control="$scratch/control/control"
grep -q '^Package: aspen-desk$' "$control" || fail "package name: $(grep ^Package "$control")"
grep -q "^Version: $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)$" "$control" \
  || fail "version differs from Cargo.toml: $(grep ^Version "$control")"
grep -q '^Description: .' "$control" || fail "no description"
grep -q '^Depends:.*libwebkit2gtk-4\.1-0' "$control" || fail "WebKitGTK not declared"
grep -q '^Depends:.*libgtk-3-0' "$control" || fail "GTK not declared"

binaries=$(ls "$scratch/root/usr/bin")
[[ "$binaries" == "aspen-desk" ]] || fail "usr/bin holds: $binaries (only aspen-desk is shipped)"
if find "$scratch/root" -name '*crash*' | grep -q .; then
  fail "the crash-test helper is in the package"
fi

desktop="$scratch/root/usr/share/applications/Aspen Desk.desktop"
[[ -f "$desktop" ]] || desktop=$(find "$scratch/root/usr/share/applications" -name '*.desktop' | head -n 1)
[[ -f "$desktop" ]] || fail "no desktop entry"
grep -q '^Categories=Education;Office;$' "$desktop" || fail "categories: $(grep ^Categories "$desktop")"
grep -q '^Exec=aspen-desk' "$desktop" || fail "exec: $(grep ^Exec "$desktop")"
for icon in 32x32 128x128 256x256@2 512x512; do
  ls "$scratch/root/usr/share/icons/hicolor/$icon/apps/"*.png >/dev/null 2>&1 \
    || fail "no $icon icon"
done

app="$scratch/root/usr/bin/aspen-desk"
version=$("$app" --version)
[[ "$version" == "aspen-desk $(grep -m1 '^Version:' "$control" | cut -d' ' -f2)" ]] \
  || fail "--version printed: $version"

# A command on a fresh data folder: no window, no display needed.
data="$scratch/data"
env -u DISPLAY -u WAYLAND_DISPLAY "$app" --data-dir "$data" demo-data | grep -q '^Loaded [0-9]* sample events\.$' \
  || fail "demo-data did not load the sample catalog"
listed=$(env -u DISPLAY -u WAYLAND_DISPLAY "$app" --data-dir "$data" events list --all-dates --json)
[[ "$listed" == \[* && "$listed" == *'"title"'* ]] || fail "events list printed: ${listed:0:200}"

echo "package test passed: $deb ($((size / 1024)) KiB)"
