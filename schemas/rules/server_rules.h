// Server-side rules: the checks the Kubernetes API server runs when an object
// is created that its OpenAPI schema does not express (the hand-written
// validation in k8s.io/kubernetes/pkg/apis/*/validation and
// k8s.io/apimachinery/pkg/api/validation). The schema validator
// (schemas/kube_catalog.h, E0501-E0506) checks types and fields; these rules
// check what the server would still reject: name syntax, enums, port ranges,
// duplicate names, selectors that do not match, requests above limits, cron
// schedules and more (E0701-E0746).
//
// The rules mirror the server exactly and err on the side of silence: a value
// the server would accept is never reported, a value of the wrong type is left
// to the schema validator, and a field the server defaults is judged after
// defaulting (an unset `restartPolicy` is `Always`).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {

struct ServerRuleOptions {
  // Service `nodePort` values must lie in the API server's
  // --service-node-port-range. Set node_port_max to 0 to accept any port
  // number (1-65535).
  int64_t node_port_min = 30000;
  int64_t node_port_max = 32767;
  // Environment variable names (and envFrom prefixes). Kubernetes 1.32 and
  // later (RelaxedEnvironmentVariableValidation, GA in 1.34) accept any
  // printable ASCII except '='; older servers require
  // [-._a-zA-Z][-._a-zA-Z0-9]*. The default is the relaxed rule, so that no
  // name a current server accepts is reported; set this for older clusters.
  bool strict_env_var_names = false;
};

// A rule, for documentation and `mast check --list-rules`.
struct ServerRuleInfo {
  DiagnosticCode code;
  std::string_view id;       // "E0701"
  std::string_view name;     // "k8s-invalid-object-name"
  std::string_view title;    // one line: what the rule checks
  std::string_view mirrors;  // the Kubernetes validation it reproduces
};

// Runs every rule that applies to the object's kind. `object` is a whole
// top-level Kubernetes object whose apiVersion and kind the caller has already
// found valid (for instance with KubeCatalog::ValidateResource). Findings
// point at the origin (or, for maps and lists, the key range) of the offending
// value and carry an "at `spec.template...`" note.
void CheckServerRules(const Value& object, std::string_view api_version, std::string_view kind, DiagnosticSink& sink,
                      const ServerRuleOptions& options = {});

// Every rule, in code order.
const std::vector<ServerRuleInfo>& AllServerRules();

}  // namespace mast
