// Table-driven tests of the rules with tricky logic in one object: quantity
// comparisons, label selectors, image references, probes, users, secrets,
// the removed-API table, and the call memo. The rules over several objects
// are in policy_workload_rules_test.cpp.
#include <filesystem>
#include <fstream>
#include <regex>

#include "policies/builtin_sources.h"
#include "policy_test_util.h"
#include "schemas/check/removed_apis.h"
#include "schemas/kube_catalog.h"

namespace mast {
namespace {

using testing::Linter;
using testing::NotFindings;
using testing::OfRule;
using testing::Replace;
using testing::RuleLinter;


const char* const kPod = R"(apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  containers:
  - name: app
    image: IMAGE
    PULL
    resources:
      requests: { cpu: REQUEST }
      limits: { cpu: LIMIT }
)";

TEST_CASE("requests are compared with limits as quantities", "[policies][resources]") {
  struct Case {
    const char* request;
    const char* limit;
    bool exceeds;
  };
  const Case cases[] = {
      {"500m", "\"1\"", false},   {"1500m", "\"1\"", true},    {"\"1\"", "1000m", false},  {"2", "1500m", true},
      {"1Gi", "1024Mi", false},   {"1.5Gi", "1G", true},       {"1G", "1Gi", false},       {"129M", "128Mi", false},
      {"512Mi", "0.5Gi", false},  {"100m", "\"0.1\"", false},  {"1e3", "1k", false},       {"2", "1", true},
      {"0.25", "250m", false},    {"lots", "1", false},        {"1Ki", "1000", true},      {"1", "1.5", false},
  };
  RuleLinter rule("resources-requests-exceed-limits");
  for (const Case& c : cases) {
    INFO("request " << c.request << ", limit " << c.limit);
    std::string yaml = Replace(Replace(Replace(Replace(kPod, "IMAGE", "nginx:1.27.2"), "PULL", ""), "REQUEST", c.request),
                               "LIMIT", c.limit);
    std::vector<Diagnostic> findings = rule.Findings(yaml);
    CHECK(findings.size() == (c.exceeds ? 1u : 0u));
    if (!findings.empty()) CHECK_THAT(rule.linter().LineAt(findings[0]), Catch::Matchers::Contains("requests:"));
  }
}

TEST_CASE("a limit alone counts as a request", "[policies][resources]") {
  RuleLinter rule("resources-requests-missing");
  CHECK(rule.Count(R"(apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  containers:
  - { name: app, image: "nginx:1.27.2", resources: { limits: { cpu: "1", memory: 1Gi } } }
)") == 0);
  std::vector<Diagnostic> findings = rule.Findings(R"(apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  initContainers:
  - { name: init, image: "busybox:1.37", resources: { requests: { cpu: 10m } } }
  containers:
  - { name: app, image: "nginx:1.27.2" }
)");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message == "container `init` has no `memory` request");
  CHECK(findings[1].message == "container `app` has no `cpu` and `memory` request");
}

const char* const kWorkload = R"(apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: SELECTOR
  template:
    metadata: { labels: { app: web, tier: front } }
    spec:
      containers:
      - { name: web, image: "nginx:1.27.2" }
)";

TEST_CASE("workload selectors are matched against their template labels", "[policies][labels]") {
  struct Case {
    const char* selector;
    bool matches;
  };
  const Case cases[] = {
      {"{ matchLabels: { app: web } }", true},
      {"{ matchLabels: { app: web, tier: front } }", true},
      {"{ matchLabels: { app: web, tier: back } }", false},
      {"{ matchLabels: { app: api } }", false},
      {"{ matchExpressions: [{ key: app, operator: In, values: [web, api] }] }", true},
      {"{ matchExpressions: [{ key: app, operator: In, values: [api] }] }", false},
      {"{ matchExpressions: [{ key: app, operator: NotIn, values: [web] }] }", false},
      {"{ matchExpressions: [{ key: app, operator: NotIn, values: [api] }] }", true},
      {"{ matchExpressions: [{ key: tier, operator: Exists }] }", true},
      {"{ matchExpressions: [{ key: zone, operator: Exists }] }", false},
      {"{ matchExpressions: [{ key: tier, operator: DoesNotExist }] }", false},
      {"{ matchExpressions: [{ key: zone, operator: DoesNotExist }] }", true},
      {"{ matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [back] }] }", false},
  };
  RuleLinter rule("labels-selector-mismatch");
  for (const Case& c : cases) {
    INFO("selector " << c.selector);
    CHECK(rule.Count(Replace(kWorkload, "SELECTOR", c.selector)) == (c.matches ? 0u : 1u));
  }
  // A ReplicationController's selector is a plain map.
  std::string rc = Replace(Replace(kWorkload, "apps/v1", "v1"), "Deployment", "ReplicationController");
  CHECK(rule.Count(Replace(rc, "SELECTOR", "{ app: web }")) == 0);
  CHECK(rule.Count(Replace(rc, "SELECTOR", "{ app: api }")) == 1);
}

TEST_CASE("image references: tags, digests and registry ports", "[policies][images]") {
  struct Case {
    const char* image;
    bool moving;  // image-latest-tag
    bool pinned;  // no image-digest-missing
  };
  const std::string digest = "sha256:2426c815287ed75a3a33dd28512eba4f0f783946844209ccf3fa8990817a4eb9";
  const Case cases[] = {
      {"nginx", true, false},
      {"nginx:latest", true, false},
      {"nginx:1.27.2", false, false},
      {"nginx@DIGEST", false, true},
      {"nginx:latest@DIGEST", false, true},
      {"registry:5000/app", true, false},
      {"registry:5000/app:1.2", false, false},
      {"registry:5000/app:latest", true, false},
      {"registry:5000/team/app@DIGEST", false, true},
      {"localhost/app", true, false},
      {"ghcr.io/example/app:v1.0.0", false, false},
  };
  RuleLinter latest("image-latest-tag");
  RuleLinter pinned("image-digest-missing");
  for (const Case& c : cases) {
    std::string image = Replace(c.image, "DIGEST", digest);
    INFO("image " << image);
    std::string yaml = Replace(Replace(Replace(Replace(kPod, "IMAGE", image), "PULL", ""), "REQUEST", "1"), "LIMIT", "1");
    CHECK(latest.Count(yaml) == (c.moving ? 1u : 0u));
    CHECK(pinned.Count(yaml) == (c.pinned ? 0u : 1u));
  }
}

TEST_CASE("imagePullPolicy must fit the image reference", "[policies][images]") {
  struct Case {
    const char* image;
    const char* policy;
    bool finding;
  };
  const Case cases[] = {
      {"nginx", "IfNotPresent", true},    {"nginx:latest", "Never", true},      {"nginx:latest", "Always", false},
      {"nginx:1.27.2", "IfNotPresent", false}, {"nginx:1.27.2", "Always", false}, {"nginx@DIGEST", "Always", true},
      {"nginx@DIGEST", "IfNotPresent", false}, {"nginx", "", false},
  };
  RuleLinter rule("image-pull-policy-inconsistent");
  for (const Case& c : cases) {
    std::string image = Replace(c.image, "DIGEST", "sha256:2426c815287ed75a3a33dd28512eba4f0f783946844209ccf3fa8990817a4eb9");
    std::string pull = *c.policy ? std::string("imagePullPolicy: ") + c.policy : "";
    INFO(image << " " << pull);
    CHECK(rule.Count(Replace(Replace(Replace(Replace(kPod, "IMAGE", image), "PULL", pull), "REQUEST", "1"), "LIMIT", "1")) ==
          (c.finding ? 1u : 0u));
  }
}

TEST_CASE("the registry allow-list is a parameter", "[policies][images]") {
  std::map<std::string, Value> params = {
      {"image-registry-not-allowed",
       Value::Map({{"allowedRegistries", {}, Value::List({Value::String("ghcr\\.io/example/"), Value::String("docker\\.io/library/")})}})}};
  RuleLinter rule("image-registry-not-allowed", params);
  struct Case {
    const char* image;
    bool allowed;
  };
  const Case cases[] = {
      {"ghcr.io/example/api:1.0.0", true},  {"ghcr.io/other/api:1.0.0", false}, {"docker.io/library/nginx:1.27.2", true},
      {"nginx:1.27.2", true},  // docker.io/library/nginx, as Docker normalizes it
      {"bitnami/nginx:1.27.2", false},
      {"quay.io/example/api:1.0.0", false},
  };
  for (const Case& c : cases) {
    INFO("image " << c.image);
    std::string yaml = Replace(Replace(Replace(Replace(kPod, "IMAGE", c.image), "PULL", ""), "REQUEST", "1"), "LIMIT", "1");
    CHECK(rule.Count(yaml) == (c.allowed ? 0u : 1u));
  }
}

TEST_CASE("probe ports must be declared", "[policies][probes]") {
  struct Case {
    const char* ports;
    const char* port;
    bool finding;
  };
  const Case cases[] = {
      {"[]", "8080", false},  // nothing declared: a numbered port may still be open
      {"[]", "http", true},   // a named port must be declared
      {"[{ name: http, containerPort: 80 }]", "80", false},
      {"[{ name: http, containerPort: 80 }]", "http", false},
      {"[{ name: http, containerPort: 80 }]", "8080", true},
      {"[{ name: http, containerPort: 80 }]", "metrics", true},
  };
  RuleLinter rule("probe-port-undeclared");
  for (const Case& c : cases) {
    INFO("ports " << c.ports << ", probe port " << c.port);
    std::string yaml = std::string(R"(apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  containers:
  - name: app
    image: nginx:1.27.2
    ports: )") + c.ports + "\n    livenessProbe: { tcpSocket: { port: " + c.port + " } }\n";
    CHECK(rule.Count(yaml) == (c.finding ? 1u : 0u));
  }
}

TEST_CASE("the effective user comes from the container or the pod", "[policies][security]") {
  struct Case {
    const char* pod;
    const char* container;
    bool finding;
  };
  const Case cases[] = {
      {"{ runAsNonRoot: true }", "{}", false},
      {"{}", "{ runAsUser: 1000 }", false},
      {"{ runAsNonRoot: true }", "{ runAsUser: 0 }", true},
      {"{ runAsUser: 0 }", "{ runAsUser: 1000 }", false},
      {"{ runAsUser: 1000 }", "{ runAsNonRoot: false }", false},
      {"{}", "{}", true},
      {"{ runAsNonRoot: false }", "{}", true},
  };
  RuleLinter rule("security-run-as-root");
  for (const Case& c : cases) {
    INFO("pod " << c.pod << ", container " << c.container);
    std::string yaml = std::string("apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n  securityContext: ") +
                       c.pod + "\n  containers:\n  - { name: app, image: \"nginx:1.27.2\", securityContext: " +
                       c.container + " }\n";
    CHECK(rule.Count(yaml) == (c.finding ? 1u : 0u));
  }
  // Windows pods are out of scope of the Linux user settings.
  CHECK(rule.Count(R"(apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  os: { name: windows }
  containers:
  - { name: app, image: "mcr.microsoft.com/windows/servercore:ltsc2022" }
)") == 0);
}

TEST_CASE("secret-looking literals", "[policies][secrets]") {
  struct Case {
    const char* name;
    const char* value;
    bool finding;
  };
  const Case cases[] = {
      {"DB_PASSWORD", "hunter2", true},
      {"apiKey", "3f9a2c", true},
      {"CLIENT_SECRET", "s3cr3t", true},
      {"DB_PASSWORD_FILE", "/var/run/secrets/db", false},
      {"TOKEN_URL", "https://auth.example.com/token", false},
      {"SECRET_NAME", "orders-db", false},
      {"API_KEY", "$(API_KEY_FROM_SECRET)", false},
      {"PASSWORD", "", false},
      {"LOG_LEVEL", "debug", false},
      {"AWS_ID", "AKIAIOSFODNN7EXAMPLE", true},
      {"GH", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", true},
      // Names ending in _KEY or _KEY_CONTENT, and cloud credential names.
      {"STRIPE_KEY", "rk_live_51Habc", true},
      {"SIGNING_KEY_CONTENT", "c2lnbmluZy1rZXk=", true},
      {"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG", true},
      {"AZURE_CLIENT_SECRET", "8Q~abcdefg", true},
      {"GOOGLE_APPLICATION_CREDENTIALS", "{ type: service_account }", true},
      {"GOOGLE_APPLICATION_CREDENTIALS", "/var/run/secrets/gcp/key.json", false},
      {"AWS_ACCESS_KEY_ID", "AKIA-not-a-real-id", false},  // an id, not the key
      {"KEY_PATH", "/etc/tls/tls.key", false},
      {"MONKEY", "banana", false},
      // PEM headers, matched tolerantly, whatever the variable is called.
      {"TLS", "-----BEGIN RSA PRIVATE KEY-----", true},
      {"TLS", "-----BEGIN OPENSSH PRIVATE KEY-----", true},
      {"TLS", "---- BEGIN ENCRYPTED PRIVATE KEY ----", true},
      {"TLS", "-----BEGIN PGP PRIVATE KEY BLOCK-----", true},
      {"TLS", "-----BEGIN CERTIFICATE-----", false},
  };
  RuleLinter rule("secrets-literal-value");
  for (const Case& c : cases) {
    INFO(c.name << "=" << c.value);
    std::string env = std::string("{ name: ") + c.name + ", value: \"" + c.value + "\" }";
    CHECK(rule.Count(std::string("apiVersion: v1\nkind: Pod\nmetadata: { name: app }\nspec:\n  containers:\n"
                                 "  - { name: app, image: \"nginx:1.27.2\", env: [") +
                     env + "] }\n") == (c.finding ? 1u : 0u));
    CHECK(rule.Count(std::string("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: app }\ndata:\n  ") + c.name + ": \"" +
                     c.value + "\"\n") == (c.finding ? 1u : 0u));
  }
}

TEST_CASE("the removed API table matches the schema checker's", "[policies][api-lifecycle]") {
  std::string source;
  for (const BuiltinPolicySource& file : BuiltinPolicySources()) {
    if (file.path == "builtin/api-lifecycle.mast") source = file.text;
  }
  REQUIRE(!source.empty());
  const std::regex row(R"re(apiVersion: "([^"]+)",\s*kind: "([^"]+)",\s*removedIn: "([^"]+)", replacement: "([^"]*)")re");
  RuleLinter rule("api-version-removed");
  size_t rows = 0;
  size_t derived = 0;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), row); it != std::sregex_iterator(); ++it, ++rows) {
    const std::string api = (*it)[1], kind = (*it)[2], removed_in = (*it)[3], replacement = (*it)[4];
    INFO(api << " " << kind);
    if (const RemovedApi* removed = FindRemovedApi(api, kind)) {
      CHECK(removed->removed_in == removed_in);
      CHECK(removed->replacement == replacement);
    } else {
      // Removed after the oldest built-in release: the schema checker reads
      // the removal from the specs, and must agree.
      const schemas::CatalogView& view = KubeCatalog::Embedded().view();
      const uint32_t resource = view.FindResourceInAnyRelease(api, kind);
      REQUIRE(resource != schemas::kNone);
      const ReleaseMask served = view.ResourceReleases(resource);
      const uint32_t last = 31u - static_cast<uint32_t>(__builtin_clz(served));
      REQUIRE(last + 1 < view.release_count());
      CHECK(view.ReleaseName(last + 1) == removed_in);
      CHECK(KubeCatalog::Embedded().KnowsResource(replacement, kind));
      ++derived;
    }
    std::vector<Diagnostic> findings =
        rule.Findings("apiVersion: " + api + "\nkind: " + kind + "\nmetadata: { name: x }\n");
    REQUIRE(findings.size() == 1);
    CHECK_THAT(findings[0].message, Catch::Matchers::Contains("removed in Kubernetes " + removed_in));
  }
  CHECK(rows == 57);  // every row of schemas/check/removed_apis.cpp, and the 4 the specs give
  CHECK(derived == 4);
  CHECK(rule.Count("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\n") == 0);
}


