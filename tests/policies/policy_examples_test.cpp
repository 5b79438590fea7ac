// Every built-in rule documents itself and proves its examples: its failing
// example yields a finding of that rule, on the line the finding is about,
// and its passing example yields none. The examples are the ones printed in
// docs/rules.md, so the reference cannot drift from what the rules do.
#include <regex>
#include <set>

#include "policy_test_util.h"
#include "schemas/check/removed_apis.h"

namespace mast {
namespace {

using testing::Linter;
using testing::NotFindings;
using testing::OfRule;

// For every built-in rule: the line of its first finding on the failing
// example, with the finding's range marked `[[...]]`. This is what "the
// finding points at the right place" means for each rule: the smallest span
// that shows the problem (policies/anchor.h), at the right line, column and
// end. A new rule needs an entry.
const std::map<std::string, std::string>& ExpectedSpans() {
  static const std::map<std::string, std::string> kSpans = {
      // probes
      {"probe-readiness-missing", "      - [[name: web]]"},
      {"probe-liveness-missing", "  - [[name: worker]]"},
      {"probe-liveness-equals-readiness", "        [[livenessProbe: { httpGet: { path: /health, port: 8080 } }]]"},
      {"probe-port-undeclared", "        readinessProbe: { httpGet: { path: /, [[port: 8080]] } }"},
      {"probe-port-udp", "        livenessProbe: { tcpSocket: { [[port: syslog]] } }"},
      // resources
      {"resources-requests-missing", "        [[resources]]:"},
      {"resources-memory-limit-missing", "        [[resources]]:"},
      {"resources-cpu-limit-missing", "      [[limits: { memory: 1Gi }]]"},
      {"resources-requests-exceed-limits", "          requests: { [[cpu: 1500m]], memory: 2Gi }"},
      {"resources-ephemeral-storage-missing", "      [[requests: { cpu: \"1\", memory: 1Gi }]]"},
      {"resources-requests-equal-limits", "      requests: { [[cpu: 500m]], memory: 1Gi }"},
      // images
      {"image-latest-tag", "        [[image: nginx:latest]]"},
      {"image-digest-missing", "    [[image: nginx:1.27.2]]"},
      {"image-registry-not-allowed", "    [[image: docker.io/library/nginx:1.27.2]]"},
      {"image-pull-policy-inconsistent", "        [[imagePullPolicy: IfNotPresent]]"},
      // labels and metadata
      {"labels-required-missing", "  [[labels: { team: storefront }]]"},
      {"labels-selector-mismatch", "  [[selector]]:"},
      {"labels-invalid", "  labels: { app: billing, [[version: 1.0]] }"},
      {"namespace-default", "metadata: { name: web, [[namespace: default]] }"},
      // security
      {"security-privileged", "          [[privileged: true]]"},
      {"security-privilege-escalation", "    [[securityContext]]:"},
      {"security-run-as-root", "        [[runAsUser: 0]]"},
      {"security-read-only-root-filesystem", "      [[readOnlyRootFilesystem: false]]"},
      {"security-capabilities-dangerous", "        add: [[[SYS_PTRACE]]]"},
      {"security-capabilities-not-dropped", "            [[drop: [MKNOD]]]"},
      {"security-host-namespaces", "      [[hostPID: true]]"},
      {"security-host-port", "      [[hostPort: 80]]"},
      {"security-host-path-sensitive", "    hostPath: { [[path: /etc]] }"},
      {"security-host-path-writable", "        - [[name: logs]]"},
      {"security-container-runtime-socket", "    hostPath: { [[path: /var/run/docker.sock]], type: Socket }"},
      {"security-seccomp-unset", "      [[securityContext]]:"},
      {"security-unsafe-sysctls", "        - { [[name: kernel.msgmax]], value: \"65536\" }"},
      {"security-proc-mount-unmasked", "      [[procMount: Unmasked]]"},
      {"security-service-account-token-automount", "    [[spec]]:"},
      {"security-host-path-volume", "    [[hostPath: { path: /srv/cache }]]"},
      {"security-windows-host-process", "      [[hostProcess: true]]"},
      {"security-capabilities-drop-all", "        [[drop: [NET_RAW]]]"},
      {"security-run-as-group-root", "    [[runAsGroup: 0]]"},
      {"security-user-group-id-low", "    [[runAsUser: 1000]]"},
      {"security-privileged-port", "    - [[containerPort: 80]]"},
      {"security-capabilities-restricted", "        add: [[[NET_RAW]]]"},
      {"security-volume-types-restricted", "    [[nfs: { server: nfs.example.internal, path: /exports/reports }]]"},
      {"security-selinux-options", "    seLinuxOptions: { [[type: spc_t]] }"},
      {"security-apparmor-unconfined", "      appArmorProfile: { [[type: Unconfined]] }"},
      // workloads
      {"workload-priority-class-missing", "    [[spec]]:"},
      {"service-account-default", "    [[spec]]:"},
      {"service-account-deprecated-field", "      [[serviceAccount: api]]"},
      {"deployment-update-strategy", "  strategy: { [[type: Recreate]] }"},
      {"statefulset-service-not-headless", "  [[serviceName: db]]"},
      {"anti-affinity-selector-mismatch", "              [[labelSelector: { matchLabels: { app: frontend } }]]"},
      // secrets
      {"secrets-literal-value", "          [[value: hunter2-prod]]"},
      {"secrets-env-secret-key-ref", "        [[secretKeyRef: { name: orders-db, key: password }]]"},
      // availability
      {"availability-replicas-low", "  [[replicas: 1]]"},
      {"availability-pdb-missing", "  [[replicas: 3]]"},
      {"pdb-zero-disruptions", "  [[maxUnavailable: 0]]"},
      {"availability-spread-missing", "  [[replicas: 3]]"},
      {"hpa-replicas-invalid", "  [[maxReplicas: 4]]"},
      {"hpa-replicas-conflict", "  [[replicas: 3]]"},
      {"hpa-target-missing", "  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, [[name: web]] }"},
      {"pdb-selects-nothing", "  [[selector: { matchLabels: { app: frontend } }]]"},
      {"pdb-policy-missing", "[[spec]]:"},
      {"pdb-blocks-autoscaler-minimum", "  [[minAvailable: 2]]"},
      {"pdb-unhealthy-eviction-policy-unset", "[[spec]]:"},
      {"hpa-min-replicas-low", "[[spec]]:"},
      // networking
      {"service-exposed-type", "  [[type: LoadBalancer]]"},
      {"ssh-port", "    - { name: ssh, [[containerPort: 22]] }"},
      {"ingress-tls-missing", "  [[rules]]:"},
      {"network-policy-missing", "    metadata: { [[labels: { app: api }]] }"},
      {"service-selector-no-match", "  [[selector: { app: website }]]"},
      {"ingress-backend-service-missing", "        backend: { service: { [[name: frontend]], port: { number: 80 } } }"},
      {"network-policy-selects-nothing", "  [[podSelector: { matchLabels: { app: api-server } }]]"},
      {"network-policy-peer-selects-nothing", "  - from: [{ [[podSelector: { matchLabels: { app: frontend } }]] }]"},
      // rbac
      {"rbac-cluster-admin-binding", "  [[name: cluster-admin]]"},
      {"rbac-wildcard", "  [[verbs: [\"*\"]]]"},
      {"rbac-secrets-read", "  [[resources: [configmaps, secrets]]]"},
      {"rbac-pod-exec", "  [[resources: [pods, pods/log, pods/exec]]]"},
      {"rbac-escalation-verbs", "  [[verbs: [get, list, create, update, bind]]]"},
      {"rbac-pod-create", "  [[resources: [pods, pods/log]]]"},
      {"rbac-binding-role-missing", "  [[name: configmap-reader]]"},
      {"rbac-binding-sensitive-grant", "  [[name: support]]"},
      // jobs
      {"job-ttl-missing", "[[spec]]:"},
      {"cronjob-starting-deadline-missing", "[[spec]]:"},
      {"cronjob-concurrency-policy-unset", "[[spec]]:"},
      {"cronjob-job-ttl-missing", "    [[spec]]:"},
      // env
      {"env-duplicate-name", "        - { [[name: LOG_LEVEL]], value: debug }"},
      // api lifecycle
      {"api-version-removed", "[[apiVersion: policy/v1beta1]]"},
      // references
      {"reference-service-account-missing", "      [[serviceAccountName: api]]"},
      {"reference-config-map-missing", "    configMap: { [[name: web-nginx-config]] }"},
      {"reference-secret-missing", "        secretKeyRef: { [[name: orders-db]], key: password }"},
  };
  return kSpans;
}

// The default severities of issue 4's rule table ("off" = disabled by default).
const std::map<std::string, std::string>& DefaultSeverities() {
  static const std::map<std::string, std::string> kSeverities = {
      // Probes
      {"probe-readiness-missing", "warning"},
      {"probe-liveness-missing", "info"},
      {"probe-liveness-equals-readiness", "warning"},
      {"probe-port-undeclared", "error"},
      {"probe-port-udp", "error"},
      // Resources
      {"resources-requests-missing", "warning"},
      {"resources-memory-limit-missing", "warning"},
      {"resources-cpu-limit-missing", "off"},
      {"resources-requests-exceed-limits", "error"},
      {"resources-ephemeral-storage-missing", "off"},
      {"resources-requests-equal-limits", "off"},
      // Images
      {"image-latest-tag", "error"},
      {"image-digest-missing", "off"},
      {"image-registry-not-allowed", "off"},
      {"image-pull-policy-inconsistent", "info"},
      // Labels and metadata
      {"labels-required-missing", "warning"},
      {"labels-selector-mismatch", "error"},
      {"labels-invalid", "error"},
      {"namespace-default", "info"},
      // Security context
      {"security-privileged", "error"},
      {"security-privilege-escalation", "warning"},
      {"security-run-as-root", "warning"},
      {"security-read-only-root-filesystem", "warning"},
      {"security-capabilities-dangerous", "error"},
      {"security-capabilities-not-dropped", "warning"},
      {"security-host-namespaces", "error"},
      {"security-host-port", "warning"},
      {"security-host-path-sensitive", "error"},
      {"security-host-path-writable", "warning"},
      {"security-container-runtime-socket", "error"},
      {"security-seccomp-unset", "info"},
      {"security-unsafe-sysctls", "error"},
      {"security-proc-mount-unmasked", "error"},
      {"security-service-account-token-automount", "info"},
      {"security-host-path-volume", "info"},
      {"security-windows-host-process", "error"},
      {"security-capabilities-drop-all", "info"},
      {"security-run-as-group-root", "warning"},
      {"security-user-group-id-low", "off"},
      {"security-privileged-port", "off"},
      {"security-capabilities-restricted", "info"},
      {"security-volume-types-restricted", "info"},
      {"security-selinux-options", "warning"},
      {"security-apparmor-unconfined", "warning"},
      // Workloads
      {"workload-priority-class-missing", "off"},
      {"service-account-default", "off"},
      {"service-account-deprecated-field", "warning"},
      {"deployment-update-strategy", "info"},
      {"statefulset-service-not-headless", "warning"},
      {"anti-affinity-selector-mismatch", "warning"},
      // Secrets
      {"secrets-literal-value", "error"},
      {"secrets-env-secret-key-ref", "off"},
      // Availability
      {"availability-replicas-low", "info"},
      {"availability-pdb-missing", "info"},
      {"pdb-zero-disruptions", "error"},
      {"availability-spread-missing", "info"},
      {"hpa-replicas-invalid", "warning"},
      {"hpa-replicas-conflict", "warning"},
      {"hpa-min-replicas-low", "info"},
      {"pdb-policy-missing", "warning"},
      {"pdb-blocks-autoscaler-minimum", "warning"},
      {"pdb-unhealthy-eviction-policy-unset", "off"},
      // Networking
      {"service-exposed-type", "info"},
      {"ssh-port", "warning"},
      {"ingress-tls-missing", "info"},
      {"network-policy-missing", "info"},
      {"network-policy-selects-nothing", "warning"},
      {"network-policy-peer-selects-nothing", "info"},
      // RBAC
      {"rbac-cluster-admin-binding", "error"},
      {"rbac-wildcard", "warning"},
      {"rbac-secrets-read", "warning"},
      {"rbac-pod-exec", "warning"},
      {"rbac-escalation-verbs", "warning"},
      {"rbac-pod-create", "warning"},
      {"rbac-binding-role-missing", "warning"},
      {"rbac-binding-sensitive-grant", "info"},
      // Jobs
      {"job-ttl-missing", "info"},
      {"cronjob-starting-deadline-missing", "info"},
      {"cronjob-concurrency-policy-unset", "info"},
      {"cronjob-job-ttl-missing", "off"},
      // Env
      {"env-duplicate-name", "error"},
      // API lifecycle
      {"api-version-removed", "error"},
      // Cross-object rules of the engine section (no severity in the table;
      // references are off by default as the issue asks)
      {"hpa-target-missing", "warning"},
      {"pdb-selects-nothing", "warning"},
      {"service-selector-no-match", "warning"},
      {"ingress-backend-service-missing", "warning"},
      {"reference-service-account-missing", "off"},
      {"reference-config-map-missing", "off"},
      {"reference-secret-missing", "off"},
  };
  return kSeverities;
}

std::string SeverityText(const RuleInfo& rule) {
  if (!rule.definition.enabled_by_default) return "off";
  return std::string(SeverityName(rule.definition.severity));
}

std::string ExampleText(const RuleInfo& rule, std::string_view which) {
  const Value* text = rule.definition.examples.Find(which);
  return text && text->IsString() ? text->AsString() : std::string();
}

TEST_CASE("the built-in policies load without diagnostics", "[policies]") {
  Linter linter;
  INFO(linter.Describe(linter.load_diagnostics()));
  CHECK(linter.load_diagnostics().empty());
  CHECK(linter.engine().rules().size() >= ExpectedSpans().size());
}

TEST_CASE("every built-in rule is documented", "[policies]") {
  Linter linter;
  const std::set<std::string> categories = {"probes",   "resources", "images",       "labels",     "security",
                                            "secrets",  "availability", "networking", "rbac",       "jobs",
                                            "env",      "api-lifecycle", "references", "workloads"};
  const std::regex id_pattern("[a-z0-9]+(-[a-z0-9]+)*");
  for (const RuleInfo& rule : linter.engine().rules()) {
    const PolicyDefinition& d = rule.definition;
    INFO("rule " << d.id);
    CHECK(std::regex_match(d.id, id_pattern));
    CHECK(categories.count(d.category) == 1);
    CHECK(!d.description.empty());
    CHECK(!d.rationale.empty());
    CHECK(!d.remediation.empty());
    CHECK(d.description.back() != '.');
    CHECK(d.remediation.back() != '.');
    CHECK(!ExampleText(rule, "failing").empty());
    CHECK(!ExampleText(rule, "passing").empty());
    CHECK(ExpectedSpans().count(d.id) == 1);
    if (auto it = DefaultSeverities().find(d.id); it != DefaultSeverities().end()) {
      CHECK(SeverityText(rule) == it->second);
    } else {
      FAIL_CHECK("no default severity listed for " << d.id);
    }
  }
}

TEST_CASE("every rule of the table exists", "[policies]") {
  Linter linter;
  for (const auto& [id, severity] : DefaultSeverities()) {
    INFO("rule " << id);
    CHECK(linter.engine().FindRule(id) != nullptr);
  }
}

TEST_CASE("failing examples fail and passing examples pass", "[policies]") {
  Linter& all = testing::AllRules();
  std::vector<std::string> ids = all.RuleIds();
  for (const RuleInfo& rule : all.engine().rules()) {
    const std::string& id = rule.definition.id;
    DYNAMIC_SECTION(id) {
      std::unique_ptr<Linter> linter = Linter::ForRule(id, ids);

      std::vector<Diagnostic> failing = linter->Lint(ExampleText(rule, "failing"), id + "/failing.yaml");
      INFO("failing example of " << id << ":\n" << linter->Describe(failing));
      CHECK(NotFindings(failing).empty());
      std::vector<Diagnostic> found = OfRule(failing, id);
      REQUIRE(!found.empty());
      for (const Diagnostic& d : found) {
        CHECK(d.range.IsValid());
        // Anchored on one line (policies/anchor.h), never on a whole block.
        CHECK(linter->OnOneLine(d));
        CHECK(!d.message.empty());
        // Messages start in lower case (or with a `name`) and have no trailing period.
        CHECK((std::islower(static_cast<unsigned char>(d.message[0])) || d.message[0] == '`'));
        CHECK(d.message.back() != '.');
      }
      auto expected = ExpectedSpans().find(id);
      if (expected != ExpectedSpans().end()) {
        CHECK(linter->MarkedLine(found.front()) == expected->second);
      }

      std::vector<Diagnostic> passing = linter->Lint(ExampleText(rule, "passing"), id + "/passing.yaml");
      INFO("passing example of " << id << ":\n" << linter->Describe(passing));
      CHECK(NotFindings(passing).empty());
      CHECK(OfRule(passing, id).empty());
    }
  }
}

}  // namespace
}  // namespace mast

namespace mast {
namespace {

// Not run by default: prints every rule's findings on its failing example,
// to fill in ExpectedSpans() for a new rule.
//   policy_examples_test "[dump]" -s
TEST_CASE("dump the findings of every failing example", "[.][dump]") {
  Linter& all = testing::AllRules();
  std::vector<std::string> ids = all.RuleIds();
  for (const RuleInfo& rule : all.engine().rules()) {
    const std::string& id = rule.definition.id;
    std::unique_ptr<Linter> linter = Linter::ForRule(id, ids);
    std::vector<Diagnostic> failing = linter->Lint(ExampleText(rule, "failing"), id + "/failing.yaml");
    std::printf("== %s\n%s", id.c_str(), linter->Describe(failing).c_str());
  }
}

}  // namespace
}  // namespace mast
