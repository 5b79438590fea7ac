#!/usr/bin/env bash
# Entry of the `language: script` hooks in .pre-commit-hooks.yaml
# (mast-check-source, mast-build-verify-source). pre-commit runs it from its
# clone of this repository, which lives in pre-commit's cache
# (~/.cache/pre-commit/repo…, one clone per `rev:`). The first run builds the
# `mast` target there, in .pre-commit-build/; later runs reuse that binary.
# `pre-commit clean` or a new `rev:` starts over.
#
# Usage: pre-commit-mast.sh MAST_ARGUMENTS...
# Environment: MAST_PRE_COMMIT_JOBS  parallel compile jobs (default: nproc)
set -euo pipefail
checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$checkout/.pre-commit-build"
binary="$build/cli/mast"

build_mast() {
  local missing=()
  for tool in cmake c++ pkg-config antlr4 java; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "mast: this hook builds mast from source, and ${missing[*]} is missing." >&2
    echo "      Install the build dependencies (scripts/setup.sh in the mast repository lists them)," >&2
    echo "      or install a mast package and use the mast-check hook instead (docs/ci.md)." >&2
    exit 2
  fi
  local generator=() launcher=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  echo "mast: building mast once for pre-commit in $build (this takes a few minutes; the log is $build.log)" >&2
  if ! { cmake -S "$checkout" -B "$build" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=Release \
           -DMAST_BUILD_TESTS=OFF -DMAST_UNITY_BUILD=ON &&
         cmake --build "$build" --target mast -j "${MAST_PRE_COMMIT_JOBS:-$(nproc)}"; } >"$build.log" 2>&1; then
    echo "mast: the build failed; the end of $build.log:" >&2
    tail -n 20 "$build.log" >&2
    exit 2
  fi
}

if [ ! -x "$binary" ]; then
  # Two hooks (or two commits) may start at once: one builds, the other waits.
  exec 9>"$checkout/.pre-commit-build.lock"
  flock 9
  [ -x "$binary" ] || build_mast
  exec 9>&-
fi
exec "$binary" "$@"
