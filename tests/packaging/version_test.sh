#!/usr/bin/env bash
# `mast --version` names the project version and the commit, and
# cmake/MastVersion.cmake describes a tagged commit, an untagged one, a
# tree without git and an explicit override as docs/releasing.md says.
# Usage: version_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
mast="$1"
src="$2"
case_name="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$src/tests/cli/assert.sh"
version=$(sed -n 's/^project(mast VERSION \([0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
describe() {  # SOURCE_DIR [OVERRIDE] -> the commit text the script writes
  cmake -DSOURCE_DIR="$1" -DOUTPUT="$work/v.h" -DCOMMIT_OVERRIDE="${2:-}" -P "$src/cmake/MastVersion.cmake" || fail "MastVersion.cmake failed"
  sed -n 's/^#define MAST_GIT_COMMIT "\(.*\)"$/\1/p' "$work/v.h"
}
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t

case "$case_name" in
  binary)
    "$mast" --version >"$work/out" 2>"$work/err"; expect_exit 0 $?
    line=$(head -1 "$work/out")
    [[ "$line" =~ ^mast\ ([0-9]+\.[0-9]+\.[0-9]+)\ \(git\ ([^\)]+)\)$ ]] || fail "first line: $line"
    [ "${BASH_REMATCH[1]}" = "$version" ] || fail "version ${BASH_REMATCH[1]}, CMakeLists.txt says $version"
    commit="${BASH_REMATCH[2]}"
    if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
      # The commit is the checkout's HEAD, or an ancestor when the binary was
      # built before the latest commits ("-dirty" may also have changed since).
      hash="${commit%-dirty}"; hash="${hash##*-g}"
      git -C "$src" merge-base --is-ancestor "$hash" HEAD 2>/dev/null || fail "commit $commit is not in the checkout's history"
      [ "$(git -C "$src" rev-parse HEAD)" != "$(git -C "$src" rev-parse "$hash")" ] ||
        [ "${commit%-dirty}" = "$(git -C "$src" describe --tags --always --match 'v[0-9]*')" ] ||
        fail "commit $commit, git describe says $(git -C "$src" describe --tags --always --match 'v[0-9]*')"
    fi
    ;;
  script)
    mkdir "$work/repo" "$work/plain"
    [ "$(describe "$work/plain")" = "unknown" ] || fail "without git: $(describe "$work/plain")"
    [ "$(describe "$work/plain" 1.2.3-debian)" = "1.2.3-debian" ] || fail "the override is not used"
    git -C "$work/repo" init -q && echo a >"$work/repo/a" && git -C "$work/repo" add a && git -C "$work/repo" commit -qm a
    hash=$(git -C "$work/repo" rev-parse --short HEAD)
    [ "$(describe "$work/repo")" = "$hash" ] || fail "untagged: $(describe "$work/repo"), expected $hash"
    git -C "$work/repo" tag -a v0.2.0 -m v0.2.0
    [ "$(describe "$work/repo")" = "v0.2.0" ] || fail "on a tag: $(describe "$work/repo")"
    echo b >"$work/repo/a"
    [ "$(describe "$work/repo")" = "v0.2.0-dirty" ] || fail "dirty: $(describe "$work/repo")"
    git -C "$work/repo" commit -qam b
    [[ "$(describe "$work/repo")" =~ ^v0\.2\.0-1-g[0-9a-f]+$ ]] || fail "after the tag: $(describe "$work/repo")"
    # The header is rewritten only when the text changes (no needless rebuilds).
    touch -d '2000-01-01' "$work/v.h"; describe "$work/repo" >/dev/null
    [ "$(stat -c %Y "$work/v.h")" -lt 1000000000 ] || fail "an unchanged header was rewritten"
    ;;
  *) fail "unknown case" ;;
esac
