// The rule fixes that comparing Mast with Polaris, kube-linter and
// kube-score led to (tests/policies/peers): each case below failed before
// its fix, or is the passing counterpart that keeps the fix from reporting
// too much.
#include "policy_test_util.h"

namespace mast {
namespace {

using testing::Replace;
using testing::RuleLinter;

struct Case {
  const char* what;
  std::string yaml;
  size_t findings;
};

void CheckCases(const std::string& rule, const std::vector<Case>& cases) {
  RuleLinter linter(rule);
  for (const Case& c : cases) {
    INFO(rule << ": " << c.what);
    CHECK(linter.Count(c.yaml) == c.findings);
  }
}

const char* const kIngress = R"(apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80 }]
---
apiVersion: APIVERSION
kind: Ingress
metadata: { name: shop }
spec:
  rules:
  - http:
      paths:
      - BACKEND
)";

std::string IngressWith(const std::string& api_version, const std::string& backend) {
  return Replace(Replace(kIngress, "APIVERSION", api_version), "BACKEND", backend);
}

TEST_CASE("an Ingress backend names a port its Service has", "[policies][networking][peers]") {
  const std::string v1 = "networking.k8s.io/v1";
  CheckCases("ingress-backend-service-missing",
             {
                 {"port number the Service has",
                  IngressWith(v1, "{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }"), 0},
                 {"port number the Service lacks",
                  IngressWith(v1, "{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 8080 } } } }"), 1},
                 {"port name the Service has",
                  IngressWith(v1, "{ path: /, pathType: Prefix, backend: { service: { name: web, port: { name: http } } } }"), 0},
                 {"port name the Service lacks",
                  IngressWith(v1, "{ path: /, pathType: Prefix, backend: { service: { name: web, port: { name: grpc } } } }"), 1},
                 {"pre-v1 servicePort the Service lacks",
                  IngressWith("networking.k8s.io/v1beta1", "{ path: /, backend: { serviceName: web, servicePort: 8080 } }"), 1},
                 {"pre-v1 servicePort by name", IngressWith("networking.k8s.io/v1beta1", "{ path: /, backend: { serviceName: web, servicePort: http } }"), 0},
             });
}

const char* const kSshPod = R"(apiVersion: v1
kind: Pod
metadata: { name: toolbox }
spec:
  containers:
  - name: toolbox
    image: ghcr.io/example/toolbox:1.0.0
    ports: [{ containerPort: 22PROTOCOL }]
)";

TEST_CASE("port 22 is SSH only over TCP", "[policies][networking][peers]") {
  CheckCases("ssh-port", {
                             {"no protocol (TCP)", Replace(kSshPod, "PROTOCOL", ""), 1},
                             {"TCP", Replace(kSshPod, "PROTOCOL", ", protocol: TCP"), 1},
                             {"UDP", Replace(kSshPod, "PROTOCOL", ", protocol: UDP"), 0},
                             {"SCTP", Replace(kSshPod, "PROTOCOL", ", protocol: SCTP"), 0},
                         });
}

const char* const kBudget = R"(apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web }
spec:
  minAvailable: MIN
  selector: { matchLabels: { app: web } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  REPLICAS
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: "nginx:1.27.2" }]
)";

const char* const kAutoscalerWithMinimum = R"(
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  MINIMUM
  maxReplicas: 6
)";

std::string Budget(const std::string& min, const std::string& replicas, const std::string& autoscaler_minimum = "-") {
  std::string yaml = Replace(Replace(kBudget, "MIN", min), "REPLICAS", replicas);
  if (autoscaler_minimum != "-") yaml += Replace(kAutoscalerWithMinimum, "MINIMUM", autoscaler_minimum);
  return yaml;
}

TEST_CASE("a percentage minAvailable is rounded up, and an autoscaled workload counts at its minimum",
          "[policies][availability][peers]") {
  CheckCases("pdb-zero-disruptions",
             {
                 {"50% of 1 replica keeps it", Budget("\"50%\"", "replicas: 1"), 1},
                 {"50% of 2 replicas keeps 1", Budget("\"50%\"", "replicas: 2"), 0},
                 {"67% of 3 replicas rounds up to 3", Budget("\"67%\"", "replicas: 3"), 1},
                 {"not a percentage", Budget("\"half\"", "replicas: 1"), 0},
                 {"1 of an autoscaler's default minimum of 1", Budget("1", "", ""), 1},
                 {"1 of an autoscaler's minimum of 3", Budget("1", "", "minReplicas: 3"), 0},
                 {"2 of an autoscaler's minimum of 2", Budget("2", "", "minReplicas: 2"), 1},
             });
}

