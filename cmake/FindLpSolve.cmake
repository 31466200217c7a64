# Finds lp_solve 5.5 (LGPL-2.1; Debian's liblpsolve55-dev), the linear
# programming library the census summary's disclosure audit solves with.
# Debian ships it as a static archive only, built as position-independent
# code (liblpsolve55_pic.a) for shared libraries; it needs libcolamd
# (SuiteSparse) and libdl. Defines LPSOLVE_FOUND and the target LpSolve::LpSolve.
find_path(LPSOLVE_INCLUDE_DIR lp_lib.h PATH_SUFFIXES lpsolve)
find_library(LPSOLVE_LIBRARY NAMES lpsolve55_pic lpsolve55)
find_library(LPSOLVE_COLAMD_LIBRARY NAMES colamd)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LpSolve
  REQUIRED_VARS LPSOLVE_LIBRARY LPSOLVE_COLAMD_LIBRARY LPSOLVE_INCLUDE_DIR)

if(LPSOLVE_FOUND AND NOT TARGET LpSolve::LpSolve)
  add_library(LpSolve::LpSolve UNKNOWN IMPORTED)
  set_target_properties(LpSolve::LpSolve PROPERTIES
    IMPORTED_LOCATION "${LPSOLVE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LPSOLVE_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${LPSOLVE_COLAMD_LIBRARY};${CMAKE_DL_LIBS};m")
endif()
mark_as_advanced(LPSOLVE_INCLUDE_DIR LPSOLVE_LIBRARY LPSOLVE_COLAMD_LIBRARY)
