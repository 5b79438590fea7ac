#!/usr/bin/env python3
"""Generates the inputs of the `mast check` benchmark (see README.md).

Usage: bench/check/gen_manifests.py OUT_DIR

  OUT_DIR/big.yaml     10,000 objects (5,000 Deployments with probes,
                       resources and env, 5,000 Services), about 5.6 MB
  OUT_DIR/small.yaml   one Deployment and its Service
  OUT_DIR/dir/         1,000 files, each one Deployment or Service

Every object is valid (mast check reports nothing), so the benchmark
measures the full check, not the error path. Deterministic.
"""
import os
import random
import sys


def deployment(i, rnd):
    name = f"svc-{i:05d}"
    env = "".join(
        f"        - name: SETTING_{j}\n          value: \"value-{rnd.randint(0, 99999)}\"\n"
        for j in range(rnd.randint(2, 4)))
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: team-{i % 23}
  labels:
    app.kubernetes.io/name: {name}
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
        ports:
        - containerPort: 8080
          name: http
        env:
{env}        resources:
          requests: {{cpu: {rnd.choice(["50m", "100m", "250m"])}, memory: {rnd.choice(["64Mi", "128Mi", "256Mi"])}}}
          limits: {{cpu: "1", memory: 512Mi}}
        readinessProbe:
          httpGet: {{path: /healthz, port: http}}
        livenessProbe:
          tcpSocket: {{port: 8080}}
          initialDelaySeconds: 15
"""


def service(i, rnd):
    name = f"svc-{i:05d}"
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: team-{i % 23}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
  - name: http
    port: 80
    targetPort: http
"""


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    rnd = random.Random(20240131)
    os.makedirs(os.path.join(out, "dir"), exist_ok=True)
    with open(os.path.join(out, "big.yaml"), "w") as f:
        f.write("---\n".join(deployment(i, rnd) + "---\n" + service(i, rnd) for i in range(5000)))
    with open(os.path.join(out, "small.yaml"), "w") as f:
        f.write(deployment(0, rnd) + "---\n" + service(0, rnd))
    for i in range(1000):
        text = deployment(i, rnd) if i % 2 == 0 else service(i, rnd)
        with open(os.path.join(out, "dir", f"object-{i:04d}.yaml"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
