// The Jsonnet twin of bench/gen_pairs.mast: the same 1,000 Deployment +
// Service pairs, wrapped in the same `v1 List` that `mast build --format json`
// writes. bench/check_equal.py checks that both outputs are equal.
//
// Strings are built with `+`, not with `%`: in jsonnet 0.18 (Debian's) `%` is
// std.format, written in Jsonnet itself, and makes this program about 20x
// slower (bench/gen_pairs_format.jsonnet is that variant; see README.md).
// The faster form is the fair comparison.
local teams = ['payments', 'search', 'identity', 'catalog', 'shipping', 'billing', 'ads', 'growth'];

local labels(s) = {
  'app.kubernetes.io/name': s.name,
  'app.kubernetes.io/part-of': s.team,
  'app.kubernetes.io/component': s.tier,
  'app.kubernetes.io/managed-by': 'mast',
};

local selector(s) = { 'app.kubernetes.io/name': s.name };

local deployment(s) = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: s.name,
    namespace: s.team,
    labels: labels(s),
    annotations: { 'example.com/owner': 'team-' + s.team + '@example.com' },
  },
  spec: {
    replicas: s.replicas,
    revisionHistoryLimit: 5,
    selector: { matchLabels: selector(s) },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    template: {
      metadata: { labels: labels(s) },
      spec: {
        serviceAccountName: s.name,
        terminationGracePeriodSeconds: 30,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001 },
        containers: [{
          name: 'app',
          image: s.image,
          imagePullPolicy: 'IfNotPresent',
          args: ['--port=' + s.port, '--log-format=json'],
          ports: [{ name: 'http', containerPort: s.port, protocol: 'TCP' }],
          env: [{ name: k, value: s.env[k] } for k in std.objectFields(s.env)] + [
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ],
          readinessProbe: {
            httpGet: { path: '/ready', port: 'http' },
            initialDelaySeconds: 5,
            periodSeconds: 10,
            failureThreshold: 3,
          },
          livenessProbe: {
            httpGet: { path: '/healthz', port: 'http' },
            initialDelaySeconds: 15,
            periodSeconds: 20,
            timeoutSeconds: 2,
          },
          resources: {
            requests: { cpu: s.cpuMillis + 'm', memory: s.memoryMi + 'Mi' },
            limits: { cpu: (s.cpuMillis * 2) + 'm', memory: (s.memoryMi * 2) + 'Mi' },
          },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
        }],
      },
    },
  },
};

local service(s) = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: s.name, namespace: s.team, labels: labels(s) },
  spec: {
    type: 'ClusterIP',
    selector: selector(s),
    ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
  },
};

local make(i) = {
  name: 'svc-' + i,
  index: i,
  team: teams[i % std.length(teams)],
  tier: if i % 4 == 0 then 'worker' else 'web',
  image: 'registry.example.com/' + teams[i % std.length(teams)] + '/svc-' + i + ':1.' + (i % 10) + '.0',
  replicas: 2 + i % 3,
  port: 8000 + i % 100,
  cpuMillis: 100 + (i % 8) * 50,
  memoryMi: 128 * (1 + i % 4),
  // Sorted by key, as std.objectFields returns them: the Mast record writes
  // these keys in this order too.
  env: {
    LOG_LEVEL: if i % 10 == 0 then 'debug' else 'info',
    SERVICE_INDEX: '' + i,
    TEAM: teams[i % std.length(teams)],
  },
};

{
  apiVersion: 'v1',
  kind: 'List',
  items: std.flattenArrays([
    local s = make(i);
    [deployment(s), service(s)]
    for i in std.range(0, 999)
  ]),
}
