#!/usr/bin/env python3
"""Generates the language server benchmark inputs (deterministic).

Usage: bench/lsp/gen_workspace.py OUT_DIR

  OUT_DIR/mast/lib/platform.mast   schemas and functions shared by the teams
  OUT_DIR/mast/team-N.mast         five files of services built with them
  OUT_DIR/deploy.yaml              Kubernetes YAML: Deployments, Services, ConfigMaps

Each of the two inputs is about 5,000 lines.
"""
import os
import sys

LIB = '''import "k8s/apps/v1" as apps
import "k8s/core/v1" as core

type Port = int(1..65535)
type DnsLabel = string(matches: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", len: 1..63)
type Tier = "web" | "worker" | "batch"

/// Resources a container asks for and may use.
schema Size {
  cpu: string = "100m"
  memory: string = "128Mi"
  limit: string = "256Mi"
}

/// One service of a team.
schema Service {
  name: DnsLabel
  team: string
  image: string
  tier: Tier = "web"
  replicas: int(1..50) = 2
  port: Port = 8080
  env: {string: string} = {}
  size: Size = Size {}
  probePath: string = "/healthz"
  check replicas >= 2 || tier != "web" : "a web service needs at least 2 replicas"
}

fn labels(s: Service): {string: string} = {
  "app.kubernetes.io/name": s.name
  "app.kubernetes.io/part-of": s.team
  "app.kubernetes.io/managed-by": "mast"
  tier: s.tier
}

fn container(s: Service): core.Container = {
  name: s.name
  image: s.image
  ports: [{ name: "http", containerPort: s.port }]
  env: [for k, v in s.env: { name: k, value: v }]
  readinessProbe: { httpGet: { path: s.probePath, port: "http" }, periodSeconds: 10 }
  livenessProbe: { httpGet: { path: s.probePath, port: "http" }, periodSeconds: 20, failureThreshold: 5 }
  resources: {
    requests: { cpu: s.size.cpu, memory: s.size.memory }
    limits: { memory: s.size.limit }
  }
  securityContext: {
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    runAsNonRoot: true
    capabilities: { drop: ["ALL"] }
  }
}

fn deployment(s: Service): apps.Deployment = {
  metadata: { name: s.name, namespace: s.team, labels: labels(s) }
  spec: {
    replicas: s.replicas
    selector: { matchLabels: { "app.kubernetes.io/name": s.name } }
    template: {
      metadata: { labels: labels(s) }
      spec: {
        automountServiceAccountToken: false
        securityContext: { seccompProfile: { type: "RuntimeDefault" } }
        containers: [container(s)]
      }
    }
  }
}

fn service(s: Service): core.Service = {
  metadata: { name: s.name, namespace: s.team, labels: labels(s) }
  spec: {
    selector: { "app.kubernetes.io/name": s.name }
    ports: [{ name: "http", port: 80, targetPort: "http" }]
  }
}
'''


def team_file(team, services):
    out = [f'import "lib/platform.mast" as lib\n', f'\nlet team = "team-{team}"\n']
    for i in range(services):
        name = f"t{team}-svc-{i}"
        out.append(f'''
/// Service {i} of team {team}.
let svc{i} = lib.Service {{
  name: "{name}"
  team: team
  image: "registry.example.com/team-{team}/{name}:1.{i % 9}.{i % 7}"
  tier: "{'worker' if i % 3 == 2 else 'web'}"
  replicas: {2 + i % 4}
  port: {8000 + i}
  env: {{
    LOG_LEVEL: "info"
    FEATURE_{i}: "on"
    UPSTREAM: "http://t{team}-svc-{(i + 1) % services}"
  }}
  size: lib.Size {{ cpu: "{100 + 10 * (i % 5)}m", memory: "{128 + 64 * (i % 3)}Mi", limit: "512Mi" }}
}}
emit lib.deployment(svc{i})
emit lib.service(svc{i})
''')
    return "".join(out)


def deployment_yaml(i):
    name = f"app-{i}"
    return f'''apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: shop
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: shop
spec:
  replicas: {2 + i % 3}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
        app.kubernetes.io/part-of: shop
    spec:
      automountServiceAccountToken: false
      containers:
      - name: main
        image: registry.example.com/shop/{name}:1.{i % 40}.{i % 9}
        ports:
        - name: http
          containerPort: 8080
        env:
        - name: LOG_LEVEL
          value: info
        readinessProbe:
          httpGet: {{ path: /ready, port: http }}
        livenessProbe:
          httpGet: {{ path: /live, port: http }}
          periodSeconds: 20
        resources:
          requests: {{ cpu: 100m, memory: 128Mi }}
          limits: {{ memory: 256Mi }}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          runAsNonRoot: true
---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: shop
  labels:
    app.kubernetes.io/name: {name}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
  - name: http
    port: 80
    targetPort: http
---
'''


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "bench/out/lsp"
    os.makedirs(os.path.join(out, "mast", "lib"), exist_ok=True)
    with open(os.path.join(out, "mast", "lib", "platform.mast"), "w") as f:
        f.write(LIB)
    for team in range(5):
        with open(os.path.join(out, "mast", f"team-{team}.mast"), "w") as f:
            f.write(team_file(team, 48))
    with open(os.path.join(out, "deploy.yaml"), "w") as f:
        f.write("".join(deployment_yaml(i) for i in range(84)))


if __name__ == "__main__":
    main()
