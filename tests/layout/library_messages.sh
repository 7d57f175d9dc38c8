#!/usr/bin/env bash
# The library speaks in its own terms: no string literal outside src/cli/ names a command-line
# option ("--date", "--extent W,S,E,N"). Library users have no flags; the CLI adds the option's
# name where it knows which one the user typed (src/cli/).
# Usage: library_messages.sh SRC_DIR
set -euo pipefail
src=${1:?usage: library_messages.sh SRC_DIR}
# comments are dropped first (a "--" in prose is fine); then every "..." literal is searched for
# "--" followed by a letter (or a %s that prints one), the way options are spelled
hits=$(find "$src" -path "$src/cli" -prune -o -name '*.[ch]' -print | sort | xargs perl -0777 -ne '
    my $text = $_;
    $text =~ s{/\*.*?\*/}{ my $c = $&; $c =~ tr/\n//cd; $c }gse;
    $text =~ s{//[^\n]*}{}g;
    my @lines = split /\n/, $text, -1;
    for my $i (0 .. $#lines) {
        while ($lines[$i] =~ /"((?:[^"\\\n]|\\.)*)"/g) {
            my $lit = $1;
            print "$ARGV:", $i + 1, ": \"$lit\"\n" if $lit =~ /--[A-Za-z%]/;
        }
    }')
if [ -n "$hits" ]; then
    echo "library_messages: option names in library strings (say what is wrong in library terms;" >&2
    echo "let src/cli/ name the option):" >&2
    echo "$hits" >&2
    exit 1
fi
echo "library_messages: no library string names a command-line option"
