#!/usr/bin/env bash
# Proves that an executed notebook displays offline: exports it to HTML with nbconvert, opens the
# page in headless Chromium with every network request refused, takes a screenshot, and checks the
# rendered page (after its scripts ran) for drawn Plotly charts, their titles (Hangul too) and images.
#
#   tests/render_check.sh [EXECUTED.ipynb] [OUT_DIR]
#   default: build/notebooks/00_setup_and_djl_basics.ipynb (made by tests/run_notebooks.py), build/render
#
# Look at OUT_DIR/NAME.png yourself: charts drawn, Korean text as Hangul, not boxes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NB="${1:-$ROOT/build/notebooks/00_setup_and_djl_basics.ipynb}"
OUT="${2:-$ROOT/build/render}"
CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -f "$NB" ] || { echo "render_check: $NB not found: run tests/run_notebooks.py first" >&2; exit 1; }
[ -n "$CHROMIUM" ] || { echo "render_check: no Chromium found (Debian: apt install chromium)" >&2; exit 1; }
mkdir -p "$OUT"
NAME="$(basename "$NB" .ipynb)"
HTML="$OUT/$NAME.html"

jupyter nbconvert --to html --output-dir "$OUT" --output "$NAME" "$NB" >/dev/null 2>&1 \
  || jupyter nbconvert --to html --output-dir "$OUT" --output "$NAME" "$NB"

# Every host name fails to resolve and every proxied request is refused: nothing leaves the machine.
OFFLINE=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server="http://127.0.0.1:9"
  --user-data-dir="$(mktemp -d)" --virtual-time-budget=20000)

"$CHROMIUM" "${OFFLINE[@]}" --window-size=1280,12000 --hide-scrollbars \
  --screenshot="$OUT/$NAME.png" "file://$HTML" >/dev/null 2>&1
"$CHROMIUM" "${OFFLINE[@]}" --dump-dom "file://$HTML" 2>/dev/null > "$OUT/$NAME.dom.html"

/usr/bin/python3 - "$NB" "$OUT/$NAME.dom.html" "$OUT/$NAME.png" <<'PY'
import re, sys
import nbformat
nb_path, dom_path, png_path = sys.argv[1:]
nb = nbformat.read(nb_path, as_version=4)
dom = open(dom_path, encoding="utf-8").read()
html_outputs = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
                for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
charts = sum("Plotly.newPlot" in h for h in html_outputs)
images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
drawn = len(re.findall(r'<div id="dlcourse_plot_\w+" class="dlcourse-plot[^"]*js-plotly-plot', dom))
titles = re.findall(r'class="gtitle"[^>]*>([^<]*)<', dom)
waiting = dom.count('class="dlcourse-plot-waiting"')  # the notice a chart shows until plotly.js draws it
shown = dom.count('src="data:image/png;base64,')
expected_titles = [m for h in html_outputs for m in re.findall(r"var layout = \{\s*title: '([^']*)'", h)]
missing = [t for t in expected_titles if t not in titles]
print("render_check: %d chart(s) in the notebook, %d drawn, %d still waiting; %d image(s), %d shown"
      % (charts, drawn, waiting, images, shown))
print("render_check: %d chart title(s) expected, %d missing" % (len(expected_titles), len(missing)))
for t in titles:
    print("render_check: chart title: " + t)
problems = []
if drawn != charts: problems.append("not every chart was drawn by plotly.js")
if missing: problems.append("chart titles not drawn: %s" % missing)
if shown < images: problems.append("not every image is in the page")
if problems:
    sys.exit("render_check: FAIL: " + "; ".join(problems))
print("render_check: ok; screenshot: " + png_path)
PY
