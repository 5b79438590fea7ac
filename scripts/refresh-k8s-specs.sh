#!/usr/bin/env bash
# Refreshes the vendored Kubernetes OpenAPI specs (third_party/kubernetes-openapi)
# from upstream. Needs network access to GitHub, curl, python3 and xz; the
# normal build never runs it.
#   scripts/refresh-k8s-specs.sh            download every release in RELEASES
#   scripts/refresh-k8s-specs.sh --verify   only check the vendored archive
# To add a release, add a "1.NN TAG" line to RELEASES (the tag of
# kubernetes-client/python that carries that release's spec), run this, and
# follow "Adding a Kubernetes release" in docs/architecture.md.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly RELEASES="
1.28 v28.1.0
1.29 v29.0.0
1.30 v30.1.0
1.31 v31.0.0
1.32 v32.0.1
1.33 v33.1.0
1.34 v34.1.0
1.35 v35.0.0
1.36 v36.0.3
"
readonly VENDOR=third_party/kubernetes-openapi
readonly FIRST=$(echo "$RELEASES" | awk 'NF {print $1; exit}')
readonly LAST=$(echo "$RELEASES" | awk 'NF {last = $1} END {print last}')
readonly ARCHIVE="$VENDOR/kubernetes-openapi-$FIRST-$LAST.tar.xz"
readonly CMAKE_FILE=cmake/KubernetesSpecs.cmake

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

verify() {
  local archive="$1"
  mkdir -p "$work/verify"
  tar -xJf "$archive" -C "$work/verify"
  (cd "$work/verify" && sha256sum --check --quiet SHA256SUMS)
  cmp -s "$work/verify/SHA256SUMS" "$VENDOR/SHA256SUMS" || { echo "refresh: $VENDOR/SHA256SUMS differs from the archive's" >&2; exit 1; }
  local expected
  expected=$(sed -n 's/^set(MAST_K8S_ARCHIVE_SHA256 \([0-9a-f]*\))$/\1/p' "$CMAKE_FILE")
  [ "$(sha256sum "$archive" | cut -d' ' -f1)" = "$expected" ] || { echo "refresh: the archive's sha256 is not the one in $CMAKE_FILE" >&2; exit 1; }
  echo "refresh: $archive verified"
}

if [ "${1:-}" = "--verify" ]; then
  verify "$(ls "$VENDOR"/kubernetes-openapi-*.tar.xz)"
  exit 0
fi

command -v curl >/dev/null || { echo "refresh: curl is required" >&2; exit 2; }
mkdir -p "$work/specs"
while read -r release tag; do
  [ -n "$release" ] || continue
  url="https://raw.githubusercontent.com/kubernetes-client/python/$tag/kubernetes/swagger.json.unprocessed"
  echo "refresh: $release from $url" >&2
  curl --fail --silent --show-error --location --retry 3 "$url" -o "$work/specs/swagger-$release.json"
  # A Swagger 2 document with definitions, of the release it claims to be.
  python3 - "$work/specs/swagger-$release.json" "$release" <<'PY'
import json, sys
path, release = sys.argv[1], sys.argv[2]
document = json.load(open(path))
assert document.get("swagger") == "2.0", f"{path}: not a Swagger 2.0 document"
assert len(document.get("definitions", {})) > 300, f"{path}: too few definitions"
PY
done <<<"$RELEASES"
(cd "$work/specs" && sha256sum swagger-*.json >SHA256SUMS)
old_archives=$(ls "$VENDOR"/kubernetes-openapi-*.tar.xz 2>/dev/null || true)
tar -C "$work/specs" --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' -cf - \
  $(cd "$work/specs" && ls swagger-*.json) SHA256SUMS | xz -9e >"$work/archive.tar.xz"
for old in $old_archives; do git rm -q --cached "$old" 2>/dev/null || true; rm -f "$old"; done
mv "$work/archive.tar.xz" "$ARCHIVE"
cp "$work/specs/SHA256SUMS" "$VENDOR/SHA256SUMS"
sha=$(sha256sum "$ARCHIVE" | cut -d' ' -f1)
sed -i "s/^set(MAST_K8S_ARCHIVE_SHA256 .*)$/set(MAST_K8S_ARCHIVE_SHA256 $sha)/" "$CMAKE_FILE"
sed -i "s|^set(MAST_K8S_ARCHIVE \${MAST_K8S_VENDOR_DIR}/.*)$|set(MAST_K8S_ARCHIVE \${MAST_K8S_VENDOR_DIR}/$(basename "$ARCHIVE"))|" "$CMAKE_FILE"
verify "$ARCHIVE"
echo "refresh: update the provenance table in $VENDOR/README.md, then rebuild and run the tests" >&2
