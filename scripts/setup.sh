#!/usr/bin/env bash
# Installs what Mast needs to build and test. Installs only what is missing,
# so a second run is quiet. `setup.sh --build-only` installs only what
# building the mast binary needs (the Dockerfile's build stage uses it).
# The Kubernetes OpenAPI specs are vendored in third_party/kubernetes-openapi:
# nothing is downloaded but apt packages.
set -euo pipefail

readonly BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config git
  libyaml-cpp-dev libyaml-dev libre2-dev nlohmann-json3-dev libcli11-dev catch2
  libantlr4-runtime-dev antlr4 default-jre-headless uuid-dev libmimalloc-dev zlib1g-dev xz-utils
)
readonly TEST_PACKAGES=(
  npm pre-commit
  dpkg-dev file groff-base zsh fish python3-yaml
  neovim
)

PACKAGES=("${BUILD_PACKAGES[@]}")
if [ "${1:-}" != "--build-only" ]; then PACKAGES+=("${TEST_PACKAGES[@]}"); fi

missing=()
for package in "${PACKAGES[@]}"; do
  # npm may come from elsewhere (nodesource, nvm); then Debian's is not needed.
  if [ "$package" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
