#include "policies/peer_checks.h"

namespace mast {
namespace {

// Notes shared by several checks.
constexpr std::string_view kDefaultRolesExempt =
    "judged at the binding; bindings to the default `admin` and `edit` ClusterRoles are exempt (Polaris looks them up "
    "in the cluster), since binding them is the documented way to give a team its namespace";
constexpr std::string_view kBindingJudgedByRole =
    "judged by the role it grants, when the role is in the input: a binding's `system:` name does not exempt it, and a "
    "binding to a role that is not in the input is left to `rbac-binding-role-missing`";
constexpr std::string_view kClusterAdminEquivalent =
    "a binding to a role of the input that grants every verb on every resource of every API group counts as "
    "`cluster-admin`";
constexpr std::string_view kOneReplicaDefault =
    "a StatefulSet without `replicas` runs one replica, the API default, and is not judged; kube-score judges it";
constexpr std::string_view kPullPolicy =
    "Mast asks for `Always` only where the tag can move; a pinned version or a digest gains nothing from a pull on "
    "every start (https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy)";
constexpr std::string_view kEqualLimits =
    "off by default, as in kube-score: the Guaranteed QoS class is a choice per workload; the `resources` parameter "
    "picks the resources to compare";
constexpr std::string_view kReadiness =
    "asked only of the containers a Service in the input sends traffic to, as kube-score does: readiness only decides "
    "Service endpoints";

constexpr PeerCheck kPeerChecks[] = {
    // Polaris: pkg/config/default.yaml, reliability, efficiency and security.
    {"Polaris", "deploymentMissingReplicas", "availability-replicas-low",
     "a Deployment that an autoscaler scales is judged by the autoscaler's `minReplicas`, and need not set `replicas`"},
    {"Polaris", "priorityClassNotSet", "workload-priority-class-missing",
     "off by default: priority classes are a cluster-wide policy that many clusters do not define"},
    {"Polaris", "tagNotSpecified", "image-latest-tag", ""},
    {"Polaris", "pullPolicyNotAlways", "image-pull-policy-inconsistent", kPullPolicy},
    {"Polaris", "readinessProbeMissing", "probe-readiness-missing", kReadiness},
    {"Polaris", "livenessProbeMissing", "probe-liveness-missing", ""},
    {"Polaris", "metadataAndInstanceMismatched", "",
     "no rule: comparing `app.kubernetes.io/instance` with the object's name is a Helm naming convention, not a "
     "Kubernetes requirement; write a custom policy if you follow it"},
    {"Polaris", "pdbDisruptionsIsZero", "pdb-zero-disruptions", ""},
    {"Polaris", "missingPodDisruptionBudget", "availability-pdb-missing",
     "any budget that selects the pods counts, whatever its name (Polaris wants `<name>-pdb`), and only workloads of two "
     "replicas or more are judged"},
    {"Polaris", "topologySpreadConstraint", "availability-spread-missing",
     "pod anti-affinity satisfies the rule as well as topology spread constraints, and only workloads of two replicas "
     "or more are judged"},
    {"Polaris", "hpaMaxAvailability", "hpa-replicas-invalid", ""},
    {"Polaris", "hpaMinAvailability", "hpa-min-replicas-low", ""},
    {"Polaris", "pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas", "pdb-blocks-autoscaler-minimum", ""},
    {"Polaris", "cpuRequestsMissing", "resources-requests-missing", ""},
    {"Polaris", "cpuLimitsMissing", "resources-cpu-limit-missing",
     "off by default: a CPU limit throttles a container even when the node has idle CPU, and the request already "
     "guarantees its share"},
    {"Polaris", "memoryRequestsMissing", "resources-requests-missing", ""},
    {"Polaris", "memoryLimitsMissing", "resources-memory-limit-missing",
     "init containers are checked too: their limits bound them while they run"},
    {"Polaris", "automountServiceAccountToken", "security-service-account-token-automount", ""},
    {"Polaris", "hostIPCSet", "security-host-namespaces", ""},
    {"Polaris", "hostPathSet", "security-host-path-volume, security-host-path-sensitive, security-host-path-writable",
     "every `hostPath` volume is reported at info (the Baseline Pod Security Standard forbids them all); sensitive "
     "paths are also errors and writable mounts warnings"},
    {"Polaris", "hostProcess", "security-windows-host-process", ""},
    {"Polaris", "hostPIDSet", "security-host-namespaces", ""},
    {"Polaris", "linuxHardening", "security-seccomp-unset, security-capabilities-not-dropped, security-capabilities-drop-all",
     "Mast asks for a seccomp profile and for `drop: [ALL]` separately; an AppArmor or SELinux profile alone does not "
     "satisfy them, since `RuntimeDefault` seccomp costs nothing"},
    {"Polaris", "missingNetworkPolicy", "network-policy-missing",
     "a direction listed in `policyTypes` counts as restricted also without rules for it: that is the documented "
     "default-deny policy, which Polaris reports"},
    {"Polaris", "notReadOnlyRootFilesystem", "security-read-only-root-filesystem", ""},
    {"Polaris", "privilegeEscalationAllowed", "security-privilege-escalation",
     "`allowPrivilegeEscalation` is read from the container only: the pod's securityContext has no such field"},
    {"Polaris", "procMount", "security-proc-mount-unmasked", ""},
    {"Polaris", "runAsRootAllowed", "security-run-as-root", ""},
    {"Polaris", "runAsPrivileged", "security-privileged", ""},
    {"Polaris", "dangerousCapabilities", "security-capabilities-dangerous", ""},
    {"Polaris", "insecureCapabilities", "security-capabilities-not-dropped, security-capabilities-drop-all",
     "only `drop: [ALL]` satisfies the rules, as the Restricted Pod Security Standard asks; Polaris also accepts a list "
     "of the capabilities it names"},
    {"Polaris", "hostNetworkSet", "security-host-namespaces", ""},
    {"Polaris", "hostPortSet", "security-host-port", ""},
    {"Polaris", "tlsSettingsMissing", "ingress-tls-missing", ""},
    {"Polaris", "sensitiveContainerEnvVar", "secrets-literal-value",
     "Mast reports the literal values that look like credentials; a `secretKeyRef` is fine (see "
     "`secrets-env-secret-key-ref` for files over variables)"},
    {"Polaris", "sensitiveConfigmapContent", "secrets-literal-value", ""},
    {"Polaris", "clusterrolePodExecAttach", "rbac-pod-exec",
     "a `system:` ClusterRole in the input is judged like any other: Kubernetes' own are not in application manifests"},
    {"Polaris", "rolePodExecAttach", "rbac-pod-exec", ""},
    {"Polaris", "clusterrolebindingPodExecAttach", "rbac-binding-sensitive-grant", kBindingJudgedByRole},
    {"Polaris", "rolebindingClusterRolePodExecAttach", "rbac-binding-sensitive-grant", kDefaultRolesExempt},
    {"Polaris", "rolebindingRolePodExecAttach", "rbac-binding-sensitive-grant", ""},
    {"Polaris", "clusterrolebindingClusterAdmin", "rbac-cluster-admin-binding", kClusterAdminEquivalent},
    {"Polaris", "rolebindingClusterAdminClusterRole", "rbac-cluster-admin-binding", kClusterAdminEquivalent},
    {"Polaris", "rolebindingClusterAdminRole", "rbac-cluster-admin-binding", kClusterAdminEquivalent},

    // kube-linter: docs/generated/checks.md.
    {"kube-linter", "access-to-create-pods", "rbac-pod-create, rbac-binding-sensitive-grant",
     "Mast reports `create` on pods; `create` on Deployments, Jobs and other workloads is the everyday permission of a "
     "deployer, so it is not reported"},
    {"kube-linter", "access-to-secrets", "rbac-secrets-read, rbac-binding-sensitive-grant",
     "Mast reports reading (`get`, `list`, `watch`); creating or deleting a Secret does not reveal one"},
    {"kube-linter", "cluster-admin-role-binding", "rbac-cluster-admin-binding", ""},
    {"kube-linter", "dangling-horizontalpodautoscaler", "hpa-target-missing", ""},
    {"kube-linter", "dangling-ingress", "ingress-backend-service-missing", ""},
    {"kube-linter", "dangling-networkpolicy", "network-policy-selects-nothing", ""},
    {"kube-linter", "dangling-networkpolicypeer-podselector", "network-policy-peer-selects-nothing",
     "peers with a `namespaceSelector` are not judged: their pods are often in other inputs"},
    {"kube-linter", "dangling-service", "service-selector-no-match", ""},
    {"kube-linter", "dangling-servicemonitor", "",
     "no rule: ServiceMonitor is a Prometheus Operator custom resource, and the built-in rules cover Kubernetes kinds; "
     "a custom policy can check it with `objectsWhere`"},
    {"kube-linter", "default-service-account", "service-account-default", "off by default, as in kube-linter"},
    {"kube-linter", "deprecated-service-account-field", "service-account-deprecated-field", ""},
    {"kube-linter", "dnsconfig-options", "",
     "no rule: the `ndots` option it asks for is DNS tuning, not a defect; the schema check validates `dnsPolicy` and "
     "`dnsConfig` (E0712)"},
    {"kube-linter", "docker-sock", "security-container-runtime-socket",
     "covers the containerd and CRI-O sockets as well as Docker's"},
    {"kube-linter", "drop-net-raw-capability", "security-capabilities-not-dropped",
     "a container without a `capabilities` block is judged too: the runtime's defaults include `NET_RAW`"},
    {"kube-linter", "duplicate-env-var", "env-duplicate-name", ""},
    {"kube-linter", "env-var-secret", "secrets-literal-value", ""},
    {"kube-linter", "exposed-services", "service-exposed-type", ""},
    {"kube-linter", "host-ipc", "security-host-namespaces", ""},
    {"kube-linter", "host-network", "security-host-namespaces", ""},
    {"kube-linter", "host-pid", "security-host-namespaces", ""},
    {"kube-linter", "hpa-minimum-three-replicas", "hpa-min-replicas-low",
     "Mast's default minimum is 2, as in Polaris and kube-score; set the `minimum` parameter to 3 for kube-linter's"},
    {"kube-linter", "invalid-target-ports", "",
     "no policy rule: the schema check reports invalid port names (E0720) and out-of-range ports (E0719) in every run"},
    {"kube-linter", "job-ttl-seconds-after-finished", "job-ttl-missing, cronjob-job-ttl-missing",
     "kube-linter asks CronJob templates not to set a TTL; Mast's opt-in `cronjob-job-ttl-missing` asks for one where "
     "finished Jobs must expire, and is off by default because the history limits already clean up"},
    {"kube-linter", "latest-tag", "image-latest-tag", ""},
    {"kube-linter", "liveness-port", "probe-port-undeclared, probe-port-udp", ""},
    {"kube-linter", "minimum-three-replicas", "availability-replicas-low",
     "Mast's default minimum is 2; set the `minReplicas` parameter to 3 for kube-linter's"},
    {"kube-linter", "mismatching-selector", "labels-selector-mismatch", ""},
    {"kube-linter", "no-anti-affinity", "availability-spread-missing, anti-affinity-selector-mismatch",
     "topology spread constraints satisfy the rule as well as anti-affinity, and an anti-affinity that does not select "
     "the pod's own labels is reported"},
    {"kube-linter", "no-extensions-v1beta", "api-version-removed",
     "Mast reports every API version the target Kubernetes release no longer serves, not only `extensions/v1beta1`"},
    {"kube-linter", "no-liveness-probe", "probe-liveness-missing", ""},
    {"kube-linter", "no-node-affinity", "",
     "no rule: node affinity depends on the labels of a particular cluster's nodes; most workloads need none"},
    {"kube-linter", "no-read-only-root-fs", "security-read-only-root-filesystem", ""},
    {"kube-linter", "no-readiness-probe", "probe-readiness-missing", kReadiness},
    {"kube-linter", "no-rolling-update-strategy", "deployment-update-strategy",
     "reported only for Deployments a Service sends traffic to, as kube-score does; a singleton worker may need "
     "`Recreate`"},
    {"kube-linter", "non-existent-service-account", "reference-service-account-missing",
     "off by default: ServiceAccounts are often created outside the application's manifests"},
    {"kube-linter", "non-isolated-pod", "network-policy-missing",
     "Mast asks that the policies restrict both ingress and egress, as Polaris and kube-score do; kube-linter accepts "
     "any policy that selects the pods"},
    {"kube-linter", "pdb-max-unavailable", "pdb-zero-disruptions", ""},
    {"kube-linter", "pdb-min-available", "pdb-zero-disruptions", ""},
    {"kube-linter", "pdb-unhealthy-pod-eviction-policy", "pdb-unhealthy-eviction-policy-unset",
     "off by default: the default policy is safe for pods that must not be evicted before they are ready"},
    {"kube-linter", "priority-class-name", "",
     "no rule: kube-linter accepts only the priority classes its `acceptedPriorityClassNames` parameter lists (by "
     "default the two `system-` ones) and never asks for one to be set; which classes a cluster allows is its own "
     "policy, a custom policy in a few lines. `workload-priority-class-missing` asks for one to be set, as Polaris "
     "does"},
    {"kube-linter", "privilege-escalation-container", "security-privilege-escalation",
     "a container that leaves `allowPrivilegeEscalation` unset is reported too, as the Restricted Pod Security Standard "
     "asks; kube-linter reports only `true`"},
    {"kube-linter", "privileged-container", "security-privileged", ""},
    {"kube-linter", "privileged-ports", "security-privileged-port", "off by default, as in kube-linter"},
    {"kube-linter", "read-secret-from-env-var", "secrets-env-secret-key-ref", "off by default, as in kube-linter"},
    {"kube-linter", "readiness-port", "probe-port-undeclared, probe-port-udp", ""},
    {"kube-linter", "required-annotation-email", "",
     "no rule: a required annotation is an organisation's convention; a custom policy expresses it in a few lines "
     "(see docs/linting.md)"},
    {"kube-linter", "required-label-owner", "labels-required-missing", "set the `labels` parameter to `[owner]`"},
    {"kube-linter", "restart-policy", "",
     "no policy rule: the schema check rejects a `restartPolicy` the workload kind does not allow (E0709)"},
    {"kube-linter", "run-as-non-root", "security-run-as-root", ""},
    {"kube-linter", "scc-deny-privileged-container", "",
     "no rule: SecurityContextConstraints are an OpenShift kind; the pods themselves are checked by "
     "`security-privileged`"},
    {"kube-linter", "sensitive-host-mounts", "security-host-path-sensitive",
     "paths below a sensitive directory (`/etc/kubernetes`) are reported too"},
    {"kube-linter", "ssh-port", "ssh-port", ""},
    {"kube-linter", "startup-port", "probe-port-undeclared, probe-port-udp", ""},
    {"kube-linter", "unsafe-proc-mount", "security-proc-mount-unmasked", ""},
    {"kube-linter", "unsafe-sysctls", "security-unsafe-sysctls",
     "Mast's safe set is the one Kubernetes documents, not kube-linter's prefixes: `net.ipv4.ip_local_port_range` is "
     "safe, `vm.swappiness` is not"},
    {"kube-linter", "unset-cpu-requirements", "resources-requests-missing, resources-cpu-limit-missing", ""},
    {"kube-linter", "unset-ephemeral-storage-requirements", "resources-ephemeral-storage-missing", ""},
    {"kube-linter", "unset-memory-requirements", "resources-requests-missing, resources-memory-limit-missing", ""},
    {"kube-linter", "use-namespace", "namespace-default", ""},
    {"kube-linter", "wildcard-in-rules", "rbac-wildcard", ""},
    {"kube-linter", "writable-host-mount", "security-host-path-writable", ""},
    {"kube-linter", "sorted-keys", "",
     "no rule: key order is style, not meaning; Mast writes YAML in a stable order and `mast fmt` formats Mast sources"},
    {"kube-linter", "schema-validation", "",
     "no policy rule: `mast check` validates every object against the OpenAPI schema of the target Kubernetes release "
     "before the policies run"},

    // kube-score: README_CHECKS.md.
    {"kube-score", "deployment-strategy", "deployment-update-strategy", ""},
    {"kube-score", "deployment-replicas", "availability-replicas-low",
     "every Deployment is judged, as in Polaris and kube-linter; kube-score judges only those a Service targets"},
    {"kube-score", "ingress-targets-service", "ingress-backend-service-missing", ""},
    {"kube-score", "cronjob-has-deadline", "cronjob-starting-deadline-missing", ""},
    {"kube-score", "cronjob-restartpolicy", "",
     "no policy rule: the schema check rejects a Job template whose `restartPolicy` is not `OnFailure` or `Never` "
     "(E0709)"},
    {"kube-score", "container-resources", "resources-requests-missing, resources-memory-limit-missing, "
                                          "resources-cpu-limit-missing",
     "the CPU limit rule is off by default (see `resources-cpu-limit-missing`); a limit alone counts as the request, "
     "as Kubernetes sets it"},
    {"kube-score", "container-resource-requests-equal-limits", "resources-requests-equal-limits", kEqualLimits},
    {"kube-score", "container-cpu-requests-equal-limits", "resources-requests-equal-limits", kEqualLimits},
    {"kube-score", "container-memory-requests-equal-limits", "resources-requests-equal-limits", kEqualLimits},
    {"kube-score", "container-image-tag", "image-latest-tag", ""},
    {"kube-score", "container-image-pull-policy", "image-pull-policy-inconsistent", kPullPolicy},
    {"kube-score", "container-ephemeral-storage-request-and-limit", "resources-ephemeral-storage-missing",
     "off by default: most containers write little, and a wrong limit gets a pod evicted"},
    {"kube-score", "container-ephemeral-storage-request-equals-limit", "resources-requests-equal-limits", kEqualLimits},
    {"kube-score", "container-ports-check", "",
     "no policy rule: the schema check reports invalid or duplicate port names and numbers (E0720, E0722, E0719)"},
    {"kube-score", "environment-variable-key-duplication", "env-duplicate-name", ""},
    {"kube-score", "statefulset-has-poddisruptionbudget", "availability-pdb-missing", kOneReplicaDefault},
    {"kube-score", "deployment-has-poddisruptionbudget", "availability-pdb-missing", ""},
    {"kube-score", "poddisruptionbudget-has-policy", "pdb-policy-missing", ""},
    {"kube-score", "pod-networkpolicy", "network-policy-missing", ""},
    {"kube-score", "networkpolicy-targets-pod", "network-policy-selects-nothing", ""},
    {"kube-score", "pod-probes", "probe-readiness-missing, probe-liveness-equals-readiness",
     "a missing liveness probe is a suggestion in kube-score (grade AlmostOK, not reported), as in Mast, where "
     "`probe-liveness-missing` is info; kube-score also counts a pod with a `serviceAccountName` as behind a Service, "
     "Mast only the pods a Service selects"},
    {"kube-score", "pod-probes-identical", "probe-liveness-equals-readiness", ""},
    {"kube-score", "container-security-context-user-group-id",
     "security-run-as-root, security-run-as-group-root, security-user-group-id-low",
     "the 10000 minimum is opt-in (`security-user-group-id-low`): the Pod Security Standards ask only for a non-root "
     "user"},
    {"kube-score", "container-security-context-privileged", "security-privileged", ""},
    {"kube-score", "container-security-context-readonlyrootfilesystem", "security-read-only-root-filesystem", ""},
    {"kube-score", "container-seccomp-profile", "security-seccomp-unset",
     "Mast reads the `seccompProfile` field; kube-score reads only the seccomp annotation, which has no effect since "
     "Kubernetes 1.27"},
    {"kube-score", "service-targets-pod", "service-selector-no-match", ""},
    {"kube-score", "service-type", "service-exposed-type",
     "reported as info for `NodePort` and `LoadBalancer`: exposing a Service can be deliberate"},
    {"kube-score", "stable-version", "api-version-removed",
     "Mast reports the API versions the target release no longer serves, as errors; a deprecated version that is "
     "still served works, so it is not reported until the target release removes it"},
    {"kube-score", "deployment-has-host-podantiaffinity", "availability-spread-missing, anti-affinity-selector-mismatch",
     ""},
    {"kube-score", "statefulset-has-host-podantiaffinity", "availability-spread-missing, anti-affinity-selector-mismatch",
     kOneReplicaDefault},
    {"kube-score", "deployment-targeted-by-hpa-does-not-have-replicas-configured", "hpa-replicas-conflict", ""},
    {"kube-score", "statefulset-has-servicename", "statefulset-service-not-headless",
     "a Service that is not in the input is not reported"},
    {"kube-score", "deployment-pod-selector-labels-match-template-metadata-labels", "labels-selector-mismatch", ""},
    {"kube-score", "statefulset-pod-selector-labels-match-template-metadata-labels", "labels-selector-mismatch", ""},
    {"kube-score", "label-values", "labels-invalid", ""},
    {"kube-score", "horizontalpodautoscaler-has-target", "hpa-target-missing", ""},
    {"kube-score", "horizontalpodautoscaler-replicas", "hpa-min-replicas-low", ""},
    {"kube-score", "pod-topology-spread-constraints", "",
     "no rule: kube-score validates the fields of the constraints a pod sets (a `labelSelector`, `maxSkew` of at least 1, "
     "a `topologyKey`, a known `whenUnsatisfiable`), which the API server checks when the object is applied; pods "
     "without constraints pass it. `availability-spread-missing` asks that replicas be spread at all"},
};

// Measured by tests/policies/policy_peer_agreement_test.cpp, which fails
// when these are not the current figures: {tool, checks, cases, agreeing,
// deliberate differences, agreeing before}.
constexpr PeerAgreement kPeerAgreements[] = {
    {"Polaris", 42, 165, 165, 16, 157},
    {"kube-linter", 53, 161, 161, 15, 156},
    {"kube-score", 36, 117, 117, 11, 113},
};

}  // namespace

std::span<const PeerCheck> PeerChecks() { return kPeerChecks; }

const PeerCheck* FindPeerCheck(std::string_view tool, std::string_view check) {
  for (const PeerCheck& entry : kPeerChecks) {
    if (entry.tool == tool && entry.check == check) return &entry;
  }
  return nullptr;
}

std::span<const PeerAgreement> PeerAgreements() { return kPeerAgreements; }

const PeerAgreement* FindPeerAgreement(std::string_view tool) {
  for (const PeerAgreement& entry : kPeerAgreements) {
    if (entry.tool == tool) return &entry;
  }
  return nullptr;
}

std::vector<std::string_view> RulesOf(const PeerCheck& check) {
  std::vector<std::string_view> out;
  std::string_view rules = check.rules;
  while (!rules.empty()) {
    size_t comma = rules.find(", ");
    out.push_back(rules.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rules.remove_prefix(comma + 2);
  }
  return out;
}

}  // namespace mast
