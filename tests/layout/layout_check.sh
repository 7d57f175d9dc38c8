#!/usr/bin/env bash
# The pipeline's layout, checked: src/ holds one folder per stage, in the order data flows
# (core, text, gazetteer, geoparse, geojson, then render, build and ogr side by side, then cli).
# A file may include and call only its own stage and the stages before it, and no two files
# call each other in a circle (a stage hands its result on; it never calls back up).
# Usage: layout_check.sh SRC_DIR LIBRARY.a...   (the libraries are read with nm)
set -euo pipefail
src=${1:?usage: layout_check.sh SRC_DIR LIBRARY.a...}
shift
declare -A rank=([core]=0 [text]=1 [gazetteer]=2 [geoparse]=3 [geojson]=4 [render]=5 [build]=5 [ogr]=5 [cli]=6)
fail=0
bad() {
    echo "layout: $*" >&2
    fail=1
}
# may FROM use TO? Its own stage, or an earlier one; render, build and ogr never use each other.
allowed() {
    [ "$1" = "$2" ] || [ "${rank[$2]}" -lt "${rank[$1]}" ]
}

# 1. every source sits in a stage folder
while IFS= read -r f; do
    rel=${f#"$src"/}
    stage=${rel%%/*}
    [ "$stage" != "$rel" ] && [ -n "${rank[$stage]+x}" ] || bad "$rel is not in a stage folder"
done < <(find "$src" -name '*.[ch]' | sort)

# 2. includes of the project's own headers name their stage and go only down the pipeline
while IFS= read -r f; do
    rel=${f#"$src"/}
    stage=${rel%%/*}
    [ -n "${rank[$stage]+x}" ] || continue
    while IFS= read -r inc; do
        to=${inc%%/*}
        [ "$to" = incmap ] && continue
        if [ -z "${rank[$to]+x}" ] || [ "$to" = "$inc" ]; then
            bad "$rel includes \"$inc\": name the stage folder (\"core/core.h\")"
        elif ! allowed "$stage" "$to"; then
            bad "$rel ($stage) includes \"$inc\" from the later stage $to"
        fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
done < <(find "$src" -name '*.[ch]' | sort)

# 3. calls between files, from the compiled objects: object -> source file -> stage
declare -A path_of
while IFS= read -r f; do
    b=$(basename "$f")
    [ -z "${path_of[$b]+x}" ] || bad "two sources named $b: object names must be unique"
    path_of[$b]=${f#"$src"/}
done < <(find "$src" -name '*.c' | sort)
declare -A def_in
# nm -A prints "LIB.a:OBJ.o:ADDR TYPE SYMBOL" (defined) and "LIB.a:OBJ.o: U SYMBOL"
nmout=$(nm -A "$@" | awk 'NF == 3 { n = split($1, p, ":"); print p[2], $2, $3 }')
while read -r obj type sym; do
    case $type in T | D | B | R | G | S) def_in[$sym]=${obj%.o} ;; esac
done <<<"$nmout"
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
while read -r obj type sym; do
    [ "$type" = U ] || continue
    from=${obj%.o}
    to=${def_in[$sym]-}
    [ -n "$to" ] && [ "$to" != "$from" ] || continue
    fp=${path_of[$from]-}
    tp=${path_of[$to]-}
    [ -n "$fp" ] && [ -n "$tp" ] || continue
    if ! allowed "${fp%%/*}" "${tp%%/*}"; then
        bad "$fp calls $sym in $tp, a later stage"
    fi
    echo "$fp $tp" >>"$edges"
done <<<"$nmout"
nedges=$(sort -u "$edges" | wc -l)
if ! loops=$(sort -u "$edges" | tsort 2>&1 >/dev/null) || [ -n "$loops" ]; then
    bad "files that call each other in a circle:"
    grep -v 'input contains a loop' <<<"$loops" | sed 's/^tsort: /    /' >&2
fi
[ "$nedges" -gt 20 ] || bad "only $nedges calls between files found: is nm reading the libraries?"
[ $fail -eq 0 ] && echo "layout: ${#path_of[@]} sources, $nedges file-to-file calls, all down the pipeline, no circles"
exit $fail
