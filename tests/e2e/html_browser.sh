#!/usr/bin/env bash
# The example's HTML map in a real browser, offline: Debian's chromium-headless-shell (or
# chromium), driven through the DevTools protocol by html_browser.py (Python's standard library
# only). Checks: no console error, no network request, the launch and target colours at their
# projected pixels, legend and scale bar, a click on the launch opening its popup with its name,
# keyboard zoom, and the <noscript> PNG with scripts off. Skipped (exit 77) only when neither
# browser is installed (.ci/install-deps installs chromium-headless-shell).
set -u
. "$(dirname "$0")/browser_env.sh"
"$BIN" render "$SRC/maps/example.geojson" -o "$TMP/example.html" --gazetteer "$GZ" ||
    { echo "FAIL: incmap render -o example.html"; exit 1; }
# the screenshot stays in the build tree for a look after a failure
python3 "$(dirname "$0")/html_browser.py" "$browser" "$TMP/example.html" \
    "${INCMAP_TEST_TMP:-/tmp}/html_browser.png"
