#!/bin/sh
# Renders the PNG icons in static/ from the SVGs in scripts/icons/ with headless Chromium.
# Run from apps/web after changing the logo: sh scripts/render-icons.sh
set -eu
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../static"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

render() { # svg size png
  cat >"$tmp/page.html" <<HTML
<!doctype html><html><head><style>
html,body{margin:0;background:transparent}img{display:block;width:$2px;height:$2px}
</style></head><body><img src="file://$here/icons/$1"></body></html>
HTML
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --default-background-color=00000000 --window-size="$2,$2" \
    --screenshot="$out/$3" "file://$tmp/page.html" >/dev/null 2>&1
  echo "static/$3 (${2}x$2)"
}

render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 512 icon-maskable-512.png
render icon-maskable.svg 180 apple-touch-icon.png
render icon.svg 32 favicon-32.png
