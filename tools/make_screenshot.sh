#!/usr/bin/env bash
# Render resources/screenshot.png: the demo episode synced at word level, with chapters and three highlights,
# in a throw-away library (never the user's own).
set -euo pipefail
cd "$(dirname "$0")/.."
podplayer=${PODPLAYER:-.venv/bin/podplayer}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PODPLAYER_DB="$tmp/library.sqlite3" QT_QPA_PLATFORM=offscreen
audio=resources/demo/demo-episode.mp3
"$podplayer" align "$audio" seeds/000_fdc395beffb6dda9.txt -o "$tmp/demo.vtt" --format vtt
id=$("$podplayer" import "$audio" "$tmp/demo.vtt" --title "100 Days of Data — Episode 67")
"$podplayer" highlight add "$id" --from 39.5 --to 44.5 --tag pytorch --tag definitions \
  --note "The one-sentence definition of PyTorch." --color green >/dev/null
"$podplayer" highlight add "$id" --from 56 --to 61 --tag industry --color pink >/dev/null
"$podplayer" highlight add "$id" --from 66 --to 70.5 --tag analogies \
  --note "Lego analogy — use in the lecture." --color yellow >/dev/null
cat > "$tmp/chapters.json" <<'JSON'
{"version": "1.2.0", "chapters": [
  {"startTime": 0, "title": "Welcome"},
  {"startTime": 38, "title": "The basics"},
  {"startTime": 97.9, "title": "Where PyTorch came from"},
  {"startTime": 162.2, "title": "Tensors and the ecosystem"},
  {"startTime": 311.3, "title": "Deployment"},
  {"startTime": 366.3, "title": "Key takeaway"}
]}
JSON
"$podplayer" chapters "$id" --set "$tmp/chapters.json" >/dev/null
"$podplayer" screenshot "$id" -o resources/screenshot.png --at 63.2 2>/dev/null
