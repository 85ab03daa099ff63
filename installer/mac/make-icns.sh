#!/bin/sh
# Builds tars.icns from the PNG icon with macOS's own sips and iconutil (run by the mac installer build).
set -eu
png="$1"; out="$2"
set_dir="$(dirname "$out")/tars.iconset"
mkdir -p "$set_dir"
for size in 16 32 64 128 256; do
  sips -z $size $size "$png" --out "$set_dir/icon_${size}x${size}.png" >/dev/null
  double=$((size * 2))
  sips -z $double $double "$png" --out "$set_dir/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$set_dir" -o "$out"
