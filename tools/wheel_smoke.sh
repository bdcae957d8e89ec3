#!/usr/bin/env bash
# Build the sdist and, from it, the wheel, as a user gets them; install the wheel into a fresh virtual
# environment and use it from outside the checkout: --version, the demo episode in a new library,
# a highlight, Markdown and HTML export. Run by .ci/run; also by hand: tools/wheel_smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$(pwd)
python=${PYTHON:-.venv/bin/python}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "wheel smoke test: $*" >&2; exit 1; }

echo "== building the sdist and the wheel"
"$python" -m build --outdir "$tmp/dist" . >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; fail "build failed"; }
sdist=$(ls "$tmp"/dist/podplayer-*.tar.gz)
wheel=$(ls "$tmp"/dist/podplayer-*.whl)
version=$(basename "$wheel" | cut -d- -f2)

echo "== the sdist carries what the tests need"
tar -tzf "$sdist" | sed 's|^[^/]*/||' >"$tmp/sdist.txt"
for needed in Makefile .ci/run pyproject.toml MANIFEST.in tests/conftest.py tests/fixtures/ seeds/000_fdc395beffb6dda9.txt \
  resources/demo/demo-episode.mp3 resources/demo/demo-episode.truth.json resources/templates/highlights.md.j2 \
  tools/make_demo_episode.py tools/wheel_smoke.sh benchmarks/__main__.py; do
  grep -qxF "$needed" "$tmp/sdist.txt" || grep -q "^$needed" "$tmp/sdist.txt" || fail "sdist lacks $needed"
done

echo "== installing the wheel into a fresh virtual environment"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q "$wheel" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; fail "install failed"; }
podplayer="$tmp/venv/bin/podplayer"

mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"  # outside the checkout: nothing may come from the source tree
unset PODPLAYER_DB
export QT_QPA_PLATFORM=offscreen HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CACHE_HOME="$tmp/home/cache"
location=$("$tmp/venv/bin/python" -c "import podplayer; print(podplayer.__file__)")
case $location in "$tmp/venv/"*) ;; *) fail "podplayer imported from $location, not from the installed wheel" ;; esac
case $location in "$checkout"/*) fail "podplayer imported from the checkout" ;; esac

echo "== the package carries its resources"
"$tmp/venv/bin/python" - <<'EOF'
from importlib.resources import files
root = files("podplayer")
for shipped in ("resources/templates/highlights.md.j2", "resources/templates/highlights.html.j2",
                "resources/icons/podplayer.svg", "resources/demo/demo-episode.mp3", "resources/podplayer.desktop",
                "seeds/000_fdc395beffb6dda9.txt"):
    assert root.joinpath(shipped).is_file(), f"the wheel lacks {shipped}"
for test_only in ("resources/demo/demo-episode.truth.json", "resources/screenshot.png", "resources/screenshot-transcribe.png",
                  "resources/screenshot-resync.png", "resources/screenshot-resync-ad.png", "resources/podcasts.png"):
    assert not root.joinpath(test_only).is_file(), f"the wheel carries {test_only}"
# The speaker-segmentation model the alignment uses ships, with its notice, and runs without the
# transcribe extra (onnxruntime is a dependency of podplayer itself).
import numpy as np
from podplayer.core.speaker_activity import activities
assert root.joinpath("core/speaker_activity/NOTICE-segmentation.txt").is_file(), "the wheel lacks the model's notice"
(quiet,) = activities([(0, np.zeros(16000, dtype=np.float32))])
assert not quiet.active.any(), "the segmentation model hears someone in silence"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from podplayer.ui.icons import app_icon, icon
assert not app_icon().isNull() and not icon("play").isNull(), "icons do not load"
EOF

echo "== podplayer --version"
[ "$("$podplayer" --version)" = "podplayer $version" ] || fail "--version says '$("$podplayer" --version)', wheel is $version"

echo "== the demo episode in a new library"
db="$tmp/library.sqlite3"
"$podplayer" --db "$db" screenshot demo -o "$tmp/demo.png" >/dev/null 2>"$tmp/screenshot.log" \
  || { cat "$tmp/screenshot.log" >&2; fail "screenshot of the demo failed"; }
[ -s "$tmp/demo.png" ] || fail "no screenshot written"
"$podplayer" --db "$db" episodes --json >"$tmp/episodes.json"
demo_id=$("$tmp/venv/bin/python" - "$tmp/episodes.json" <<'EOF'
import json, sys
episodes = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(episodes) == 1, episodes
episode = episodes[0]
assert episode["title"] == "100 Days of Data — Episode 67", episode
print(episode["id"])
EOF
)

echo "== highlight add, Markdown and HTML export"
"$podplayer" --db "$db" highlight add "$demo_id" --from 60 --to 66 --tag smoke --note "Where PyTorch is used." >/dev/null
"$podplayer" --db "$db" export "$demo_id" --format md -o "$tmp/highlights.md"
"$podplayer" --db "$db" export "$demo_id" --format html -o "$tmp/highlights.html"
"$tmp/venv/bin/python" - "$tmp/highlights.md" "$tmp/highlights.html" <<'EOF'
import html.parser, sys
markdown = open(sys.argv[1], encoding="utf-8").read()
page = open(sys.argv[2], encoding="utf-8").read()
quote = "practical applications that touch everything from self-driving cars to healthcare diagnostics."
for name, text in (("Markdown", markdown), ("HTML", page)):
    assert "100 Days of Data" in text, f"{name}: no episode title"
    assert "self-driving cars to healthcare diagnostics." in text, f"{name}: no quote"
    assert "Where PyTorch is used." in text, f"{name}: no note"
    assert "smoke" in text, f"{name}: no tag"
    assert "diagnostics.\nTo" not in text and "diagnostics. To" not in text, f"{name}: took in the next turn"
assert markdown.startswith("---\n"), "Markdown: no front matter"
assert quote in markdown, "Markdown: the quote is not whole"
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []
    def handle_data(self, data):
        self.text.append(data)
parser = Text()
parser.feed(page)
assert page.lstrip().lower().startswith("<!doctype html"), "HTML: not a page"
assert quote in " ".join(" ".join(parser.text).split()), "HTML: the quote is not in the page text"
EOF
echo "== install-desktop from the wheel"
"$podplayer" install-desktop >/dev/null
entry="$XDG_DATA_HOME/applications/podplayer.desktop"
[ -s "$XDG_DATA_HOME/icons/hicolor/256x256/apps/podplayer.png" ] || fail "install-desktop wrote no 256 px icon"
grep -qxF "Exec=$podplayer open %U" "$entry" || fail "the menu entry does not start the installed podplayer"
if command -v desktop-file-validate >/dev/null; then
  [ -z "$(desktop-file-validate "$entry")" ] || fail "desktop-file-validate: $(desktop-file-validate "$entry")"
fi
"$podplayer" install-desktop --uninstall >/dev/null
[ ! -e "$entry" ] || fail "install-desktop --uninstall left the menu entry"

echo "wheel smoke test: podplayer $version from the wheel works outside the checkout"
