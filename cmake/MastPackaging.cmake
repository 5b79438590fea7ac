# Installing Mast (`cmake --install`) and packaging it (`cpack -G DEB`).
#
# What is installed, under the prefix:
#   bin/mast
#   share/man/man1/mast.1
#   share/bash-completion/completions/mast
#   share/zsh/vendor-completions/_mast      (prefix /usr: Debian's zsh looks there)
#   share/zsh/site-functions/_mast          (any other prefix, e.g. /usr/local)
#   share/fish/vendor_completions.d/mast.fish
#   share/doc/mast/{README.md,CHANGELOG.md}
#
# The man page and the completions are not written by hand: the build runs
# the freshly linked `mast man` and `mast completion SHELL`, which read the
# CLI11 definitions (cli/command_model.h), so they always match the parser.
# tests/packaging/ checks both the generated files and the .deb.
include(GNUInstallDirs)

set(MAST_SHARE_BUILD_DIR ${CMAKE_BINARY_DIR}/share)
set(MAST_MAN_PAGE ${MAST_SHARE_BUILD_DIR}/man/man1/mast.1)
set(MAST_BASH_COMPLETION ${MAST_SHARE_BUILD_DIR}/bash-completion/completions/mast)
set(MAST_ZSH_COMPLETION ${MAST_SHARE_BUILD_DIR}/zsh/_mast)
set(MAST_FISH_COMPLETION ${MAST_SHARE_BUILD_DIR}/fish/vendor_completions.d/mast.fish)
set(MAST_SHELL_FILES ${MAST_MAN_PAGE} ${MAST_BASH_COMPLETION} ${MAST_ZSH_COMPLETION} ${MAST_FISH_COMPLETION})

add_custom_command(
  OUTPUT ${MAST_SHELL_FILES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${MAST_SHARE_BUILD_DIR}/man/man1
          ${MAST_SHARE_BUILD_DIR}/bash-completion/completions ${MAST_SHARE_BUILD_DIR}/zsh
          ${MAST_SHARE_BUILD_DIR}/fish/vendor_completions.d
  COMMAND mast man -o ${MAST_MAN_PAGE}
  COMMAND mast completion bash -o ${MAST_BASH_COMPLETION}
  COMMAND mast completion zsh -o ${MAST_ZSH_COMPLETION}
  COMMAND mast completion fish -o ${MAST_FISH_COMPLETION}
  DEPENDS mast
  COMMENT "Generating the man page and the shell completions from mast's command line"
  VERBATIM)
add_custom_target(mast_shell_files ALL DEPENDS ${MAST_SHELL_FILES})

install(TARGETS mast RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT mast)
install(FILES ${MAST_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT mast)
install(FILES ${MAST_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions
        COMPONENT mast)
install(FILES ${MAST_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/fish/vendor_completions.d
        COMPONENT mast)
install(FILES README.md CHANGELOG.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT mast)
# zsh's directory depends on the prefix chosen at install time (cpack
# installs with /usr, `cmake --install` defaults to /usr/local), so it is
# decided then. file(INSTALL) adds $DESTDIR itself.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(mast_zsh_dir vendor-completions)
  else()
    set(mast_zsh_dir site-functions)
  endif()
  file(INSTALL \"${MAST_ZSH_COMPLETION}\"
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATAROOTDIR}/zsh/\${mast_zsh_dir}\")
" COMPONENT mast)

# ---- cpack -G DEB -----------------------------------------------------------
set(CPACK_PACKAGE_NAME mast)
set(CPACK_PACKAGE_VENDOR "The Mast authors")
set(CPACK_PACKAGE_CONTACT "The Mast authors <mast@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "typed configuration language and strict checker for Kubernetes")
set(CPACK_PACKAGE_DESCRIPTION
    "Mast compiles typed .mast programs to Kubernetes YAML, validates Kubernetes YAML as strictly as the API server, \
lints both with policies written in Mast, and serves the same diagnostics to editors as a language server.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL mast)
set(CPACK_DEB_COMPONENT_INSTALL OFF)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/mast-lang/mast")
# Depends: computed by dpkg-shlibdeps from the libraries the binary links
# (a static build depends on nothing).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Only the `mast` component: tests and tools of the build are not packaged.
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};${PROJECT_NAME};mast;/")
include(CPack)
