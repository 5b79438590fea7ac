# Finds every third-party library once and wraps it in a target with a
# stable name. See ../shared notes in docs/architecture.md for the versions.
# A static build (-DMAST_STATIC=ON) finds the .a files that the Debian -dev
# packages ship instead of the shared libraries.
if(MAST_STATIC)
  set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
endif()
find_package(yaml-cpp 0.7 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)
find_package(antlr4-runtime 4.9 REQUIRED)
find_program(ANTLR4_TOOL antlr4 REQUIRED)
# Deflates the descriptions of the embedded Kubernetes catalog.
find_package(ZLIB REQUIRED)

if(TARGET yaml-cpp::yaml-cpp)
  set(MAST_YAML_CPP_TARGET yaml-cpp::yaml-cpp)
else()
  set(MAST_YAML_CPP_TARGET yaml-cpp)
endif()

# The ANTLR targets carry no include directory; add it as SYSTEM so its
# headers' warnings stay out of our builds.
add_library(mast_antlr4_runtime INTERFACE)
target_include_directories(mast_antlr4_runtime SYSTEM INTERFACE ${ANTLR4_INCLUDE_DIR})
target_link_libraries(mast_antlr4_runtime INTERFACE antlr4_static)

# clang cannot compile misc/InterpreterDataReader.h from ANTLR 4.9 (it calls a
# constructor that clang treats as deleted; g++ accepts it). Nothing of ours
# uses that header, so clang builds (the fuzzers) see a copy of
# antlr4-runtime.h without it.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  set(MAST_ANTLR_SHIM ${CMAKE_BINARY_DIR}/antlr4-clang-shim)
  file(READ ${ANTLR4_INCLUDE_DIR}/antlr4-runtime.h MAST_ANTLR_HEADER)
  string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "" MAST_ANTLR_HEADER "${MAST_ANTLR_HEADER}")
  file(WRITE ${MAST_ANTLR_SHIM}/antlr4-runtime.h "${MAST_ANTLR_HEADER}")
  target_include_directories(mast_antlr4_runtime SYSTEM BEFORE INTERFACE ${MAST_ANTLR_SHIM})
endif()
