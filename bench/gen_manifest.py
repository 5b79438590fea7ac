#!/usr/bin/env python3
"""Generates a large multi-document Kubernetes manifest for reader benchmarks.

Usage: bench/gen_manifest.py [--objects N] [--seed S] > manifest.yaml

The default (10,000 objects: Deployments, Services, ConfigMaps) is about
5 MB. The output is deterministic for a given seed.
"""
import argparse
import random


def deployment(i, rnd):
    name = f"app-{i}"
    env = "".join(
        f"        - name: VAR_{j}\n          value: \"value-{rnd.randint(0, 99999)}\"\n" for j in range(rnd.randint(2, 5)))
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: team-{i % 17}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: shop
    tier: backend
  annotations:
    deployment.kubernetes.io/revision: "3"
spec:
  replicas: {rnd.randint(1, 9)}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
    spec:
      containers:
      - name: main
        image: registry.example.com/shop/{name}:1.{rnd.randint(0, 40)}.{rnd.randint(0, 9)}
        args: ["--port=8080", "--log-level=info"]
        ports:
        - containerPort: 8080
          protocol: TCP
        env:
{env}        resources:
          requests: {{cpu: 100m, memory: 128Mi}}
          limits: {{cpu: "1", memory: 512Mi}}
        readinessProbe:
          httpGet: {{path: /healthz, port: 8080}}
          periodSeconds: 10
"""


def service(i, rnd):
    return f"""apiVersion: v1
kind: Service
metadata:
  name: svc-{i}
  namespace: team-{i % 17}
  labels:
    app.kubernetes.io/name: app-{i}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: app-{i}
  ports:
  - name: http
    port: 80
    targetPort: 8080
"""


def configmap(i, rnd):
    return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: config-{i}
  namespace: team-{i % 17}
data:
  LOG_LEVEL: info
  FEATURE_FLAG: "true"
  TIMEOUT: "30s"
  config.yaml: |
    server:
      port: 8080
      name: café-{i}
    retries: {rnd.randint(1, 5)}
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    makers = [deployment, service, configmap]
    documents = [makers[i % 3](i, rnd) for i in range(args.objects)]
    print("---\n".join(documents), end="")


if __name__ == "__main__":
    main()
