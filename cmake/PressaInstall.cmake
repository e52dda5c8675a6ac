# Install rules: the search library, its public headers and a CMake package,
# so another project can `find_package(Pressa)` and link Pressa::searcher.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(PRESSA_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Pressa)
# Public headers keep their repository paths under include/pressa/, so
# `#include "searcher/searcher.h"` reads the same inside and outside the tree.
target_include_directories(pressa_core PUBLIC
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/pressa>)
set_target_properties(pressa_searcher PROPERTIES EXPORT_NAME searcher)
set_target_properties(pressa_stemmers PROPERTIES EXPORT_NAME stemmers)
set_target_properties(pressa_core PROPERTIES EXPORT_NAME core)
set_target_properties(xapian_imported PROPERTIES EXPORT_NAME xapian)

install(TARGETS pressa_searcher pressa_stemmers pressa_core xapian_imported
  EXPORT PressaTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES core/status.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pressa/core)
install(FILES searcher/searcher.h searcher/render.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pressa/searcher)
# pressa-search runs pressa-search-inproc from its own directory when no
# pressa-searchd answers for its index.
install(TARGETS pressa-index pressa-search pressa-search-inproc pressa-searchd
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The CGI program and the in-process binary it runs from its own directory
# when no pressa-searchd answers (deploy/README.md: <prefix>/lib/pressa/pressa.cgi).
install(TARGETS pressa.cgi pressa-cgi-inproc RUNTIME DESTINATION lib/pressa)
install(EXPORT PressaTargets NAMESPACE Pressa:: DESTINATION ${PRESSA_INSTALL_CMAKEDIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/PressaConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/PressaConfig.cmake
  INSTALL_DESTINATION ${PRESSA_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/PressaConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/PressaConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/PressaConfigVersion.cmake
  DESTINATION ${PRESSA_INSTALL_CMAKEDIR})
