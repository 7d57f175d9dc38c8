# The word list generator (src/text/gen_wordlists.cmake): every kind of malformed list file stops
# it with FILE:LINE and the reason, and a well-formed list whose values hold C's special characters
# (quotes, backslashes, trigraph question marks) and CMake's (; [ ]) compiles under strict C17 and
# reads back as written, with a second language's file merged in.
# Usage: cmake -DGEN=gen_wordlists.cmake -DWORK=DIR -DCC=C_COMPILER -P gen_wordlists_test.cmake
cmake_minimum_required(VERSION 3.25)
foreach(v GEN WORK CC)
  if(NOT ${v})
    message(FATAL_ERROR "gen_wordlists_test: -D${v}=... missing")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/text")
set(failures 0)

# run_gen(RC ERR FILE...): runs the generator on the files.
function(run_gen rc_var err_var)
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DOUT_C=${WORK}/text/wordlists.c"
    "-DOUT_H=${WORK}/text/wordlists.h" -P "${GEN}" ${ARGN}
    RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  set(${rc_var} "${rc}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()

# rejects(NAME CONTENT WANT): a list file NAME with CONTENT must fail with a message matching WANT.
function(rejects name content want)
  file(WRITE "${WORK}/${name}" "${content}")
  run_gen(rc err "${WORK}/${name}")
  if(rc EQUAL 0)
    message(SEND_ERROR "accepted ${name}, which is malformed (want: ${want})")
  elseif(NOT err MATCHES "${want}")
    message(SEND_ERROR "${name}: wrong message, want '${want}', got:\n${err}")
  else()
    message(STATUS "rejected ${name}: ${want}")
  endif()
  file(REMOVE "${WORK}/${name}")
endfunction()

set(cols "# a test list\n# columns: word type prio:int\n")
rejects(nocomment.txt "rocket\n" "nocomment.txt:1: a list opens with")
rejects(fields.txt "${cols}rocket\trocket attack\n" "fields.txt:3: 2 field")
rejects(twotabs.txt "${cols}rocket\t\trocket attack\t8\n" "twotabs.txt:3: 4 field")
rejects(notint.txt "${cols}rocket\trocket attack\t8x\n" "notint.txt:3: field 3 .prio:int. is not an integer")
rejects(empty.txt "${cols}rocket\t\t8\n" "empty.txt:3: field 2 .type. is empty")
rejects(dup.txt "# a test list\nfired\nlaunched\nfired\n" "dup.txt:4: 'fired' is already in list dup .dup.txt:2")
rejects(upper.txt "# a test list\nFired\n" "upper.txt:2: the key 'Fired' has upper case")
rejects(space.txt "# a test list\nair base\n" "space.txt:2: .* has a space")
rejects(padded.txt "# a test list\nfired \n" "padded.txt:2: field 1 .word. starts or ends with a space")
rejects(crlf.txt "# a test list\r\nfired\r\n" "crlf.txt:1: carriage return")
string(ASCII 8 backspace)
rejects(control.txt "# a test list\nfi${backspace}red\n" "control.txt:2: control character")
rejects(semi.txt "# a test list\nfire;d\n" "semi.txt:2: the key has one of")
rejects(long.txt "# a test list\nabcdefghijklmnopqrstuvwxyz0123456\n" "long.txt:2: .* longer than 31 bytes")
rejects(noentries.txt "# a test list\n\n" "noentries.txt:2: the list has no entries")
rejects(latecols.txt "# a test list\nfired\n# columns: word n:int\n" "latecols.txt:3: the columns line must come")
rejects(badcol.txt "# a test list\n# columns: word 2nd\nfired\tx\n" "badcol.txt:2: column '2nd' is not")
rejects(Bad-Name.txt "# a test list\nfired\n" "Bad-Name.txt:0: a list file is NAME.txt")
# two files of one list must agree on the columns
file(WRITE "${WORK}/mix.txt" "# a test list\nfired\n")
file(WRITE "${WORK}/mix.fr.txt" "# a test list\n# columns: word n:int\ntire\t1\n")
run_gen(rc err "${WORK}/mix.txt" "${WORK}/mix.fr.txt")
if(rc EQUAL 0 OR NOT err MATCHES "mix.fr.txt:0: columns")
  message(SEND_ERROR "files of one list with different columns: rc ${rc}, ${err}")
endif()

# A well-formed list with awkward values, in two files, generated, compiled and read back.
file(WRITE "${WORK}/t.txt" "# A test list: \"quotes\", back\\slashes, ??= and ; [ ]\n"
  "# columns: word val n:int\n"
  "zummar\tZummār, Iraq\t-3\n"
  "quote\tsay \"hi\"\t1\n"
  "\n"
  "back\tC:\\dir\\ and \\n\t2\n"
  "tri\twhat??= ??/ ??!\t3\n"
  "list\ta;b [x] ]\t4\n"
  "it's\tit’s\t5\n")
file(WRITE "${WORK}/t.fr.txt" "# the same list, French words\n# columns: word val n:int\n"
  "après\tafter\t6\n")
run_gen(rc err "${WORK}/t.txt" "${WORK}/t.fr.txt")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "well-formed list rejected:\n${err}")
endif()
file(WRITE "${WORK}/main.c" "#include \"text/wordlists.h\"\n#include <stdio.h>\nint main(void)\n{\n"
  "    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_t); i++) {\n"
  "        printf(\"%s|%s|%d\\n\", incmap_wl_t[i].word, incmap_wl_t[i].val, incmap_wl_t[i].n);\n"
  "    }\n    return incmap_wordlists[0].n == 7 ? 0 : 1;\n}\n")
execute_process(COMMAND "${CC}" -std=c17 -Wall -Wextra -Wpedantic -Werror "-I${WORK}"
  "${WORK}/text/wordlists.c" "${WORK}/main.c" -o "${WORK}/readback"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the generated C does not compile:\n${err}")
endif()
execute_process(COMMAND "${WORK}/readback" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
# sorted by key; built as one string, since a list would split "a;b"
set(want "après|after|6\nback|C:\\dir\\ and \\n|2\nit's|it’s|5\nlist|a;b [x] ]|4\n")
string(APPEND want "quote|say \"hi\"|1\ntri|what??= ??/ ??!|3\nzummar|Zummār, Iraq|-3\n")
if(NOT rc EQUAL 0 OR NOT out STREQUAL want)
  message(SEND_ERROR "read back (rc ${rc}):\n${out}\nwant (sorted by key):\n${want}")
endif()
