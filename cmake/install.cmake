# What `cmake --install` puts where: the library with its soname, the public
# headers, pkg-config and CMake package files, man pages and the examples.
include(CMakePackageConfigHelpers)

set(SENDKIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/sendkit)

# Outside the system's library folders (/usr/local, $HOME/.local, /opt/...),
# the commands find libsendkit through a relative RUNPATH, so they run at
# once, without ldconfig, and still run if the prefix is moved. Under /usr,
# as in the .deb, there is none: Debian's policy forbids it. A
# CMAKE_INSTALL_RPATH given on the command line wins.
list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" SENDKIT_SYSTEM_LIBDIR)
if(SENDKIT_SYSTEM_LIBDIR EQUAL -1 AND NOT CMAKE_INSTALL_RPATH)
  file(RELATIVE_PATH SENDKIT_BIN_TO_LIB
    ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
  get_property(SENDKIT_COMMANDS GLOBAL PROPERTY SENDKIT_COMMANDS)
  set_target_properties(${SENDKIT_COMMANDS} PROPERTIES
    INSTALL_RPATH "$ORIGIN/${SENDKIT_BIN_TO_LIB}")
endif()

install(TARGETS sendkit EXPORT sendkitTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/sendkit
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(FILES ${PROJECT_BINARY_DIR}/lib/generated/sendkit/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sendkit COMPONENT dev)

# CMake package: find_package(sendkit) gives the target sendkit::sendkit.
install(EXPORT sendkitTargets NAMESPACE sendkit::
  DESTINATION ${SENDKIT_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sendkitConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sendkitConfig.cmake
  INSTALL_DESTINATION ${SENDKIT_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sendkitConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sendkitConfig.cmake
  ${PROJECT_BINARY_DIR}/sendkitConfigVersion.cmake
  DESTINATION ${SENDKIT_CMAKE_DIR} COMPONENT dev)

# pkg-config: relocatable, the prefix found from the .pc file's own folder.
set(SENDKIT_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH SENDKIT_PC_TO_PREFIX
  /prefix/${SENDKIT_PC_DIR} /prefix)
string(REGEX REPLACE "/$" "" SENDKIT_PC_TO_PREFIX "${SENDKIT_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/sendkit.pc.in
  ${PROJECT_BINARY_DIR}/sendkit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/sendkit.pc DESTINATION ${SENDKIT_PC_DIR} COMPONENT dev)

# Man pages, each into the folder of its section.
file(GLOB SENDKIT_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.[1-9])
foreach(page ${SENDKIT_MAN_PAGES})
  string(REGEX REPLACE ".*\\.([1-9])$" "\\1" section ${page})
  install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()

# Bash completion, one file per command, where bash-completion loads them on demand.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/completions/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# JSON Schemas of the strategy and review formats, for editors (VS Code's YAML extension).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/share/sendkit/schema
  DESTINATION ${CMAKE_INSTALL_DATADIR}/sendkit)

# USE_SOURCE_PERMISSIONS: the termly script and the census generator stay
# runnable where they are installed.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples USE_SOURCE_PERMISSIONS)
# Their schema line, relative to the source tree's schemas, is made to name
# the installed ones.
install(CODE "set(SENDKIT_EXAMPLES_DEST \"${CMAKE_INSTALL_DOCDIR}/examples\")
  set(SENDKIT_SCHEMA_DEST \"${CMAKE_INSTALL_DATADIR}/sendkit/schema\")")
install(SCRIPT ${PROJECT_SOURCE_DIR}/cmake/examples-schema.cmake)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The licence. The Debian machine-readable copyright file takes LICENSE's
# permission notice, so the two cannot drift apart; under /usr (the .deb)
# it is the only one, as Debian's policy wants.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE SENDKIT_LICENSE_TEXT)
string(REGEX REPLACE "^.*\n(Permission is hereby granted)" "\\1"
  SENDKIT_LICENSE_TEXT "${SENDKIT_LICENSE_TEXT}")
string(REGEX REPLACE "\n+$" "" SENDKIT_LICENSE_TEXT "${SENDKIT_LICENSE_TEXT}")
string(REGEX REPLACE "\n\n" "\n.\n" SENDKIT_LICENSE_TEXT "${SENDKIT_LICENSE_TEXT}")
string(REPLACE "\n" "\n " SENDKIT_LICENSE_TEXT " ${SENDKIT_LICENSE_TEXT}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/copyright.in ${PROJECT_BINARY_DIR}/copyright @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()
