# The vendored Kubernetes OpenAPI specs (third_party/kubernetes-openapi):
# unpacks the archive into the build tree at configure time and checks every
# file against SHA256SUMS, so a corrupt or edited spec fails the build.
#
# Sets:
#   MAST_K8S_RELEASES           1.28;1.29;...  oldest first
#   MAST_K8S_SPEC_FILES         the unpacked swagger-1.NN.json files
#   MAST_K8S_RELEASE_ARGUMENTS  1.28=<file>;... for kube_schema_gen
set(MAST_K8S_VENDOR_DIR ${PROJECT_SOURCE_DIR}/third_party/kubernetes-openapi)
set(MAST_K8S_ARCHIVE ${MAST_K8S_VENDOR_DIR}/kubernetes-openapi-1.28-1.36.tar.xz)
set(MAST_K8S_ARCHIVE_SHA256 46e776a6ec7be3e6078cb37fec8968a3fca38b173e80c6e63f8f84f2c3cac4c9)
set(MAST_K8S_SPEC_DIR ${CMAKE_BINARY_DIR}/kubernetes-openapi)

file(SHA256 ${MAST_K8S_ARCHIVE} archive_sha256)
if(NOT archive_sha256 STREQUAL MAST_K8S_ARCHIVE_SHA256)
  message(FATAL_ERROR "${MAST_K8S_ARCHIVE} has sha256 ${archive_sha256}, expected ${MAST_K8S_ARCHIVE_SHA256}; "
                      "restore it with git, or refresh it with scripts/refresh-k8s-specs.sh")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${MAST_K8S_ARCHIVE} ${MAST_K8S_VENDOR_DIR}/SHA256SUMS)

file(STRINGS ${MAST_K8S_VENDOR_DIR}/SHA256SUMS sum_lines)
set(stamp ${MAST_K8S_SPEC_DIR}/.unpacked-${MAST_K8S_ARCHIVE_SHA256})
if(NOT EXISTS ${stamp})
  file(REMOVE_RECURSE ${MAST_K8S_SPEC_DIR})
  file(MAKE_DIRECTORY ${MAST_K8S_SPEC_DIR})
  file(ARCHIVE_EXTRACT INPUT ${MAST_K8S_ARCHIVE} DESTINATION ${MAST_K8S_SPEC_DIR})
endif()

set(MAST_K8S_RELEASES "")
set(MAST_K8S_SPEC_FILES "")
set(MAST_K8S_RELEASE_ARGUMENTS "")
foreach(line ${sum_lines})
  if(NOT line MATCHES "^([0-9a-f]+)  swagger-([0-9]+\\.[0-9]+)\\.json$")
    message(FATAL_ERROR "unexpected line in ${MAST_K8S_VENDOR_DIR}/SHA256SUMS: ${line}")
  endif()
  set(expected ${CMAKE_MATCH_1})
  set(release ${CMAKE_MATCH_2})
  set(spec ${MAST_K8S_SPEC_DIR}/swagger-${release}.json)
  if(NOT EXISTS ${spec})
    message(FATAL_ERROR "${MAST_K8S_ARCHIVE} has no swagger-${release}.json")
  endif()
  file(SHA256 ${spec} actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${spec} has sha256 ${actual}, expected ${expected} (SHA256SUMS)")
  endif()
  list(APPEND MAST_K8S_RELEASES ${release})
  list(APPEND MAST_K8S_SPEC_FILES ${spec})
  list(APPEND MAST_K8S_RELEASE_ARGUMENTS ${release}=${spec})
endforeach()
file(TOUCH ${stamp})
list(LENGTH MAST_K8S_RELEASES release_count)
if(release_count EQUAL 0)
  message(FATAL_ERROR "${MAST_K8S_VENDOR_DIR}/SHA256SUMS lists no spec")
endif()
