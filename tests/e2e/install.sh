#!/usr/bin/env bash
# Post-install test: `cmake --install` into a temporary DESTDIR (outside the build tree, so no
# build-tree default can help), then, with no source tree in sight:
#  - every installed file is where GNUInstallDirs says;
#  - the README's library example builds against the installed package with find_package(incmap)
#    (shared and static) and with pkg-config, and runs;
#  - the installed incmap finds its gazetteer in $XDG_DATA_HOME/incmap with INCMAP_GAZETTEER unset,
#    says where it looked when there is none, builds into the user's data directory by default,
#    and `gazetteer fetch` runs the installed fetch-sources into the user's data directory;
#  - every man page renders without a groff warning.
# Usage: install.sh (environment from ctest: INCMAP_BIN, INCMAP_SOURCE_DIR, INCMAP_FIXTURES,
# INCMAP_INSTALL_PREFIX, INCMAP_INSTALL_LIBDIR, INCMAP_FIXTURE_GZ)
set -uo pipefail
if [ "${INCMAP_SANITIZED:-OFF}" = ON ]; then
    # instrumented libraries need the sanitizer runtime in every program that links them
    echo "install: skipped in a sanitizer build (the normal build runs it)"
    exit 77
fi
BUILD=$(dirname "$INCMAP_BIN")
SRC=$INCMAP_SOURCE_DIR
PREFIX=${INCMAP_INSTALL_PREFIX:?}
LIBDIR=${INCMAP_INSTALL_LIBDIR:-lib}
FIXTURE_GZ=${INCMAP_FIXTURE_GZ:?}
T=$(mktemp -d "${TMPDIR:-/tmp}/incmap-install.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
check() { # NAME CMD...: runs CMD, reports
    local name=$1
    shift
    if "$@" >"$T/out" 2>"$T/err"; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        sed 's/^/     | /' "$T/out" "$T/err" | head -20
        fails=$((fails + 1))
    fi
}

DESTDIR="$T/root" cmake --install "$BUILD" >"$T/install.log" 2>&1 || {
    cat "$T/install.log"
    echo "FAIL cmake --install"
    exit 1
}
P=$T/root$PREFIX
L=$P/$LIBDIR

installed() {
    local missing=0
    for f in "$@"; do
        [ -e "$P/$f" ] || { echo "missing $P/$f"; missing=1; }
    done
    return $missing
}
check "binaries, libraries, headers, package files" installed bin/incmap bin/incmap-gis \
    bin/incmap-render "$LIBDIR/libincmap.a" "$LIBDIR/libincmap.so" "$LIBDIR/libincmap_render.a" \
    "$LIBDIR/libincmap_render.so" "$LIBDIR/libincmap_gis.a" "$LIBDIR/libincmap_gis.so" \
    include/incmap/incmap.h "$LIBDIR/pkgconfig/incmap.pc" \
    "$LIBDIR/cmake/incmap/incmapConfig.cmake" "$LIBDIR/cmake/incmap/incmapConfigVersion.cmake"
check "data, man pages, licence under share/" installed share/incmap/style.json \
    share/incmap/supplement.tsv share/incmap/fetch-sources share/man/man1/incmap.1 \
    share/man/man1/incmap-extract.1 share/man/man1/incmap-lookup.1 share/man/man1/incmap-map.1 \
    share/man/man1/incmap-render.1 share/man/man1/incmap-gazetteer.1 share/doc/incmap/LICENSE
check "fetch-sources is executable" test -x "$P/share/incmap/fetch-sources"

# The user's data directory with the fixture gazetteer; INCMAP_GAZETTEER unset from here on.
mkdir -p "$T/xdg/incmap" "$T/run" "$T/home"
cp "$FIXTURE_GZ" "$T/xdg/incmap/incmap.gpkg"
cp "${FIXTURE_GZ%.gpkg}.idx" "$T/xdg/incmap/incmap.idx"
run() { # the installed tool's environment: nothing from the build
    (cd "$T/run" && env -u INCMAP_GAZETTEER -u INCMAP_LEAFLET_DIR HOME="$T/home" \
        XDG_DATA_HOME="$T/xdg" LD_LIBRARY_PATH="$L" "$@")
}

# --- the README's library example ---------------------------------------------------------------
perl -0777 -ne 'print $1 if /<!-- example:begin -->\n```c\n(.*?)```\n<!-- example:end -->/s' \
    "$SRC/README.md" >"$T/example.c"
check "README has a library example" test -s "$T/example.c"
example_ok() { # BINARY: prints the launch and target of its report, writes incidents.geojson
    rm -f "$T/run/incidents.geojson"
    run "$1" >"$T/ex.out" || { cat "$T/ex.out"; return 1; }
    cat "$T/ex.out"
    grep -q '^launch Zummar 2024-04-21' "$T/ex.out" && grep -qi '^target northeastern Syria' \
        "$T/ex.out" && test -s "$T/run/incidents.geojson"
}
for kind in shared static; do
    mkdir -p "$T/cm-$kind"
    target=incmap::incmap
    [ $kind = static ] && target=incmap::incmap_static
    cat >"$T/cm-$kind/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.25)
project(readme_example C)
find_package(incmap 0.1 REQUIRED)
add_executable(example $T/example.c)
target_link_libraries(example PRIVATE $target)
EOF
    check "find_package(incmap) + $target: configure and build" bash -c \
        "cmake -S '$T/cm-$kind' -B '$T/cm-$kind/b' -DCMAKE_PREFIX_PATH='$P' && cmake --build '$T/cm-$kind/b'"
    check "find_package(incmap) + $target: the example runs" example_ok "$T/cm-$kind/b/example"
done
check "incmap::incmap is the shared library" bash -c "ldd '$T/cm-shared/b/example' | grep -q '$L/libincmap.so'"
check "incmap::incmap_static is static" bash -c "! ldd '$T/cm-static/b/example' | grep -q libincmap"

export PKG_CONFIG_PATH="$L/pkgconfig"
check "pkg-config --cflags --libs incmap: the README's command builds the example" bash -c \
    "cc '$T/example.c' \$(pkg-config --define-prefix --cflags --libs incmap) -o '$T/ex-pc'"
check "pkg-config: the example runs" example_ok "$T/ex-pc"
check "pkg-config --static --libs lists cJSON and libm" bash -c \
    "pkg-config --define-prefix --static --libs incmap | grep -q -- -lcjson && pkg-config --define-prefix --static --libs incmap | grep -q -- -lm"
check "pkg-config --static links the static library" bash -c \
    "cc '$T/example.c' \$(pkg-config --define-prefix --cflags incmap) '$L/libincmap.a' \$(pkg-config --define-prefix --static --libs incmap | sed 's/-lincmap\\b//') -o '$T/ex-static'"
check "pkg-config --static: the example runs" example_ok "$T/ex-static"

# --- the installed tool, from a directory outside any tree -------------------------------------
# geonames:9500001 is the fixture's Zummar (the real gazetteer's has GeoNames' own id)
check "installed incmap lookup finds the gazetteer in XDG_DATA_HOME" \
    bash -c "cd '$T/run' && env -u INCMAP_GAZETTEER HOME='$T/home' XDG_DATA_HOME='$T/xdg' '$P/bin/incmap' lookup Zummar --format json | grep -q 'geonames:9500001'"
printf 'On Sunday rockets were fired from Zummar towards northeastern Syria.\n' >"$T/run/r.txt"
check "installed incmap extract" bash -c "cd '$T/run' && env -u INCMAP_GAZETTEER HOME='$T/home' XDG_DATA_HOME='$T/xdg' '$P/bin/incmap' extract r.txt --format text | grep -q 'launch  Zummar'"
check "installed incmap render (runs incmap-render beside it)" bash -c "cd '$T/run' && env -u INCMAP_GAZETTEER HOME='$T/home' XDG_DATA_HOME='$T/xdg' '$P/bin/incmap' map r.txt --date 2024-04-22 -o m.svg && test -s m.svg"
check "installed incmap --version lists every library" bash -c "'$P/bin/incmap' --version | tr '\n' ' ' | grep -q '^incmap [0-9.]* cJSON .*PROJ .*cairo .*pango .*SQLite .*GDAL '"
check "~/.local/share/incmap when XDG_DATA_HOME is unset" bash -c "mkdir -p '$T/home2/.local/share' && cp -r '$T/xdg/incmap' '$T/home2/.local/share/' && cd '$T/run' && env -u INCMAP_GAZETTEER -u XDG_DATA_HOME HOME='$T/home2' '$P/bin/incmap' lookup Zummar --format json | grep -q 'geonames:9500001'"

leaflet_from_user_dir() { # not from the build tree's sources: the user's data directory
    local err
    err=$(cd "$T/run" && env -u INCMAP_GAZETTEER -u INCMAP_LEAFLET_DIR HOME="$T/home" \
        XDG_DATA_HOME="$T/xdg" "$P/bin/incmap" map r.txt -o none.html 2>&1)
    [ $? = 4 ] && grep -qF "$T/xdg/incmap/sources/leaflet/leaflet.js" <<<"$err" || {
        echo "without Leaflet: $err"
        return 1
    }
    mkdir -p "$T/xdg/incmap/sources/leaflet"
    echo '/* a stand-in for leaflet.js */' >"$T/xdg/incmap/sources/leaflet/leaflet.js"
    echo '/* a stand-in for leaflet.css */' >"$T/xdg/incmap/sources/leaflet/leaflet.css"
    (cd "$T/run" && env -u INCMAP_GAZETTEER -u INCMAP_LEAFLET_DIR HOME="$T/home" \
        XDG_DATA_HOME="$T/xdg" "$P/bin/incmap" map r.txt -o m.html) &&
        grep -q 'a stand-in for leaflet.js' "$T/run/m.html"
}
check "HTML maps take Leaflet from \$XDG_DATA_HOME/incmap/sources/leaflet" leaflet_from_user_dir

missing_gz() {
    (cd "$T/run" && env -u INCMAP_GAZETTEER HOME="$T/home" XDG_DATA_HOME="$T/none" \
        "$P/bin/incmap" lookup Zummar 2>"$T/miss.err")
    local rc=$?
    cat "$T/miss.err"
    [ $rc = 4 ] && [ "$(wc -l <"$T/miss.err")" = 1 ] &&
        grep -qF "$T/none/incmap/incmap.gpkg" "$T/miss.err" &&
        grep -qF "$P/share/incmap/incmap.gpkg" "$T/miss.err" &&
        grep -qF 'incmap gazetteer fetch && incmap gazetteer build' "$T/miss.err"
}
check "no gazetteer: exit 4, one line naming where it looked and how to build one" missing_gz

build_default() { # gazetteer build with no -o writes into the user's data directory
    # the user's supplement.tsv comes before the installed one (which is for the real sources)
    mkdir -p "$T/xdg2/incmap"
    cp "$INCMAP_FIXTURES/unit-gazetteer/supplement.tsv" "$T/xdg2/incmap/supplement.tsv"
    (cd "$T/run" && env -u INCMAP_GAZETTEER HOME="$T/home" XDG_DATA_HOME="$T/xdg2" \
        "$P/bin/incmap" gazetteer build -q --sources "$INCMAP_FIXTURES/gazetteer" \
        --cities500 "$INCMAP_FIXTURES/unit-gazetteer/places.txt" \
        --natural-earth "$INCMAP_FIXTURES/gazetteer/ne-mini.gpkg") &&
        test -s "$T/xdg2/incmap/incmap.gpkg" && test -s "$T/xdg2/incmap/incmap.idx" &&
        (cd "$T/run" && env -u INCMAP_GAZETTEER HOME="$T/home" XDG_DATA_HOME="$T/xdg2" \
            "$P/bin/incmap" lookup Zummar >/dev/null)
}
check "gazetteer build (user supplement) goes to \$XDG_DATA_HOME/incmap and is found" build_default

fetch_default() { # a stand-in bash records what gazetteer fetch runs: no network in tests
    mkdir -p "$T/fakebin"
    printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/fetch.args"\n' "$T" >"$T/fakebin/bash"
    chmod +x "$T/fakebin/bash"
    (cd "$T/run" && env -u INCMAP_GAZETTEER HOME="$T/home" XDG_DATA_HOME="$T/xdg3" \
        PATH="$T/fakebin:$PATH" "$P/bin/incmap" gazetteer fetch) || return 1
    cat "$T/fetch.args"
    [ "$(sed -n 1p "$T/fetch.args")" -ef "$P/share/incmap/fetch-sources" ] &&
        [ "$(sed -n 2p "$T/fetch.args")" = "$T/xdg3/incmap/sources" ]
}
check "gazetteer fetch runs the installed fetch-sources into \$XDG_DATA_HOME/incmap/sources" fetch_default

# --- man pages ---------------------------------------------------------------------------------
for page in "$P"/share/man/man1/*.1; do
    check "man page $(basename "$page") renders without warnings" bash -c \
        "w=\$(LC_ALL=C.UTF-8 groff -ww -z -man -Tutf8 '$page' 2>&1) && [ -z \"\$w\" ] && MANWIDTH=80 man -l '$page' 2>/dev/null | grep -q '^NAME'"
done

[ $fails = 0 ] && echo "install: all passed" || echo "install: $fails failed"
exit $((fails > 0))
