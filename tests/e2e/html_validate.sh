#!/usr/bin/env bash
# The example's HTML map passes an HTML validator: html-validate (npm, pinned below) with its
# recommended rules, installed by this test into the build tree ($INCMAP_NPM_DIR) on first use,
# never into the repository. Skipped (exit 77, shown by ctest) only when npm is missing or the
# registry cannot be reached; the page is then still checked by test_render_html.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
SRC=${INCMAP_SOURCE_DIR:?}
GZ=${INCMAP_DEFAULT_GAZETTEER:?}
NPM_DIR=${INCMAP_NPM_DIR:?}
VERSION=9.7.1
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-html-validate-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT

tool=$NPM_DIR/node_modules/.bin/html-validate
if [ ! -x "$tool" ] || ! grep -q "\"version\": \"$VERSION\"" "$NPM_DIR/node_modules/html-validate/package.json" 2>/dev/null; then
    if ! command -v npm >/dev/null; then
        echo "SKIP: npm is not installed (Debian package npm): the HTML is not validated"
        exit 77
    fi
    mkdir -p "$NPM_DIR"
    if ! npm install --silent --no-audit --no-fund --prefix "$NPM_DIR" "html-validate@$VERSION" >"$TMP/npm.log" 2>&1; then
        echo "SKIP: npm could not install html-validate@$VERSION: $(tail -n 1 "$TMP/npm.log")"
        exit 77
    fi
fi
"$BIN" render "$SRC/maps/example.geojson" -o "$TMP/example.html" --gazetteer "$GZ" ||
    { echo "FAIL: incmap render -o example.html"; exit 1; }
printf '{"extends": ["html-validate:recommended"]}\n' >"$TMP/.htmlvalidate.json"
if ! (cd "$TMP" && "$tool" --config .htmlvalidate.json example.html); then
    echo "FAIL: html-validate $VERSION found problems in the example's page"
    exit 1
fi
echo "ok: the example's page passes html-validate $VERSION (recommended rules)"
