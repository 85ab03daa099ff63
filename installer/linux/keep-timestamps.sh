#!/usr/bin/env bash
# jpackage copies the app image into the .deb with new modification times, and the JDK only uses an AOT
# cache whose jars still have the times they had when it was trained. So: unpack the .deb, give every file the
# time of its twin in the trained app image, and pack it again (zstd: seconds).
#   keep-timestamps.sh <app image> <dist dir>
set -euo pipefail
IMAGE="$1"; DIST="$2"
DEB="$(ls "$DIST"/tars_*.deb)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
dpkg-deb -R "$DEB" "$STAGE/pkg"
ROOT="$STAGE/pkg/opt/tars"
[ -x "$ROOT/bin/Tars" ] || { echo "keep-timestamps: $DEB does not install to /opt/tars" >&2; exit 1; }
(cd "$IMAGE" && find . -type f -print0) | while IFS= read -r -d '' f; do
  if [ -e "$ROOT/$f" ]; then touch -r "$IMAGE/$f" "$ROOT/$f"; fi
done
dpkg-deb --root-owner-group -b "$STAGE/pkg" "$DEB" >/dev/null
echo "keep-timestamps: $(basename "$DEB") repacked with the app image's file times"
