// Table-driven tests of the rules added to cover the checks of Polaris,
// kube-linter and kube-score (issue 16): the Pod Security Standard controls,
// RBAC judged at the binding, the workload rules, UDP probe ports and the
// Ingress backends of the pre-v1 API versions.
#include "policy_test_util.h"

namespace mast {
namespace {

using testing::Replace;
using testing::RuleLinter;

// A pod whose first container has the securityContext CONTEXT.
const char* const kContainerContext = R"(apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  containers:
  - name: app
    image: ghcr.io/example/app:1.0.0
    securityContext: CONTEXT
)";

TEST_CASE("procMount: only Default is allowed", "[policies][security]") {
  RuleLinter rule("security-proc-mount-unmasked");
  CHECK(rule.Count(Replace(kContainerContext, "CONTEXT", "{ procMount: Default }")) == 0);
  CHECK(rule.Count(Replace(kContainerContext, "CONTEXT", "{}")) == 0);
  CHECK(rule.Messages(Replace(kContainerContext, "CONTEXT", "{ procMount: Unmasked }")) ==
        std::vector<std::string>{"container `app` mounts an unmasked `/proc`"});
  CHECK(rule.Messages(Replace(kContainerContext, "CONTEXT", "{ procMount: Masked }")) ==
        std::vector<std::string>{"container `app` sets `procMount: \"Masked\"`; only `Default` is allowed"});
}

TEST_CASE("dropping capabilities: Baseline and Restricted give one finding each", "[policies][security]") {
  struct Case {
    const char* drop;
    bool not_dropped;  // security-capabilities-not-dropped: neither ALL nor NET_RAW
    bool drop_all;     // security-capabilities-drop-all: NET_RAW but not ALL
  };
  const Case cases[] = {
      {"[ALL]", false, false},          {"[all]", false, false},         {"[CAP_NET_RAW]", false, true},
      {"[NET_RAW, MKNOD]", false, true}, {"[MKNOD]", true, false},        {"[]", true, false},
  };
  RuleLinter not_dropped("security-capabilities-not-dropped");
  RuleLinter drop_all("security-capabilities-drop-all");
  for (const Case& c : cases) {
    INFO("drop: " << c.drop);
    std::string yaml = Replace(kContainerContext, "CONTEXT", std::string("{ capabilities: { drop: ") + c.drop + " } }");
    CHECK(not_dropped.Count(yaml) == (c.not_dropped ? 1u : 0u));
    CHECK(drop_all.Count(yaml) == (c.drop_all ? 1u : 0u));
  }
}

TEST_CASE("the root group and low ids, from the pod or the container", "[policies][security]") {
  const std::string pod_group =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n  securityContext: { runAsUser: 20000, runAsGroup: GROUP }\n"
      "  containers:\n  - name: app\n    image: ghcr.io/example/app:1.0.0\n    securityContext: CONTEXT\n";
  RuleLinter root_group("security-run-as-group-root");
  CHECK(root_group.Count(Replace(Replace(pod_group, "GROUP", "0"), "CONTEXT", "{}")) == 1);
  CHECK(root_group.Count(Replace(Replace(pod_group, "GROUP", "0"), "CONTEXT", "{ runAsGroup: 3000 }")) == 0);
  CHECK(root_group.Count(Replace(Replace(pod_group, "GROUP", "3000"), "CONTEXT", "{ runAsGroup: 0 }")) == 1);

  RuleLinter low_ids("security-user-group-id-low");
  CHECK(low_ids.Count(Replace(Replace(pod_group, "GROUP", "20000"), "CONTEXT", "{}")) == 0);
  CHECK(low_ids.Messages(Replace(Replace(pod_group, "GROUP", "20000"), "CONTEXT", "{ runAsUser: 1000 }")) ==
        std::vector<std::string>{"container `app` runs with `runAsUser: 1000`, below 10000"});
  CHECK(low_ids.Messages(Replace(kContainerContext, "CONTEXT", "{ runAsUser: 10001 }")) ==
        std::vector<std::string>{"container `app` sets no `runAsGroup`, so the image chooses the id"});
  std::map<std::string, Value> params = {{"security-user-group-id-low", Value::Map({{"minimum", {}, Value::Int(1000)}})}};
  RuleLinter lower("security-user-group-id-low", params);
  CHECK(lower.Count(Replace(Replace(pod_group, "GROUP", "20000"), "CONTEXT", "{ runAsUser: 1000 }")) == 0);
}

TEST_CASE("hostPath volumes, host processes and privileged ports", "[policies][security]") {
  RuleLinter host_path("security-host-path-volume");
  const std::string volume =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n  containers: [{ name: app, image: \"nginx:1.27.2\" }]\n"
      "  volumes: [VOLUME]\n";
  CHECK(host_path.Count(Replace(volume, "VOLUME", "{ name: d, hostPath: { path: /data } }")) == 1);
  CHECK(host_path.Count(Replace(volume, "VOLUME", "{ name: d, emptyDir: {} }")) == 0);

  RuleLinter host_process("security-windows-host-process");
  CHECK(host_process.Count(Replace(kContainerContext, "CONTEXT", "{ windowsOptions: { hostProcess: true } }")) == 1);
  CHECK(host_process.Count(Replace(kContainerContext, "CONTEXT", "{ windowsOptions: { hostProcess: false } }")) == 0);

  RuleLinter ports("security-privileged-port");
  const std::string port =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n  containers:\n  - name: app\n"
      "    image: ghcr.io/example/app:1.0.0\n    ports: [PORT]\n";
  CHECK(ports.Count(Replace(port, "PORT", "{ containerPort: 8080 }")) == 0);
  CHECK(ports.Count(Replace(port, "PORT", "{ containerPort: 1024 }")) == 0);
  CHECK(ports.Messages(Replace(port, "PORT", "{ containerPort: 8443, hostPort: 443 }")) ==
        std::vector<std::string>{"container `app` binds the privileged port `443` of the node"});
  CHECK(ports.Messages(Replace(port, "PORT", "{ containerPort: 53, protocol: UDP }")) ==
        std::vector<std::string>{"container `app` listens on the privileged port `53`"});
}

TEST_CASE("the rest of Baseline and Restricted: capabilities, volumes, SELinux, AppArmor", "[policies][security]") {
  RuleLinter added("security-capabilities-restricted");
  CHECK(added.Count(Replace(kContainerContext, "CONTEXT", "{ capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] } }")) == 0);
  CHECK(added.Count(Replace(kContainerContext, "CONTEXT", "{ capabilities: { add: [CAP_CHOWN] } }")) == 1);
  // Dangerous capabilities are security-capabilities-dangerous's errors, not reported twice.
  CHECK(added.Count(Replace(kContainerContext, "CONTEXT", "{ capabilities: { add: [SYS_ADMIN] } }")) == 0);

  RuleLinter volumes("security-volume-types-restricted");
  const std::string volume =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n  containers: [{ name: app, image: \"nginx:1.27.2\" }]\n"
      "  volumes: [VOLUME]\n";
  for (const char* allowed : {"{ name: v, emptyDir: {} }", "{ name: v, configMap: { name: c } }",
                              "{ name: v, projected: { sources: [] } }", "{ name: v, hostPath: { path: /data } }"}) {
    INFO(allowed);
    CHECK(volumes.Count(Replace(volume, "VOLUME", allowed)) == 0);
  }
  CHECK(volumes.Count(Replace(volume, "VOLUME", "{ name: v, iscsi: { targetPortal: 10.0.0.1, iqn: x, lun: 0 } }")) == 1);

  RuleLinter selinux("security-selinux-options");
  CHECK(selinux.Count(Replace(kContainerContext, "CONTEXT", "{ seLinuxOptions: { type: container_t, level: s0 } }")) == 0);
  CHECK(selinux.Messages(Replace(kContainerContext, "CONTEXT", "{ seLinuxOptions: { type: spc_t, user: system_u } }")) ==
        std::vector<std::string>{"the SELinux type `spc_t` is not a container type",
                                 "the SELinux `user` is set to `system_u`"});

  RuleLinter apparmor("security-apparmor-unconfined");
  CHECK(apparmor.Count(Replace(kContainerContext, "CONTEXT", "{ appArmorProfile: { type: Localhost, localhostProfile: p } }")) ==
        0);
  const std::string annotated =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  annotations:\n"
      "    container.apparmor.security.beta.kubernetes.io/app: VALUE\nspec:\n"
      "  containers: [{ name: app, image: \"nginx:1.27.2\" }]\n";
  CHECK(apparmor.Count(Replace(annotated, "VALUE", "unconfined")) == 1);
  CHECK(apparmor.Count(Replace(annotated, "VALUE", "runtime/default")) == 0);
}

// A Role, a ClusterRole and a binding BINDING (RoleBinding or
// ClusterRoleBinding) to the role REF_KIND named REF_NAME.
const char* const kRbac = R"(apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: shop }
rules:
- { apiGroups: [""], resources: [configmaps], verbs: [get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: debugger }
rules:
- { apiGroups: [""], resources: [RESOURCES], verbs: [VERBS] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: BINDING
metadata: { name: b, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: REF_KIND, name: REF_NAME }
subjects:
- { kind: ServiceAccount, name: api, namespace: shop }
)";

std::string Rbac(const std::string& binding, const std::string& kind, const std::string& name,
                 const std::string& resources = "pods", const std::string& verbs = "get") {
  return Replace(Replace(Replace(Replace(Replace(kRbac, "BINDING", binding), "REF_KIND", kind), "REF_NAME", name),
                         "RESOURCES", resources),
                 "VERBS", verbs);
}

TEST_CASE("a binding to a role that is not in the input", "[policies][rbac]") {
  RuleLinter rule("rbac-binding-role-missing");
  CHECK(rule.Count(Rbac("RoleBinding", "Role", "reader")) == 0);
  CHECK(rule.Count(Rbac("RoleBinding", "Role", "raeder")) == 1);
  CHECK(rule.Count(Rbac("RoleBinding", "ClusterRole", "debugger")) == 0);
  CHECK(rule.Count(Rbac("ClusterRoleBinding", "ClusterRole", "debuger")) == 1);
  // Roles that Kubernetes creates always exist.
  for (const char* builtin : {"system:auth-delegator", "view", "edit", "admin", "cluster-admin"}) {
    INFO(builtin);
    CHECK(rule.Count(Rbac("ClusterRoleBinding", "ClusterRole", builtin)) == 0);
  }
  // A Role of another namespace does not count.
  CHECK(rule.Count(Replace(Rbac("RoleBinding", "Role", "reader"), "{ name: b, namespace: shop }",
                           "{ name: b, namespace: blog }")) == 1);
  // An input without roles of the kind leaves bindings to it alone: the roles live in the cluster.
  const std::string binding_only =
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: b }\n"
      "roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: prometheus }\n"
      "subjects: [{ kind: ServiceAccount, name: prometheus, namespace: monitoring }]\n";
  CHECK(rule.Count(binding_only) == 0);
}

TEST_CASE("RBAC grants through wildcards, at the role and at the binding", "[policies][rbac]") {
  struct Case {
    const char* resources;
    const char* verbs;
    bool secrets, create, exec;  // rbac-secrets-read, rbac-pod-create, rbac-pod-exec
  };
  const Case cases[] = {
      {"pods", "get", false, false, false},
      {"\"*\"", "get", true, false, true},
      {"pods, pods/*", "create", false, true, true},
      {"pods", "\"*\"", false, true, false},
      {"secrets", "\"*\"", true, false, false},
      {"pods/attach", "get", false, false, true},
      {"configmaps", "\"*\"", false, false, false},
  };
  RuleLinter secrets("rbac-secrets-read");
  RuleLinter create("rbac-pod-create");
  RuleLinter exec("rbac-pod-exec");
  RuleLinter binding("rbac-binding-sensitive-grant");
  for (const Case& c : cases) {
    INFO(c.resources << " / " << c.verbs);
    std::string yaml = Rbac("RoleBinding", "ClusterRole", "debugger", c.resources, c.verbs);
    CHECK((secrets.Count(yaml) > 0) == c.secrets);
    CHECK((create.Count(yaml) > 0) == c.create);
    CHECK((exec.Count(yaml) > 0) == c.exec);
    CHECK(binding.Count(yaml) == (c.secrets || c.create || c.exec ? 1u : 0u));
  }
  CHECK(binding.Messages(Rbac("RoleBinding", "ClusterRole", "debugger", "pods/exec", "create")) ==
        std::vector<std::string>{"subjects ServiceAccount `shop/api` of RoleBinding `b` get `create` on `pods/exec` (rule 1) "
                                 "through ClusterRole `debugger`"});
  // Bindings to the default roles are exempt, even though `edit` can read Secrets.
  CHECK(binding.Count(Rbac("RoleBinding", "ClusterRole", "edit")) == 0);
  // A role that grants nothing sensitive, and a binding to a role that is not in the input.
  CHECK(binding.Count(Rbac("RoleBinding", "Role", "reader")) == 0);
  CHECK(binding.Count(Rbac("RoleBinding", "Role", "missing")) == 0);

  RuleLinter cluster_admin("rbac-cluster-admin-binding");
  CHECK(cluster_admin.Count(Rbac("ClusterRoleBinding", "ClusterRole", "cluster-admin")) == 1);
  CHECK(cluster_admin.Count(Rbac("RoleBinding", "Role", "cluster-admin")) == 1);
  CHECK(cluster_admin.Count(Rbac("RoleBinding", "ClusterRole", "admin")) == 0);
}

TEST_CASE("probes on ports served only over UDP", "[policies][probes]") {
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: dns }\nspec:\n  containers:\n  - name: dns\n"
      "    image: ghcr.io/example/dns:1.0.0\n    ports: [PORTS]\n    livenessProbe: { PROBE }\n";
  struct Case {
    const char* ports;
    const char* probe;
    bool finding;
  };
  const Case cases[] = {
      {"{ name: dns, containerPort: 53, protocol: UDP }", "tcpSocket: { port: 53 }", true},
      {"{ name: dns, containerPort: 53, protocol: UDP }", "tcpSocket: { port: dns }", true},
      {"{ name: dns, containerPort: 53, protocol: UDP }", "grpc: { port: 53 }", true},
      // The same number over TCP as well: the probe can connect.
      {"{ name: dns, containerPort: 53, protocol: UDP }, { name: dns-tcp, containerPort: 53 }", "tcpSocket: { port: 53 }",
       false},
      {"{ name: dns, containerPort: 53, protocol: UDP }, { name: health, containerPort: 8080 }",
       "httpGet: { path: /health, port: health }", false},
      {"{ name: dns, containerPort: 53, protocol: UDP }", "exec: { command: [dig, localhost] }", false},
  };
  RuleLinter rule("probe-port-udp");
  for (const Case& c : cases) {
    INFO(c.ports << " / " << c.probe);
    CHECK(rule.Count(Replace(Replace(pod, "PORTS", c.ports), "PROBE", c.probe)) == (c.finding ? 1u : 0u));
  }
}

TEST_CASE("Ingress backends of the pre-v1 API versions", "[policies][networking]") {
  const std::string service =
      "apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n"
      "---\n";
  const std::string ingress =
      "apiVersion: VERSION\nkind: Ingress\nmetadata: { name: shop }\nspec:\n  backend: { serviceName: DEFAULT, servicePort: 80 }\n"
      "  rules:\n  - http:\n      paths:\n      - { path: /, backend: { serviceName: PATH, servicePort: 80 } }\n";
  RuleLinter rule("ingress-backend-service-missing");
  for (const char* version : {"extensions/v1beta1", "networking.k8s.io/v1beta1"}) {
    INFO(version);
    std::string yaml = service + Replace(ingress, "VERSION", version);
    CHECK(rule.Count(Replace(Replace(yaml, "DEFAULT", "web"), "PATH", "web")) == 0);
    CHECK(rule.Messages(Replace(Replace(yaml, "DEFAULT", "web"), "PATH", "shop")) ==
          std::vector<std::string>{"backend Service `shop` of Ingress `shop` is not in the input"});
    CHECK(rule.Count(Replace(Replace(yaml, "DEFAULT", "frontend"), "PATH", "shop")) == 2);
  }
}

const char* const kAntiAffinity = R"(apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db, tier: data } }
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - { topologyKey: kubernetes.io/hostname, labelSelector: SELECTOR TERM }
      containers:
      - { name: db, image: "postgres:16.4" }
)";

TEST_CASE("anti-affinity selectors that miss the pod's own labels", "[policies][workloads]") {
  RuleLinter rule("anti-affinity-selector-mismatch");
  auto count = [&](const std::string& selector, const std::string& term = "") {
    return rule.Count(Replace(Replace(kAntiAffinity, "SELECTOR", selector), "TERM", term));
  };
  CHECK(count("{ matchLabels: { app: db } }") == 0);
  CHECK(count("{ matchExpressions: [{ key: tier, operator: In, values: [data] }] }") == 0);
  CHECK(count("{ matchLabels: { app: database } }") == 1);
  CHECK(count("{ matchLabels: { app: db, role: primary } }") == 1);
  // A term about pods of other namespaces keeps away from other pods on purpose.
  CHECK(count("{ matchLabels: { app: cache } }", ", namespaces: [cache]") == 0);
}

TEST_CASE("StatefulSet Services, Deployment strategies and service accounts", "[policies][workloads]") {
  const std::string statefulset = Replace(Replace(kAntiAffinity, "SELECTOR", "{ matchLabels: { app: db } }"), "TERM", "");
  const std::string service = "---\napiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec:\n  CLUSTER_IP"
                              "selector: { app: db }\n  ports: [{ port: 5432 }]\n";
  RuleLinter headless("statefulset-service-not-headless");
  CHECK(headless.Count(statefulset) == 0);  // the Service is not in the input
  CHECK(headless.Count(statefulset + Replace(service, "CLUSTER_IP", "")) == 1);
  CHECK(headless.Count(statefulset + Replace(service, "CLUSTER_IP", "clusterIP: None\n  ")) == 0);

  const std::string deployment =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: db }\nspec:\n  strategy: { type: Recreate }\n"
      "  selector: { matchLabels: { app: db } }\n  template:\n    metadata: { labels: { app: db } }\n    spec:\n"
      "      SERVICE_ACCOUNT\n      containers: [{ name: db, image: \"postgres:16.4\" }]\n";
  RuleLinter strategy("deployment-update-strategy");
  CHECK(strategy.Count(Replace(deployment, "SERVICE_ACCOUNT", "")) == 0);  // no Service: a singleton may need Recreate
  CHECK(strategy.Count(Replace(deployment, "SERVICE_ACCOUNT", "") + Replace(service, "CLUSTER_IP", "")) == 1);

  RuleLinter default_account("service-account-default");
  RuleLinter deprecated("service-account-deprecated-field");
  CHECK(default_account.Count(Replace(deployment, "SERVICE_ACCOUNT", "")) == 1);
  CHECK(default_account.Count(Replace(deployment, "SERVICE_ACCOUNT", "serviceAccountName: default")) == 1);
  CHECK(default_account.Count(Replace(deployment, "SERVICE_ACCOUNT", "serviceAccountName: db")) == 0);
  CHECK(default_account.Count(Replace(deployment, "SERVICE_ACCOUNT", "serviceAccount: db")) == 0);
  CHECK(deprecated.Count(Replace(deployment, "SERVICE_ACCOUNT", "serviceAccountName: db")) == 0);
  CHECK(deprecated.Messages(Replace(deployment, "SERVICE_ACCOUNT", "serviceAccount: db")) ==
        std::vector<std::string>{"pod template of Deployment `db` uses the deprecated field `serviceAccount`"});
  CHECK(deprecated.Messages(Replace(deployment, "SERVICE_ACCOUNT", "serviceAccount: db\n      serviceAccountName: api")) ==
        std::vector<std::string>{"pod template of Deployment `db` sets the deprecated `serviceAccount: \"db\"`, which "
                                 "differs from `serviceAccountName: \"api\"`"});
}

TEST_CASE("HorizontalPodAutoscaler minimum replicas", "[policies][availability]") {
  const std::string hpa =
      "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\nspec:\n"
      "  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  MIN\n  maxReplicas: 10\n";
  RuleLinter rule("hpa-min-replicas-low");
  CHECK(rule.Messages(Replace(hpa, "MIN", "")) ==
        std::vector<std::string>{"`minReplicas` is not set on HorizontalPodAutoscaler `web`, so it scales down to 1 replica"});
  CHECK(rule.Count(Replace(hpa, "MIN", "minReplicas: 1")) == 1);
  CHECK(rule.Count(Replace(hpa, "MIN", "minReplicas: 2")) == 0);
  std::map<std::string, Value> params = {{"hpa-min-replicas-low", Value::Map({{"minimum", {}, Value::Int(3)}})}};
  RuleLinter three("hpa-min-replicas-low", params);
  CHECK(three.Count(Replace(hpa, "MIN", "minReplicas: 2")) == 1);
}

TEST_CASE("budgets against the autoscaler's minimum, and budgets without a policy", "[policies][availability]") {
  const std::string workload =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n"
      "  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers: [{ name: web, image: \"nginx:1.27.2\" }]\n"
      "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\nspec:\n"
      "  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  MIN_REPLICAS\n  maxReplicas: 10\n";
  const std::string budget =
      "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web }\nspec:\n  BUDGET\n"
      "  selector: { matchLabels: { app: web } }\n";
  auto yaml = [&](const std::string& min_replicas, const std::string& amount) {
    return Replace(workload, "MIN_REPLICAS", min_replicas) + Replace(budget, "BUDGET", amount);
  };
  RuleLinter blocks("pdb-blocks-autoscaler-minimum");
  CHECK(blocks.Count(yaml("minReplicas: 3", "minAvailable: 2")) == 0);
  CHECK(blocks.Count(yaml("minReplicas: 3", "minAvailable: 3")) == 1);
  CHECK(blocks.Count(yaml("", "minAvailable: 1")) == 1);  // minReplicas defaults to 1
  CHECK(blocks.Count(yaml("minReplicas: 2", "minAvailable: \"50%\"")) == 0);
  CHECK(blocks.Count(yaml("minReplicas: 2", "maxUnavailable: 1")) == 0);

  RuleLinter policy("pdb-policy-missing");
  CHECK(policy.Count(yaml("minReplicas: 2", "maxUnavailable: 1")) == 0);
  CHECK(policy.Count(yaml("minReplicas: 2", "minAvailable: 0")) == 0);  // a value, even 0, is a policy
  CHECK(policy.Count(yaml("minReplicas: 2", "unhealthyPodEvictionPolicy: AlwaysAllow")) == 1);
}

TEST_CASE("requests equal to limits, per resource", "[policies][resources]") {
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: db }\nspec:\n  containers:\n  - name: db\n    image: postgres:16.4\n"
      "    resources: RESOURCES\n";
  RuleLinter rule("resources-requests-equal-limits");
  CHECK(rule.Count(Replace(pod, "RESOURCES", "{ requests: { cpu: 1000m, memory: 1Gi }, limits: { cpu: \"1\", memory: 1024Mi } }")) ==
        0);
  // A missing request defaults to the limit.
  CHECK(rule.Count(Replace(pod, "RESOURCES", "{ limits: { cpu: \"1\", memory: 1Gi } }")) == 0);
  CHECK(rule.Messages(Replace(pod, "RESOURCES", "{ requests: { cpu: 500m, memory: 1Gi } }")) ==
        std::vector<std::string>{"container `db` has no `cpu` limit to match its request",
                                 "container `db` has no `memory` limit to match its request"});
  std::map<std::string, Value> params = {
      {"resources-requests-equal-limits", Value::Map({{"resources", {}, Value::List({Value::String("memory")})}})}};
  RuleLinter memory("resources-requests-equal-limits", params);
  CHECK(memory.Count(Replace(pod, "RESOURCES", "{ requests: { cpu: 500m, memory: 1Gi }, limits: { cpu: \"1\", memory: 1Gi } }")) ==
        0);
}

TEST_CASE("NetworkPolicy peers that select no pod", "[policies][networking]") {
  const std::string yaml =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n"
      "  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n"
      "    spec:\n      containers: [{ name: web, image: \"nginx:1.27.2\" }]\n---\n"
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: shop }\nspec:\n"
      "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [PEER]\n";
  RuleLinter rule("network-policy-peer-selects-nothing");
  CHECK(rule.Count(Replace(yaml, "PEER", "{ podSelector: { matchLabels: { app: web } } }")) == 0);
  CHECK(rule.Count(Replace(yaml, "PEER", "{ podSelector: { matchLabels: { app: db } } }")) == 1);
  CHECK(rule.Count(Replace(yaml, "PEER", "{ podSelector: {} }")) == 0);  // every pod of the namespace
  // Pods of other namespaces are often in other inputs.
  CHECK(rule.Count(Replace(yaml, "PEER", "{ namespaceSelector: {}, podSelector: { matchLabels: { app: db } } }")) == 0);
  CHECK(rule.Count(Replace(yaml, "PEER", "{ ipBlock: { cidr: 10.0.0.0/8 } }")) == 0);
}

}  // namespace
}  // namespace mast
