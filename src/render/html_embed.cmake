# Turns a text file into a C array (the HTML map's own script and stylesheet, maps/html/):
#   cmake -DIN=maps/html/map.js -DOUT=render_html_js.c -DNAME=incmap_html_map_js -P html_embed.cmake
# Built in rather than read at run time, like the style defaults: an installed incmap needs no
# files of ours, and the page cannot pick up a stray edited copy. An array of bytes, not a
# string literal: ISO C only promises string literals of 4095 characters.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR n "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp"
  "/* Generated from ${IN} by src/render/html_embed.cmake: edit the source, not this. */\n"
  "#include <stddef.h>\n"
  "extern const unsigned char ${NAME}[];\nextern const size_t ${NAME}_len;\n"
  "const unsigned char ${NAME}[] = {\n${bytes}0x00};\n"
  "const size_t ${NAME}_len = ${n};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
