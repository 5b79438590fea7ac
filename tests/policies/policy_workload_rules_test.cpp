// Table-driven tests of the rules that look at several objects or at whole
// workloads: Service and Ingress lookups, replicas and autoscalers,
// PodDisruptionBudgets, NetworkPolicies, labels, RBAC and hostPath.
#include "policy_test_util.h"

namespace mast {
namespace {

using testing::Replace;
using testing::RuleLinter;

const char* const kServiceAndDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: { name: web, DEPLOYMENT_NS }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, tier: front } }
    spec:
      containers:
      - { name: web, image: "nginx:1.27.2" }
---
apiVersion: v1
kind: Service
metadata: { name: web, SERVICE_NS }
spec:
  selector: SELECTOR
  ports: [{ port: 80 }]
)";

TEST_CASE("a Service selector must match a workload in its namespace", "[policies][networking]") {
  struct Case {
    const char* deployment_ns;
    const char* service_ns;
    const char* selector;
    bool finding;
  };
  const Case cases[] = {
      {"namespace: shop", "namespace: shop", "{ app: web }", false},
      {"namespace: shop", "namespace: shop", "{ app: web, tier: front }", false},
      {"namespace: shop", "namespace: shop", "{ app: web, tier: back }", true},
      {"namespace: shop", "namespace: blog", "{ app: web }", true},
      {"namespace: shop", "labels: {}", "{ app: web }", false},  // unset: the namespace it is applied to
      {"labels: {}", "namespace: shop", "{ app: web }", false},
      {"namespace: shop", "namespace: shop", "{}", false},  // no selector: endpoints are managed by hand
  };
  RuleLinter rule("service-selector-no-match");
  for (const Case& c : cases) {
    INFO(c.deployment_ns << " / " << c.service_ns << " / " << c.selector);
    std::string yaml = Replace(Replace(Replace(kServiceAndDeployment, "DEPLOYMENT_NS", c.deployment_ns), "SERVICE_NS",
                                       c.service_ns),
                               "SELECTOR", c.selector);
    CHECK(rule.Count(yaml) == (c.finding ? 1u : 0u));
  }
}

TEST_CASE("cross-object lookups see each run's own objects", "[policies][networking]") {
  // The lookups index `context.objects` once per run; a second run with
  // other objects must not see the first run's index.
  RuleLinter rule("service-selector-no-match");
  std::string both = Replace(Replace(Replace(kServiceAndDeployment, "DEPLOYMENT_NS", "labels: {}"), "SERVICE_NS", "labels: {}"),
                             "SELECTOR", "{ app: web }");
  std::string service_only = both.substr(both.find("---\n") + 4);
  CHECK(rule.Count(both) == 0);
  CHECK(rule.Count(service_only) == 1);
  CHECK(rule.Count(both) == 0);
}

