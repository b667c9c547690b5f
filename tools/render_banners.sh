#!/usr/bin/env bash
# Render every content/media/banners/<locale>/*.svg to a PNG beside it, at the SVG's own size.
# Requires rsvg-convert (apt-get install -y librsvg2-bin fonts-dejavu-core).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
share="$root/content/media/banners"

if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "rsvg-convert not found: apt-get install -y librsvg2-bin fonts-dejavu-core" >&2
  exit 1
fi

shopt -s nullglob
svgs=("$share"/*/*.svg)
if [ "${#svgs[@]}" -eq 0 ]; then
  echo "no SVG files under $share" >&2
  exit 1
fi

for svg in "${svgs[@]}"; do
  png="${svg%.svg}.png"
  # No -w/-h/-z: rsvg-convert uses the SVG's own width/height.
  # -b none: no extra background; every banner paints its own.
  rsvg-convert -b none -f png -o "$png" "$svg"
  printf '%s -> %s (%s bytes)\n' "${svg#"$root"/}" "${png#"$root"/}" "$(stat -c %s "$png")"
done
