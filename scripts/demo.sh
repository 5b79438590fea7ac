#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and compile the sample app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build
exec build/cli/mast build samples/webapp/webapp.mast