TEST_CASE("workloads of every kind are selected through their pod template", "[policies][availability]") {
  RuleLinter rule("pdb-selects-nothing");
  const char* const pdb = R"(
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: jobs }
spec:
  maxUnavailable: 1
  selector: { matchExpressions: [{ key: app, operator: In, values: [report] }] }
)";
  CHECK(rule.Count(std::string(R"(apiVersion: batch/v1
kind: CronJob
metadata: { name: report }
spec:
  schedule: "0 6 * * *"
  jobTemplate:
    spec:
      template:
        metadata: { labels: { app: report } }
        spec:
          restartPolicy: OnFailure
          containers:
          - { name: report, image: "ghcr.io/example/report:2.3.0" })") + pdb) == 0);
  CHECK(rule.Count(std::string(R"(apiVersion: v1
kind: Pod
metadata: { name: report, labels: { app: report } }
spec:
  containers:
  - { name: report, image: "ghcr.io/example/report:2.3.0" })") + pdb) == 0);
  CHECK(rule.Count(std::string(R"(apiVersion: v1
kind: Pod
metadata: { name: report, labels: { app: other } }
spec:
  containers:
  - { name: report, image: "ghcr.io/example/report:2.3.0" })") + pdb) == 1);
}

const char* const kReplicated = R"(apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  REPLICAS
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - { name: web, image: "nginx:1.27.2" }
)";

const char* const kAutoscaler = R"(
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: KIND, name: web }
  minReplicas: 3
  maxReplicas: 10
)";

TEST_CASE("replica rules account for autoscalers", "[policies][availability]") {
  RuleLinter low("availability-replicas-low");
  CHECK(low.Count(Replace(kReplicated, "REPLICAS", "replicas: 1")) == 1);
  CHECK(low.Count(Replace(kReplicated, "REPLICAS", "paused: false")) == 1);  // defaults to 1
  CHECK(low.Count(Replace(kReplicated, "REPLICAS", "replicas: 0")) == 0);    // scaled down on purpose
  CHECK(low.Count(Replace(kReplicated, "REPLICAS", "paused: false") + Replace(kAutoscaler, "KIND", "Deployment")) == 0);
  CHECK(low.Count(Replace(kReplicated, "REPLICAS", "paused: false") + Replace(kAutoscaler, "KIND", "StatefulSet")) == 1);

  RuleLinter low3("availability-replicas-low", {{"availability-replicas-low", Value::Map({{"minReplicas", {}, Value::Int(3)}})}});
  CHECK(low3.Count(Replace(kReplicated, "REPLICAS", "replicas: 2")) == 1);
  CHECK(low3.Count(Replace(kReplicated, "REPLICAS", "replicas: 3")) == 0);

  RuleLinter conflict("hpa-replicas-conflict");
  CHECK(conflict.Count(Replace(kReplicated, "REPLICAS", "replicas: 3") + Replace(kAutoscaler, "KIND", "Deployment")) == 1);
  CHECK(conflict.Count(Replace(kReplicated, "REPLICAS", "replicas: 3")) == 0);

  RuleLinter target("hpa-target-missing");
  CHECK(target.Count(Replace(kReplicated, "REPLICAS", "replicas: 3") + Replace(kAutoscaler, "KIND", "Deployment")) == 0);
  CHECK(target.Count(Replace(kReplicated, "REPLICAS", "replicas: 3") + Replace(kAutoscaler, "KIND", "StatefulSet")) == 1);

  RuleLinter pdb_missing("availability-pdb-missing");
  // An autoscaler with minReplicas 3 makes the Deployment multi-replica.
  CHECK(pdb_missing.Count(Replace(kReplicated, "REPLICAS", "paused: false") + Replace(kAutoscaler, "KIND", "Deployment")) == 1);
}

TEST_CASE("a PodDisruptionBudget must allow an eviction", "[policies][availability]") {
  struct Case {
    const char* budget;
    const char* replicas;
    bool finding;
  };
  const Case cases[] = {
      {"maxUnavailable: 0", "replicas: 3", true},       {"maxUnavailable: \"0%\"", "replicas: 3", true},
      {"maxUnavailable: 1", "replicas: 3", false},      {"minAvailable: \"100%\"", "replicas: 3", true},
      {"minAvailable: 3", "replicas: 3", true},         {"minAvailable: 2", "replicas: 3", false},
      {"minAvailable: 1", "paused: false", true},       // replicas default to 1
      {"minAvailable: \"50%\"", "replicas: 3", false},
  };
  RuleLinter rule("pdb-zero-disruptions");
  for (const Case& c : cases) {
    INFO(c.budget << " with " << c.replicas);
    std::string yaml = Replace(kReplicated, "REPLICAS", c.replicas) +
                       "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web, namespace: shop }\n"
                       "spec:\n  " +
                       c.budget + "\n  selector: { matchLabels: { app: web } }\n";
    CHECK(rule.Count(yaml) == (c.finding ? 1u : 0u));
  }
  // With an autoscaler the replica count is not known, so minAvailable is not judged.
  CHECK(rule.Count(Replace(kReplicated, "REPLICAS", "paused: false") + Replace(kAutoscaler, "KIND", "Deployment") +
                   "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web, namespace: shop }\n"
                   "spec:\n  minAvailable: 1\n  selector: { matchLabels: { app: web } }\n") == 0);
}

TEST_CASE("an empty NetworkPolicy podSelector covers its whole namespace", "[policies][networking]") {
  RuleLinter rule("network-policy-missing");
  const std::string deployment = Replace(kReplicated, "REPLICAS", "replicas: 2");
  const std::string deny_all =
      "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: NS }\n"
      "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";
  CHECK(rule.Count(deployment) == 1);
  CHECK(rule.Count(deployment + Replace(deny_all, "NS", "shop")) == 0);
  CHECK(rule.Count(deployment + Replace(deny_all, "NS", "blog")) == 1);
}

TEST_CASE("the pods need NetworkPolicies for ingress and for egress", "[policies][networking]") {
  RuleLinter rule("network-policy-missing");
  const std::string deployment = Replace(kReplicated, "REPLICAS", "replicas: 2");
  const std::string policy =
      "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: shop }\n"
      "spec:\n  podSelector: { matchLabels: { app: web } }\n";
  // Without policyTypes a policy restricts ingress, and egress only when it has egress rules.
  CHECK(rule.Messages(deployment + policy) ==
        std::vector<std::string>{"no NetworkPolicy restricts egress of the pods of Deployment `web`"});
  CHECK(rule.Messages(deployment + policy + "  egress: []\n").empty());
  CHECK(rule.Messages(deployment + policy + "  policyTypes: [Egress]\n") ==
        std::vector<std::string>{"no NetworkPolicy restricts ingress of the pods of Deployment `web`"});
  // Two policies, one per direction, cover the pods together.
  const std::string egress_only =
      "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: e, namespace: shop }\n"
      "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n";
  CHECK(rule.Messages(deployment + policy + egress_only).empty());
}

TEST_CASE("a NetworkPolicy that selects no pod", "[policies][networking]") {
  RuleLinter rule("network-policy-selects-nothing");
  const std::string deployment = Replace(kReplicated, "REPLICAS", "replicas: 2");
  const std::string policy =
      "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: NS }\n"
      "spec:\n  podSelector: SELECTOR\n";
  auto count = [&](const std::string& ns, const std::string& selector) {
    return rule.Count(deployment + Replace(Replace(policy, "NS", ns), "SELECTOR", selector));
  };
  CHECK(count("shop", "{}") == 0);  // an empty selector selects every pod of the namespace
  CHECK(count("shop", "{ matchLabels: { app: web } }") == 0);
  CHECK(count("shop", "{ matchExpressions: [{ key: app, operator: In, values: [web, api] }] }") == 0);
  CHECK(count("shop", "{ matchLabels: { app: api } }") == 1);
  CHECK(count("blog", "{ matchLabels: { app: web } }") == 1);  // the pods are in another namespace
}

TEST_CASE("Ingress backends are looked up by name and namespace", "[policies][networking]") {
  RuleLinter rule("ingress-backend-service-missing");
  const std::string service =
      "apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec:\n  selector: { app: web }\n"
      "  ports: [{ port: 80 }]\n---\n";
  const std::string ingress =
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: shop, namespace: NS }\nspec:\n"
      "  defaultBackend: { service: { name: web, port: { number: 80 } } }\n"
      "  rules:\n  - http:\n      paths:\n      - { path: /api, pathType: Prefix, backend: { service: { name: api, port: "
      "{ number: 80 } } } }\n";
  std::vector<Diagnostic> findings = rule.Findings(service + Replace(ingress, "NS", "shop"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "backend Service `api` of Ingress `shop` is not in the input");
  CHECK(rule.Count(service + Replace(ingress, "NS", "blog")) == 2);
}

TEST_CASE("required labels are a parameter", "[policies][labels]") {
  std::map<std::string, Value> params = {
      {"labels-required-missing",
       Value::Map({{"labels", {}, Value::List({Value::String("team"), Value::String("app.kubernetes.io/part-of")})}})}};
  RuleLinter rule("labels-required-missing", params);
  std::vector<Diagnostic> findings =
      rule.Findings("apiVersion: v1\nkind: Service\nmetadata:\n  name: c\n  labels: { team: a }\nspec: {}\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "label `app.kubernetes.io/part-of` is missing on Service `c`");
}

TEST_CASE("required labels are checked on workloads and Services by default", "[policies][labels]") {
  const std::string config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: {}\n";
  const std::string role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: r }\nrules: []\n";
  RuleLinter defaults("labels-required-missing");
  CHECK(defaults.Count(config_map) == 0);
  CHECK(defaults.Count(role) == 0);
  CHECK(defaults.Count(Replace(kReplicated, "REPLICAS", "replicas: 2")) == 1);
  // `kinds: []` checks every kind.
  std::map<std::string, Value> params = {{"labels-required-missing", Value::Map({{"kinds", {}, Value::List({})}})}};
  RuleLinter every_kind("labels-required-missing", params);
  CHECK(every_kind.Count(config_map) == 1);
  CHECK(every_kind.Count(role) == 1);
}

TEST_CASE("label keys and values", "[policies][labels]") {
  struct Case {
    const char* label;
    bool valid;
  };
  const Case cases[] = {
      {"app: web", true},
      {"app.kubernetes.io/name: web", true},
      {"example.com/team: a_b.c-d", true},
      {"version: \"1.0\"", true},
      {"empty: \"\"", true},
      {"version: 1.0", false},
      {"enabled: true", false},
      {"owner: \"payments team\"", false},
      {"name: -web", false},
      {"Example.com/team: a", false},
      {"a/b/c: x", false},
      {"example.com/: x", false},
      {"a..b/c: x", false},
      {"-a.com/c: x", false},
      {"a_b.com/c: x", false},
      {"sub.example-1.com/x_y.z: \"\"", true},
      {"a: b_", false},
      {"\"\": x", false},
      {"long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true},    // 63 characters
      {"long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},  // 64 characters
  };
  RuleLinter rule("labels-invalid");
  for (const Case& c : cases) {
    INFO(c.label);
    CHECK(rule.Count(std::string("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: { ") + c.label +
                     " }\n") == (c.valid ? 0u : 1u));
  }
}

TEST_CASE("RBAC rules", "[policies][rbac]") {
  const std::string role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: r, namespace: a }\nrules:\n";
  RuleLinter secrets("rbac-secrets-read");
  CHECK(secrets.Count(role + "- { apiGroups: [\"\"], resources: [secrets], verbs: [list] }\n") == 1);
  CHECK(secrets.Count(role + "- { apiGroups: [\"*\"], resources: [secrets], verbs: [\"*\"] }\n") == 1);
  CHECK(secrets.Count(role + "- { apiGroups: [\"\"], resources: [secrets], verbs: [create, delete] }\n") == 0);
  CHECK(secrets.Count(role + "- { apiGroups: [\"\"], resources: [secrets], resourceNames: [tls], verbs: [get] }\n") == 0);
  CHECK(secrets.Count(role + "- { apiGroups: [apps], resources: [secrets], verbs: [get] }\n") == 0);
  RuleLinter exec("rbac-pod-exec");
  CHECK(exec.Count(role + "- { apiGroups: [\"\"], resources: [pods/attach], verbs: [create] }\n") == 1);
  CHECK(exec.Count(role + "- { apiGroups: [\"\"], resources: [\"pods/*\"], verbs: [\"*\"] }\n") == 2);
  CHECK(exec.Count(role + "- { apiGroups: [\"\"], resources: [pods/exec], verbs: [list] }\n") == 0);
  RuleLinter wildcard("rbac-wildcard");
  CHECK(wildcard.Count(role + "- { apiGroups: [\"\"], resources: [\"*\"], verbs: [get] }\n") == 1);
  CHECK(wildcard.Count(role + "- { apiGroups: [\"*\"], resources: [pods], verbs: [get] }\n") == 0);
}

TEST_CASE("hostPath rules split sensitive paths, sockets and writable mounts", "[policies][security]") {
  struct Case {
    const char* path;
    bool read_only;
    int sensitive;
    int socket;
    int writable;
  };
  const Case cases[] = {
      {"/etc", true, 1, 0, 0},           {"/etc/ssl/certs", true, 1, 0, 0}, {"/etcd-data", false, 0, 0, 1},
      {"/", true, 1, 0, 0},              {"/srv/data/", false, 0, 0, 1},   {"/var/run/docker.sock", false, 0, 1, 0},
      {"/run/containerd/containerd.sock", true, 0, 1, 0}, {"/var/run", true, 1, 0, 0}, {"/var/log", true, 0, 0, 0},
  };
  RuleLinter sensitive("security-host-path-sensitive");
  RuleLinter socket("security-container-runtime-socket");
  RuleLinter writable("security-host-path-writable");
  for (const Case& c : cases) {
    INFO(c.path << (c.read_only ? " read-only" : " writable"));
    std::string yaml = std::string("apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n  containers:\n"
                                   "  - name: app\n    image: nginx:1.27.2\n    volumeMounts: [{ name: host, mountPath: /host") +
                       (c.read_only ? ", readOnly: true" : "") + " }]\n  volumes:\n  - { name: host, hostPath: { path: " +
                       c.path + " } }\n";
    CHECK(sensitive.Count(yaml) == static_cast<size_t>(c.sensitive));
    CHECK(socket.Count(yaml) == static_cast<size_t>(c.socket));
    CHECK(writable.Count(yaml) == static_cast<size_t>(c.writable));
  }
}

}  // namespace
}  // namespace mast
