#!/usr/bin/env bash
# Builds the self-contained mast binary (-DMAST_STATIC=ON: static glibc,
# libstdc++, re2, libyaml, zlib and ANTLR from the Debian -dev packages'
# .a files; glibc's allocator), strips it into OUT_DIR/mast, and proves it
# self-contained: it must run `--version`, `check` and `build` in a root
# that holds nothing but the binary and the inputs (chroot as root,
# `unshare --map-root-user --root` otherwise). Prints the size.
# The Dockerfile's build stage runs this script; so does
# scripts/release-check.sh static.
#
# Usage: scripts/build-static.sh OUT_DIR [BUILD_DIR]   (BUILD_DIR default: build-static)
# Environment: MAST_VERSION_COMMIT  the commit for `mast --version` when there is no .git
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: build-static.sh OUT_DIR [BUILD_DIR]}"
build="${2:-build-static}"
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAST_STATIC=ON -DMAST_BUILD_TESTS=OFF -DMAST_UNITY_BUILD=ON \
  -DMAST_VERSION_COMMIT="${MAST_VERSION_COMMIT:-}" "${launcher[@]}" >/dev/null
cmake --build "$build" --target mast -j "$(nproc)" >/dev/null
mkdir -p "$out"
strip -o "$out/mast" "$build/cli/mast"

if readelf --program-headers "$out/mast" | grep -q INTERP || readelf --dynamic "$out/mast" | grep -q NEEDED; then
  echo "build-static: $out/mast is dynamically linked" >&2; exit 1
fi

# The empty root: the binary, one manifest, one Mast program.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
cp "$out/mast" "$root/mast"
cp samples/webapp/webapp.mast "$root/app.mast"
printf 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 99999 }] }\n' >"$root/bad.yaml"
in_root() {
  if [ "$(id -u)" = 0 ]; then chroot "$root" "$@"; else unshare --map-root-user --root="$root" "$@"; fi
}
in_root /mast --version >"$root/version.txt"
in_root /mast build --no-check /app.mast -o /app.yaml
in_root /mast check -j 2 /app.yaml >/dev/null
status=0; in_root /mast check --no-policies /bad.yaml >/dev/null 2>&1 || status=$?
[ "$status" = 1 ] || { echo "build-static: a bad manifest gave exit $status in the empty root, not 1" >&2; exit 1; }
echo "build-static: $out/mast runs in an empty root; $(head -1 "$root/version.txt"); $(stat -c %s "$out/mast") bytes stripped ($(stat -c %s "$build/cli/mast") unstripped)"
