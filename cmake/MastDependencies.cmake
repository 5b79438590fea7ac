# Finds every third-party library once and wraps it in a target with a
# stable name. See ../shared notes in docs/architecture.md for the versions.
find_package(yaml-cpp 0.7 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)
find_package(antlr4-runtime 4.9 REQUIRED)
find_program(ANTLR4_TOOL antlr4 REQUIRED)

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
