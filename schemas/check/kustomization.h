// Validating a kustomization.yaml (Kustomize's own file, not a Kubernetes
// object) against Kustomize's schema: the fields of
// kustomize.config.k8s.io/v1beta1 Kustomization and v1alpha1 Component, the
// shape of each (list, mapping or string), and that the local files and
// directories it names exist. Remote resources (URLs, `github.com/...`) are
// not fetched.
//
// Codes: E0801 unknown field (with "did you mean"), E0802 wrong shape,
// E0803 a named path that does not exist (or a directory without a
// kustomization), E0804 apiVersion or kind not Kustomize's.
#pragma once

#include <string>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {

// Validates one document of the kustomization file at `path`; paths in it
// are resolved against the file's directory.
void ValidateKustomization(const Value& document, const std::string& path, DiagnosticSink& sink);

// Whether a Kustomize directory holds a kustomization file.
bool HasKustomizationFile(const std::string& directory);

}  // namespace mast
