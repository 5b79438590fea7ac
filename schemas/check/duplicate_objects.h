// Two objects with the same identity in one input: the same API group,
// kind, namespace and name in one YAML stream or one Mast program's output.
// The API server keeps only the last one applied, so the first is silently
// lost; `mast build`, `mast check` and the editor report it (E0510) at the
// second definition, with a label at the first. Objects of different inputs
// are not compared: separate files are often separate environments, a
// Kustomize patch of a base object, or the committed output of a .mast file.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "schemas/check/check.h"

namespace mast {

// An unset namespace reads as `default_namespace`. Objects named by
// generateName, or without a kind or a name, are left out.
void ReportDuplicateObjects(const std::vector<CheckedObject>& objects, DiagnosticSink& sink,
                            std::string_view default_namespace = "default");

}  // namespace mast
