#!/usr/bin/env bash
# Draws TokenDesk's icon (assets/icon.png, 512x512): a key on a desk-blue
# tile. Our own drawing, not LinkedIn's logo. Needs ImageMagick; the PNG is
# committed, so only run this to change the icon.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 512x512 gradient:'#3566d6-#173d91' \
  \( -size 512x512 xc:black -fill white -draw "roundrectangle 16,16 495,495 100,100" \) \
  -alpha off -compose CopyOpacity -composite -compose Over \
  -stroke white -strokewidth 40 -fill none -draw "circle 190,256 190,178" \
  -stroke none -fill white \
  -draw "rectangle 248,236 420,276" \
  -draw "rectangle 346,276 376,334" \
  -draw "rectangle 396,276 420,314" \
  -strip icon.png
convert icon.png -resize 128x128 -strip window-icon.png