TEST_CASE("a helper that stops being remembered still computes every call", "[policies][memo]") {
  // `twice` is called with a different argument on each object, so its
  // call memo switches itself off after its first 256 calls; `kindOf` gets
  // the same object from both call sites and stays remembered. Every
  // object must still get its own answer.
  const std::string policy = R"(
fn twice(n: any): any = n * 2
fn kindOf(object: any): any = object.kind

policy "memo-probe" {
  description: "Flags the objects whose n is 5"
  violations(object):
    if kindOf(object) == "ConfigMap" && twice(object.data.n) == 10 && kindOf(object) != "" then [violation(object, "n is 5")]
    else []
}
)";
  const std::string path = testing::WriteTestFile("memo_probe.mast", policy);
  PolicyOptions options;
  options.builtin = false;
  options.policy_files = {path};
  Linter linter(options);
  REQUIRE(linter.load_diagnostics().empty());
  std::string yaml;
  for (int i = 0; i < 600; ++i) {
    yaml += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c" + std::to_string(i) + " }\ndata: { n: " +
            std::to_string(i % 7) + " }\n";
  }
  std::vector<Diagnostic> findings = linter.Lint(yaml);
  size_t flagged = 0;
  for (const Diagnostic& d : findings) {
    INFO(d.message);
    CHECK(d.message == "n is 5");
    ++flagged;
  }
  CHECK(flagged == 85);  // i % 7 == 5 for i = 5, 12, ..., 593
}

}  // namespace
}  // namespace mast
