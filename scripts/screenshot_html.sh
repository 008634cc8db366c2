#!/usr/bin/env bash
# Render an HTML page (e.g. the one written by `actor-stance classify --html`) to a PNG with headless Chromium.
#   bash scripts/screenshot_html.sh docs/example.html docs/example.png [WIDTH,HEIGHT]
# Needs Debian's Chromium (apt-get install -y chromium). Nothing is fetched from the network.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 PAGE.html OUT.png [WIDTH,HEIGHT (default 1280,1700)]" >&2
    exit 2
fi
page=$1
png=$2
size=${3:-1280,1700}
if [ ! -f "$page" ]; then
    echo "$0: $page: no such file" >&2
    exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 2
fi
abs_page=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
if command -v python3 >/dev/null; then  # a file:// URL with spaces or '#' in the path must be percent-encoded
    url=$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$abs_page")
else
    url="file://$abs_page"
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shot="$profile/screenshot.png"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars --window-size="$size" \
    --screenshot="$shot" "$url" >/dev/null 2>"$profile/chromium.log" || true
if [ ! -s "$shot" ]; then
    echo "$0: chromium wrote no screenshot of $page" >&2
    tail -n 20 "$profile/chromium.log" >&2
    exit 1
fi
mkdir -p "$(dirname "$png")"
mv "$shot" "$png"
echo "$png"
