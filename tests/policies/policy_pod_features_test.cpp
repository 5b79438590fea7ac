// The built-in rules and the pod features of Kubernetes 1.28-1.36:
// - pod-level resources (`spec.resources`, 1.32+) satisfy the container
//   resource rules for the resources the pod level sets, and bound the
//   requests of containers without limits of their own;
// - native sidecars (init containers with `restartPolicy: Always`) are
//   long-running containers for the probe and resource rules, while init
//   containers that run to completion need no probes (and still need
//   resources: the scheduler counts their requests).
// Each changed rule has at least one failing and one passing case here.
#include <algorithm>
#include <string>
#include <vector>

#include "policy_test_util.h"

namespace mast {
namespace {

using testing::RuleLinter;

// A Pod named `app` with `spec` as its pod spec (indented by two spaces).
std::string Pod(const std::string& spec) {
  return "apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n" + spec;
}

// The messages of a rule's findings, in order.
std::vector<std::string> Messages(RuleLinter& rule, const std::string& yaml) { return rule.Messages(yaml); }

TEST_CASE("pod-level resources satisfy the container resource rules", "[policies][resources]") {
  struct Case {
    const char* name;
    const char* spec;
    std::vector<std::string> requests;      // resources-requests-missing
    std::vector<std::string> memory_limit;  // resources-memory-limit-missing
    std::vector<std::string> cpu_limit;     // resources-cpu-limit-missing
  };
  const std::vector<std::string> none;
  const Case cases[] = {
      {"no resources anywhere",
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       {"container `app` has no `cpu` and `memory` request"},
       {"container `app` has no memory limit"},
       {"container `app` has no CPU limit"}},
      {"pod level sets cpu and memory; the container sets nothing",
       "  resources:\n    requests: { cpu: 500m, memory: 256Mi }\n    limits: { cpu: \"1\", memory: 512Mi }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       none, none, none},
      {"pod-level limits alone also count as requests",
       "  resources:\n    limits: { cpu: \"1\", memory: 512Mi }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       none, none, none},
      {"pod level sets only cpu: memory is still needed per container",
       "  resources:\n    requests: { cpu: 500m }\n    limits: { cpu: \"1\" }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       {"container `app` has no `memory` request"},
       {"container `app` has no memory limit"},
       none},
      {"pod level sets only memory; the container requests cpu",
       "  resources:\n    requests: { memory: 256Mi }\n    limits: { memory: 512Mi }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\", resources: { requests: { cpu: 100m } } }\n",
       none,
       none,
       {"container `app` has no CPU limit"}},
      {"an empty pod-level `resources` satisfies nothing",
       "  resources: {}\n  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       {"container `app` has no `cpu` and `memory` request"},
       {"container `app` has no memory limit"},
       {"container `app` has no CPU limit"}},
      {"the pod-level budget covers init containers and sidecars too",
       "  resources:\n    requests: { cpu: 500m, memory: 256Mi }\n    limits: { cpu: \"1\", memory: 512Mi }\n"
       "  initContainers:\n  - { name: migrate, image: \"ghcr.io/example/migrate:1.0.0\" }\n"
       "  - { name: proxy, image: \"envoyproxy/envoy:v1.31.2\", restartPolicy: Always }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       none, none, none},
  };
  RuleLinter requests("resources-requests-missing");
  RuleLinter memory_limit("resources-memory-limit-missing");
  RuleLinter cpu_limit("resources-cpu-limit-missing");
  for (const Case& c : cases) {
    INFO(c.name);
    std::string yaml = Pod(c.spec);
    CHECK(Messages(requests, yaml) == c.requests);
    CHECK(Messages(memory_limit, yaml) == c.memory_limit);
    CHECK(Messages(cpu_limit, yaml) == c.cpu_limit);
  }
}

TEST_CASE("pod-level resources of a workload's pod template count", "[policies][resources]") {
  const std::string deployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      resources:
        requests: REQUESTS
        limits: LIMITS
      initContainers:
      - name: log-shipper
        image: fluent/fluent-bit:3.1.9
        restartPolicy: Always
      containers:
      - name: api
        image: ghcr.io/example/api:1.8.3
)";
  auto with = [&](const std::string& requests, const std::string& limits) {
    std::string yaml = deployment;
    yaml.replace(yaml.find("REQUESTS"), 8, requests);
    yaml.replace(yaml.find("LIMITS"), 6, limits);
    return yaml;
  };
  RuleLinter requests("resources-requests-missing");
  RuleLinter memory_limit("resources-memory-limit-missing");
  const std::string covered = with("{ cpu: \"1\", memory: 1Gi }", "{ cpu: \"2\", memory: 1Gi }");
  CHECK(requests.Count(covered) == 0);
  CHECK(memory_limit.Count(covered) == 0);
  const std::string cpu_only = with("{ cpu: \"1\" }", "{ cpu: \"2\" }");
  CHECK(Messages(requests, cpu_only) == std::vector<std::string>{"container `log-shipper` has no `memory` request",
                                                                 "container `api` has no `memory` request"});
  CHECK(Messages(memory_limit, cpu_only) ==
        std::vector<std::string>{"container `log-shipper` has no memory limit", "container `api` has no memory limit"});
}

TEST_CASE("requests are compared with pod-level limits", "[policies][resources]") {
  struct Case {
    const char* name;
    const char* spec;
    std::vector<std::string> findings;
  };
  const Case cases[] = {
      {"pod-level request above the pod-level limit",
       "  resources:\n    requests: { cpu: \"2\" }\n    limits: { cpu: \"1\" }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       {"pod `app` requests cpu `2` at pod level, more than its pod-level limit `1`"}},
      {"pod-level request within the pod-level limit",
       "  resources:\n    requests: { cpu: 500m, memory: 1Gi }\n    limits: { cpu: \"1\", memory: 1024Mi }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       {}},
      {"container request above the pod-level limit, no limit of its own",
       "  resources:\n    limits: { memory: 1Gi }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\", resources: { requests: { memory: 2Gi } } }\n",
       {"container `app` requests memory `2Gi`, more than the pod-level limit `1Gi`"}},
      {"container request within the pod-level limit",
       "  resources:\n    limits: { memory: 1Gi }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\", resources: { requests: { memory: 512Mi } } }\n",
       {}},
      {"a container's own limit comes first",
       "  resources:\n    limits: { cpu: \"4\" }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\",\n"
       "      resources: { requests: { cpu: 500m }, limits: { cpu: 400m } } }\n",
       {"container `app` requests cpu `500m`, more than its limit `400m`"}},
      {"a native sidecar's request above the pod-level limit",
       "  resources:\n    limits: { cpu: 500m }\n"
       "  initContainers:\n  - { name: proxy, image: \"envoyproxy/envoy:v1.31.2\", restartPolicy: Always,\n"
       "      resources: { requests: { cpu: \"1\" } } }\n"
       "  containers:\n  - { name: app, image: \"nginx:1.27.2\" }\n",
       {"container `proxy` requests cpu `1`, more than the pod-level limit `500m`"}},
  };
  RuleLinter rule("resources-requests-exceed-limits");
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(Messages(rule, Pod(c.spec)) == c.findings);
  }
  // The pod-level finding points at the pod-level request.
  std::vector<Diagnostic> findings = rule.Findings(Pod(cases[0].spec));
  REQUIRE(findings.size() == 1);
  CHECK_THAT(rule.linter().LineAt(findings[0]), Catch::Matchers::Contains("requests: { cpu: \"2\" }"));
}

// A Deployment with a run-to-completion init container (`migrate`), a native
// sidecar (`proxy`, whose probe settings are SIDECAR) and a main container
// with both probes.
const char* const kSidecarDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      initContainers:
      - name: migrate
        image: ghcr.io/example/migrate:1.0.0
      - name: proxy
        image: envoyproxy/envoy:v1.31.2
        restartPolicy: Always
        ports: [{ name: admin, containerPort: 9901 }]
        SIDECAR
      containers:
      - name: web
        image: nginx:1.27.2
        ports: [{ name: http, containerPort: 80 }]
        readinessProbe: { httpGet: { path: /ready, port: http } }
        livenessProbe: { httpGet: { path: /livez, port: http } }
)";

// A Service that selects the pods of kSidecarDeployment and sends traffic
// to `target_port`.
std::string kServiceTo(const std::string& target_port) {
  return "---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n"
         "  ports: [{ port: 80, targetPort: " +
         target_port + " }]\n";
}

std::string SidecarDeployment(const std::string& sidecar) {
  std::string yaml = kSidecarDeployment;
  yaml.replace(yaml.find("SIDECAR"), 7, sidecar);
  return yaml;
}

TEST_CASE("native sidecars are long-running containers for the probe rules", "[policies][probes]") {
  struct Case {
    const char* rule;
    const char* sidecar;  // the probe settings of the sidecar
    std::vector<std::string> findings;
  };
  const char* const both =
      "readinessProbe: { httpGet: { path: /ready, port: admin } }\n"
      "        livenessProbe: { tcpSocket: { port: admin } }";
  const Case cases[] = {
      {"probe-readiness-missing", "", {"container `proxy` has no readiness probe"}},
      {"probe-readiness-missing", both, {}},
      {"probe-liveness-missing", "", {"container `proxy` has no liveness probe"}},
      {"probe-liveness-missing", both, {}},
      {"probe-liveness-equals-readiness",
       "readinessProbe: { tcpSocket: { port: admin } }\n        livenessProbe: { tcpSocket: { port: admin } }",
       {"container `proxy` uses the same probe for liveness and readiness"}},
      {"probe-liveness-equals-readiness", both, {}},
      {"probe-port-undeclared",
       "readinessProbe: { httpGet: { path: /ready, port: stats } }",
       {"readiness probe of container `proxy` uses port `stats`, which the container does not declare"}},
      {"probe-port-undeclared", both, {}},
  };
  for (const Case& c : cases) {
    INFO(c.rule << " with sidecar probes: " << c.sidecar);
    RuleLinter rule(c.rule);
    // `migrate` runs to completion: never asked for probes. Readiness is
    // asked of the containers a Service sends traffic to: here the sidecar.
    CHECK(Messages(rule, SidecarDeployment(c.sidecar) + kServiceTo("admin")) == c.findings);
  }
  // The finding points at the sidecar.
  RuleLinter readiness("probe-readiness-missing");
  std::vector<Diagnostic> findings = readiness.Findings(SidecarDeployment("") + kServiceTo("admin"));
  REQUIRE(findings.size() == 1);
  CHECK_THAT(readiness.linter().LineAt(findings[0]), Catch::Matchers::Contains("- name: proxy"));
}

TEST_CASE("readiness is asked of the containers a Service sends traffic to", "[policies][probes]") {
  RuleLinter readiness("probe-readiness-missing");
  const std::string without_probes = SidecarDeployment("");
  const std::string web_probe = "        readinessProbe: { httpGet: { path: /ready, port: http } }\n";
  std::string no_web_probe = without_probes;
  no_web_probe.replace(no_web_probe.find(web_probe), web_probe.size(), "");
  // No Service selects the pods: nothing receives traffic, no finding.
  CHECK(readiness.Count(no_web_probe) == 0);
  // The Service targets `http`: only `web` is asked, not the sidecar.
  CHECK(Messages(readiness, no_web_probe + kServiceTo("http")) ==
        std::vector<std::string>{"container `web` has no readiness probe"});
  CHECK(Messages(readiness, no_web_probe + kServiceTo("80")) ==
        std::vector<std::string>{"container `web` has no readiness probe"});
  // A numbered port that no container declares: the regular containers are asked.
  CHECK(Messages(readiness, no_web_probe + kServiceTo("8443")) ==
        std::vector<std::string>{"container `web` has no readiness probe"});
  // A Service of another namespace does not count.
  std::string elsewhere = kServiceTo("http");
  elsewhere.replace(elsewhere.find("{ name: web }"), 13, "{ name: web, namespace: blog }");
  std::string namespaced = no_web_probe;
  namespaced.replace(namespaced.find("metadata: { name: web }"), 23, "metadata: { name: web, namespace: shop }");
  CHECK(readiness.Count(namespaced + elsewhere) == 0);
}

TEST_CASE("an init container with another restartPolicy is not a sidecar", "[policies][probes]") {
  // Only `Always` makes a sidecar; anything else is for the schema check to
  // reject.
  std::string yaml = SidecarDeployment("");
  yaml.replace(yaml.find("restartPolicy: Always"), 21, "restartPolicy: Never");
  RuleLinter readiness("probe-readiness-missing");
  CHECK(readiness.Count(yaml) == 0);
}

TEST_CASE("sidecars and run-to-completion init containers need resources", "[policies][resources]") {
  const std::string yaml = SidecarDeployment("");
  RuleLinter requests("resources-requests-missing");
  CHECK(Messages(requests, yaml) == std::vector<std::string>{"container `migrate` has no `cpu` and `memory` request",
                                                             "container `proxy` has no `cpu` and `memory` request",
                                                             "container `web` has no `cpu` and `memory` request"});
  RuleLinter memory_limit("resources-memory-limit-missing");
  CHECK(Messages(memory_limit, yaml) == std::vector<std::string>{"container `migrate` has no memory limit",
                                                                 "container `proxy` has no memory limit",
                                                                 "container `web` has no memory limit"});
  std::string with_resources =
      SidecarDeployment("resources: { requests: { cpu: 50m, memory: 64Mi }, limits: { memory: 128Mi } }");
  std::vector<std::string> messages = Messages(requests, with_resources);
  CHECK(std::find(messages.begin(), messages.end(), "container `proxy` has no `cpu` and `memory` request") ==
        messages.end());
  CHECK(messages.size() == 2);
}

}  // namespace
}  // namespace mast
