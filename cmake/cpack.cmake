# CPack: one Debian package, sendkit, with everything `cmake --install` puts
# in place: the commands, the library with its soname, the headers,
# pkg-config and CMake package files, man pages, bash completion, examples.
#
#   cmake -S . -B build-deb -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-deb && (cd build-deb && cpack -G DEB)
#
# With the prefix /usr, GNUInstallDirs puts the library in the multiarch
# folder (usr/lib/x86_64-linux-gnu); with another prefix it lands in usr/lib.
# The dependencies (libc6, libyaml-0-2, libcsv3, libcolamd for lp_solve,
# which Debian ships as a static archive linked into libsendkit) are worked
# out by dpkg-shlibdeps from the binaries, so they follow the machine it is
# built on.

set(SENDKIT_PACKAGE_MAINTAINER
  "sendkit maintainers <maintainers@users.noreply.r-seed-b9997939.example>"
  CACHE STRING "Maintainer named in the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sendkit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SENDKIT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "tools for English schools' SEND strategies, reviews and census returns")
# The long description: Debian's rules for it (lines under 80 columns, no
# tabs) are kept by writing it as one paragraph per set() argument.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "A small C toolkit for the records that English schools and multi-academy\n"
  "trusts keep about pupils with special educational needs and disabilities\n"
  "(SEND): each school's SEND strategy, SEND reviews and the termly school\n"
  "census. Four commands compose through pipes: census-summary (census CSV into\n"
  "counts per school, hub, local authority and trust), nutshell (a school's\n"
  "one-page SEND profile), review-score (scores SEND reviews) and action-lint\n"
  "(checks strategy and review files, for people and for CI). The library,\n"
  "libsendkit, with its headers, pkg-config file and CMake package, is\n"
  "included for programs of one's own.")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SENDKIT_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)     # sendkit_0.1.0-1_amd64.deb
# dpkg-shlibdeps (dpkg-dev) runs in CPack's staging tree, which it takes for
# the package being built, so it finds the commands' libsendkit.so.0 there
# and depends on nothing for it: no private library folders to name.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON) # a shlibs file; ldconfig in postinst
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
