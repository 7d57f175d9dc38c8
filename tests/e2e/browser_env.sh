# Sourced by the browser tests (html_browser.sh, html_layers.sh): sets BIN, SRC and GZ from the
# test environment, `browser` to Debian's chromium-headless-shell (or chromium), and exits 77
# (skipped) when neither is installed (.ci/install-deps installs chromium-headless-shell); then
# makes the test's own temporary folder TMP, removed on exit.
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
SRC=${INCMAP_SOURCE_DIR:?}
GZ=${INCMAP_DEFAULT_GAZETTEER:?}
browser=""
for b in chromium-headless-shell chromium; do
    if command -v "$b" >/dev/null; then
        browser=$(command -v "$b")
        break
    fi
done
if [ -z "$browser" ]; then
    echo "SKIP: neither chromium-headless-shell nor chromium is installed (bash .ci/install-deps)"
    exit 77
fi
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-$(basename "$0" .sh)-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
