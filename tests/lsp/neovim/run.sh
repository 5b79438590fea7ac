#!/usr/bin/env bash
# The real-editor test: Neovim (headless) opens a .mast and a .yaml file
# through its built-in LSP client (lsp_test.lua checks what it receives).
# Usage: run.sh MAST_BINARY. Exits 77 (CTest: skipped) when nvim is missing.
set -euo pipefail
mast=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v nvim > /dev/null 2>&1; then
  echo "SKIPPED: nvim is not installed (apt-get install -y neovim)"
  exit 77
fi
ws=$(mktemp -d /tmp/mast-nvim-XXXXXX)
trap 'rm -rf "$ws"' EXIT
cat > "$ws/app.mast" <<'MAST'
import "k8s/apps/v1" as apps
schema App { name: string, replicas: int(1..10) = 2 }
fn deployment(app: App): apps.Deployment = {
  metadata: { name: app.name }
  spec: { replicas: 2 }
}
let web = App { name: "web", replcas: 3 }
fn other(app: App): apps.Deployment = {
  spec: {
    replicas: 1

  }
}
MAST
cat > "$ws/deploy.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:latest
YAML
cd "$ws"
MAST_BIN=$mast MAST_WS=$ws timeout 120 nvim --headless --clean -n -c "luafile $here/lsp_test.lua"
