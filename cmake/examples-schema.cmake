# Run by `cmake --install` (install(SCRIPT), after the examples are copied):
# the examples' "# yaml-language-server: $schema=" line names the schema by a
# path relative to the file, which in the source tree reaches
# share/sendkit/schema; in the installed copy it is made to reach the
# installed schemas instead, still relative, so a moved prefix keeps it.
# SENDKIT_EXAMPLES_DEST and SENDKIT_SCHEMA_DEST are set by install(CODE).
foreach(var SENDKIT_EXAMPLES_DEST SENDKIT_SCHEMA_DEST)
  if(IS_ABSOLUTE "${${var}}")
    set(${var}_FULL "$ENV{DESTDIR}${${var}}")
  else()
    set(${var}_FULL "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${${var}}")
  endif()
endforeach()
file(GLOB_RECURSE examples "${SENDKIT_EXAMPLES_DEST_FULL}/*.yaml")
foreach(example ${examples})
  file(READ "${example}" text)
  if(NOT text MATCHES "yaml-language-server: [$]schema=../../share/sendkit/schema/")
    continue()
  endif()
  get_filename_component(dir "${example}" DIRECTORY)
  file(RELATIVE_PATH to_schema "${dir}" "${SENDKIT_SCHEMA_DEST_FULL}")
  string(REPLACE "yaml-language-server: $schema=../../share/sendkit/schema/"
    "yaml-language-server: $schema=${to_schema}/" text "${text}")
  file(WRITE "${example}" "${text}")
endforeach()