const char* const kBearerPod = R"(apiVersion: v1
kind: Pod
metadata: { name: proxy }
spec:
  containers:
  - name: proxy
    image: ghcr.io/example/proxy:1.0.0
    env:
    - VARIABLE
)";

TEST_CASE("a bearer token in an env var is a credential", "[policies][secrets][peers]") {
  CheckCases("secrets-literal-value",
             {
                 {"literal", Replace(kBearerPod, "VARIABLE", "{ name: UPSTREAM_BEARER, value: eyJhbGciOiJIUzI1NiJ9.e30.c2ln }"), 1},
                 {"from a Secret",
                  Replace(kBearerPod, "VARIABLE", "{ name: UPSTREAM_BEARER, valueFrom: { secretKeyRef: { name: up, key: t } } }"),
                  0},
             });
}

const char* const kBoundRole = R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: "ROLE" }
rules:
- { apiGroups: GROUPS, resources: RESOURCES, verbs: VERBS }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "BOUND" }
subjects: [{ kind: User, name: ops }]
)";

std::string BoundRole(const std::string& role, const std::string& bound, const std::string& groups,
                      const std::string& resources, const std::string& verbs) {
  return Replace(Replace(Replace(Replace(Replace(kBoundRole, "ROLE", role), "BOUND", bound), "GROUPS", groups),
                         "RESOURCES", resources),
                 "VERBS", verbs);
}

TEST_CASE("a role of the input that grants everything is cluster-admin", "[policies][rbac][peers]") {
  const std::string every_verb = "[get, list, watch, create, update, patch, delete]";
  CheckCases("rbac-cluster-admin-binding",
             {
                 {"* verbs on * of *", BoundRole("ops", "ops", "[\"*\"]", "[\"*\"]", "[\"*\"]"), 1},
                 {"every verb by name", BoundRole("ops", "ops", "[\"*\"]", "[\"*\"]", every_verb), 1},
                 {"one verb short", BoundRole("ops", "ops", "[\"*\"]", "[\"*\"]", "[get, list, watch, create, update, patch]"), 0},
                 {"core group only", BoundRole("ops", "ops", "[\"\"]", "[\"*\"]", "[\"*\"]"), 0},
                 {"named resources", BoundRole("ops", "ops", "[\"*\"]", "[pods]", "[\"*\"]"), 0},
                 {"role not in the input", BoundRole("ops", "other", "[\"*\"]", "[\"*\"]", "[\"*\"]"), 0},
             });
}

TEST_CASE("a system: role that the input defines is judged", "[policies][rbac][peers]") {
  CheckCases("rbac-binding-sensitive-grant",
             {
                 {"system: role in the input", BoundRole("system:ops", "system:ops", "[\"\"]", "[secrets]", "[get]"), 1},
                 {"system: role not in the input", BoundRole("ops", "system:ops", "[\"\"]", "[secrets]", "[get]"), 0},
                 {"default edit role, even in the input", BoundRole("edit", "edit", "[\"\"]", "[secrets]", "[get]"), 0},
             });
}

const char* const kStatefulSet = R"(apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: "postgres:16.4" }]
---
apiVersion: v1
kind: Service
metadata: { name: db }
spec:
  clusterIP: CLUSTERIP
  SELECTOR
  ports: [{ port: 5432 }]
)";

std::string GoverningService(const std::string& cluster_ip, const std::string& selector) {
  return Replace(Replace(kStatefulSet, "CLUSTERIP", cluster_ip), "SELECTOR", selector);
}

TEST_CASE("a StatefulSet's headless Service selects its pods", "[policies][workloads][peers]") {
  CheckCases("statefulset-service-not-headless",
             {
                 {"headless, selects the pods", GoverningService("None", "selector: { app: db }"), 0},
                 {"headless, selects other pods", GoverningService("None", "selector: { app: cache }"), 1},
                 {"headless, no selector", GoverningService("None", ""), 0},
                 {"not headless", GoverningService("10.0.0.12", "selector: { app: db }"), 1},
             });
}

}  // namespace
}  // namespace mast
