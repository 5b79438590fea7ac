#!/usr/bin/env bash
# Hostile inputs and outputs (docs/security.md): each case runs `mast` under a
# wall-clock timeout and an address-space limit (prlimit), and asserts the
# documented exit code and a diagnostic with a location. Cases that need
# root (device nodes, dropping privileges) say SKIP and pass when not root;
# CI runs as root.
# Usage: hostile_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
mast="$1"
src="$2"
case_name="$3"
work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 1

# shellcheck source=../cli/assert.sh
source "$src/tests/cli/assert.sh"
skip() { echo "SKIP [$case_name]: $*"; exit 0; }
# A diagnostic with a location: `file:line:col: error[CODE]`.
located() {  # file code
  grep -qE -- ":[0-9]+:[0-9]+: error\[$2[0-9]*\]" "$1" || fail "no located $2 diagnostic in: $(head -c 2000 "$1")"
}
# mast with a time limit (seconds, default 20) and 3 GiB of address space
# (the compiler maps a 512 MiB stack; a memory bomb needs far more). Under
# ASan (MAST_SANITIZED=1, set by CMake), whose shadow memory needs terabytes
# of address space, the limit is on resident memory instead (ASan's
# hard_rss_limit_mb), and time runs 8 times slower.
limit=20
if [ "${MAST_SANITIZED:-0}" = 1 ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}hard_rss_limit_mb=3072"
  m() { timeout -s KILL "$((limit * 8))" "$mast" "$@"; }
else
  m() { timeout -s KILL "$limit" prlimit --as=$((3 << 30)) -- "$mast" "$@"; }
fi
need_root() { [ "$(id -u)" = 0 ] || skip "needs root ($1)"; }
is_link() { [ -L "$1" ] || fail "$1 is no longer a symbolic link"; }

program() {  # a valid program with N ConfigMaps: program FILE N [suffix]
  {
    echo 'import "k8s/core/v1" as core'
    for i in $(seq 1 "$2"); do
      echo "emit core.ConfigMap { metadata: { name: \"cm$i${3:-}\" }, data: { k: \"v$i${3:-}\" } }"
    done
  } > "$1"
}

case "$case_name" in
  # --- output safety ---------------------------------------------------------
  output-device)
    need_root "mknod"
    program p.mast 2
    mknod null c 1 3 && mknod full c 1 7 || skip "mknod not permitted here"
    m build p.mast -o null >out 2>err; expect_exit 0 $?
    [ -c null ] || fail "-o replaced the device node null"
    m build p.mast -o full >out 2>err; expect_exit 2 $?
    [ -c full ] || fail "-o replaced the device node full"
    contains err "error[E0901]: cannot write"
    contains err "no space left on device"
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' > ok.yaml
    m check --no-policies ok.yaml -o full >out 2>err; expect_exit 2 $?
    [ -c full ] || fail "check -o replaced the device node full"
    contains err "no space left on device"
    ;;
  output-fifo)
    program p.mast 2
    mkfifo pipe
    timeout 20 cat pipe > received &
    reader=$!
    m build p.mast -o pipe >out 2>err; expect_exit 0 $?
    wait $reader
    [ -p pipe ] || fail "-o replaced the FIFO"
    contains received "name: cm2"
    # /dev/stdout is a link to a descriptor link to "pipe:[N]": written
    # through, not resolved as a path.
    m build p.mast -o /dev/stdout 2>err | cat > piped; expect_exit 0 "${PIPESTATUS[0]}"
    contains piped "name: cm2"
    echo stale-text-that-is-longer-than-nothing > redirected
    before=$(stat -c %i redirected)
    m build p.mast -o /dev/stdout > redirected 2>err; expect_exit 0 $?
    [ "$(stat -c %i redirected)" = "$before" ] || fail "-o /dev/stdout replaced the file the shell opened"
    contains redirected "name: cm2"
    lacks redirected "stale-text"
    ;;
  output-symlink)
    program p.mast 1
    mkdir real
    ln -s real/target.yaml link.yaml
    m build p.mast -o link.yaml >out 2>err; expect_exit 0 $?
    is_link link.yaml
    contains real/target.yaml "name: cm1"
    # mast fmt formats the link's target and keeps the link.
    printf 'let   x =  1\n' > real/code.mast
    ln -s real/code.mast code.mast
    m fmt code.mast >out 2>err; expect_exit 0 $?
    is_link code.mast
    [ "$(cat real/code.mast)" = "let x = 1" ] || fail "the link's target was not formatted: $(cat real/code.mast)"
    # A dangling link: its target is created.
    ln -s real/new.yaml dangling.yaml
    m build p.mast -o dangling.yaml >out 2>err; expect_exit 0 $?
    is_link dangling.yaml
    contains real/new.yaml "name: cm1"
    ;;
  output-directory)
    program three.mast 3
    program one.mast 1 x
    m build three.mast -o dist/ >out 2>err; expect_exit 0 $?
    [ "$(ls dist | wc -l)" = 3 ] || fail "expected 3 files: $(ls dist)"
    # Objects that are no longer emitted leave no stale files.
    m build one.mast -o dist/ >out 2>err; expect_exit 0 $?
    [ "$(ls dist)" = "01-configmap-cm1x.yaml" ] || fail "stale files left: $(ls dist)"
    # A file Mast did not write: refused, named, and nothing is touched.
    echo keep > dist/notes.txt
    m build three.mast -o dist/ >out 2>err; expect_exit 2 $?
    contains err "notes.txt"
    contains err "mast did not write"
    [ "$(cat dist/notes.txt)" = keep ] || fail "notes.txt was changed"
    [ -f dist/01-configmap-cm1x.yaml ] || fail "the old output was touched"
    rm dist/notes.txt
    # Killed mid-write (RLIMIT_FSIZE kills the writer with SIGXFSZ): the old
    # directory stays whole, and the next run removes the leftovers.
    program big.mast 50
    python3 -c 'print("emit core.ConfigMap { metadata: { name: \"big\" }, data: { k: \"" + "x" * 30000 + "\" } }")' >> big.mast
    (timeout 20 prlimit --fsize=20000 -- "$mast" build big.mast -o dist/ >out 2>err) 2>/dev/null
    [ $? -ne 0 ] || fail "the size-limited build did not fail"
    [ "$(ls dist)" = "01-configmap-cm1x.yaml" ] || fail "a killed build changed the directory: $(ls dist | head)"
    m build one.mast -o dist/ >out 2>err; expect_exit 0 $?
    [ -z "$(ls -A . | grep '\.tmp-')" ] || fail "temporaries left: $(ls -A)"
    # --verify notices a file that the build no longer writes.
    m build --verify one.mast -o dist/ >out 2>err; expect_exit 0 $?
    echo old > dist/02-configmap-gone.yaml
    m build --verify one.mast -o dist/ >out 2>err; expect_exit 1 $?
    contains err "02-configmap-gone.yaml is not part of the build any more"
    ;;
  output-directory-concurrent)
    program a.mast 30 a
    program b.mast 20 b
    for round in 1 2 3 4 5; do
      m build a.mast -o dist/ >/dev/null 2>"err-a" & first=$!
      m build b.mast -o dist/ >/dev/null 2>"err-b" & second=$!
      wait $first; a=$?
      wait $second; b=$?
      [ $a = 0 ] && [ $b = 0 ] || fail "concurrent builds failed: $(cat err-a err-b)"
      files=$(ls dist | wc -l)
      suffixes=$(cat dist/*.yaml | grep -o 'name: cm[0-9]*[ab]' | sed 's/.*[0-9]//' | sort -u | tr -d '\n')
      { [ "$files" = 30 ] && [ "$suffixes" = a ]; } || { [ "$files" = 20 ] && [ "$suffixes" = b ]; } ||
        fail "round $round: an interleaving of two builds: $files files, objects of $suffixes"
    done
    ;;
  output-stale-temporaries)
    program p.mast 1
    sh -c 'exit 0' & dead=$!
    wait $dead
    touch ".out.yaml.tmp-$dead-0-deadbeef" ".out.yaml.tmp-$$-0-0badcafe" ".other.yaml.tmp-$dead-0-deadbeef"
    mkdir ".out.yaml.tmp-$dead-1-deadbeef"
    m build p.mast -o out.yaml >out 2>err; expect_exit 0 $?
    [ ! -e ".out.yaml.tmp-$dead-0-deadbeef" ] || fail "the stale temporary of a dead process is still there"
    [ ! -e ".out.yaml.tmp-$dead-1-deadbeef" ] || fail "the stale temporary directory of a dead process is still there"
    [ -e ".out.yaml.tmp-$$-0-0badcafe" ] || fail "the temporary of a live process was removed"
    [ -e ".other.yaml.tmp-$dead-0-deadbeef" ] || fail "a temporary of another target was removed"
    ;;
  stdout-failure)
    program p.mast 1
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' > ok.yaml
    m build p.mast >/dev/full 2>err; expect_exit 2 $?
    contains err "cannot write to standard output"
    m build --format json p.mast >/dev/full 2>err; expect_exit 2 $?
    contains err "cannot write to standard output"
    printf 'let   x = 1\n' | m fmt - >/dev/full 2>err; expect_exit 2 $?
    contains err "cannot write to standard output"
    for format in text json sarif junit github; do
      m check --no-policies --format $format ok.yaml >/dev/full 2>err; expect_exit 2 $?
      contains err "cannot write to standard output"
    done
    m --version >/dev/full 2>err; expect_exit 2 $?
    contains err "cannot write to standard output"
    m rules >/dev/full 2>err; expect_exit 2 $?
    contains err "cannot write to standard output"
    # (-o to a device is in output-device, on a node of its own: a broken
    # mast running as root must not replace the real /dev/full.)
    ;;
  # --- input -----------------------------------------------------------------
  stdin-limit)
    m check --no-policies - </dev/zero >out 2>err; expect_exit 2 $?
    located out E0603
    contains out "<stdin>:1:1"
    m fmt - </dev/zero >out 2>err; expect_exit 2 $?
    located err E0103
    ;;
  fifo-input)
    mkfifo data.txt lib.mast
    printf 'let text = readFile("data.txt")\n' > read.mast
    m build read.mast >out 2>err; expect_exit 1 $?
    located err E0408
    contains err "not a regular file"
    printf 'import "lib" as lib\nlet x = lib.y\n' > imp.mast
    m build imp.mast >out 2>err; expect_exit 1 $?
    located err E0202
    ;;
  unreadable-directory)
    mkdir -p tree/locked && chmod 755 tree
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' > tree/ok.yaml
    cp tree/ok.yaml tree/locked/hidden.yaml
    chmod 000 tree/locked
    as_user=()
    if [ "$(id -u)" = 0 ]; then
      as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
      "${as_user[@]}" true 2>/dev/null || skip "cannot drop privileges with setpriv"
    fi
    timeout 20 "${as_user[@]}" "$mast" check --no-policies tree >out 2>err; expect_exit 2 $?
    contains out "E0901"
    contains out "locked"
    ;;
  zero-files)
    mkdir empty
    m check --no-policies empty >out 2>err; expect_exit 2 $?
    contains err "no file was checked"
    m check --no-policies --allow-empty empty >out 2>err; expect_exit 0 $?
    ;;
  ignored-by-config)
    mkdir -p repo/sub
    printf 'ignore: ["**"]\n' > repo/.mast.yaml
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' > repo/sub/a.yaml
    cp repo/sub/a.yaml repo/sub/b.yaml
    m check --no-policies repo/sub/a.yaml repo/sub/b.yaml >out 2>err; expect_exit 2 $?
    contains out "2 inputs ignored by $work/repo/.mast.yaml"
    contains err "no file was checked (2 inputs ignored by"
    m check --no-policies --format json --allow-empty repo/sub/a.yaml >out 2>err; expect_exit 0 $?
    contains out '"byConfig": 1'
    contains out "\"config\": \"$work/repo/.mast.yaml\""
    ;;
  import-confinement)
    mkdir -p proj outside
    printf 'let secret = 1\n' > outside/lib.mast
    printf 'import "../outside/lib" as lib\nlet x = lib.secret\n' > proj/rel.mast
    m build proj/rel.mast >out 2>err; expect_exit 1 $?
    located err E0208
    contains err "outside the project directory $work/proj"
    contains err "$work/outside/lib.mast"
    printf 'import "%s/outside/lib" as lib\nlet x = lib.secret\n' "$work" > proj/abs.mast
    m build proj/abs.mast >out 2>err; expect_exit 1 $?
    located err E0208
    # --root widens the project directory, as for readFile.
    m build --root "$work" proj/rel.mast >out 2>err; expect_exit 0 $?
    # A file that is not Mast source is never read, so never quoted.
    printf 'SECRET-TOKEN-123 = nope\n' > proj/secret.conf
    printf 'import "secret.conf" as s\n' > proj/leak.mast
    m build proj/leak.mast >out 2>err; expect_exit 1 $?
    located err E0208
    lacks err "SECRET-TOKEN-123"
    ;;
  # --- front ends: depth and time ------------------------------------------
  long-chains)
    limit=30
    python3 - <<'EOF'
n = 700_000
open("plus.mast", "w").write("let x = " + "+".join(["1"] * n) + "\n")
open("and.mast", "w").write("let x = " + " && ".join(["true"] * n) + "\n")
open("concat.mast", "w").write("let x = " + "+".join(['"a"'] * n) + "\n")
open("fields.mast", "w").write("let r = {a: 1}\nlet x = r" + ".a" * 20_000 + "\n")
open("calls.mast", "w").write("fn f(): int = 1\nlet x = f" + "()" * 20_000 + "\n")
EOF
    for f in plus and concat fields calls; do
      m build $f.mast >out 2>err; expect_exit 1 $?
      located err E0102
      m check --no-policies $f.mast >out 2>err; expect_exit 1 $?
      located out E0102
      m fmt --check $f.mast >out 2>err; expect_exit 1 $?
      located err E0102
    done
    ;;
  deep-interpolation)
    python3 -c 'n=20000; open("interp.mast","w").write("let x = " + "\"${" * n + "1" + "}\"" * n + "\n")'
    python3 -c 'n=20000; open("open.mast","w").write("let x = " + "\"${" * n + "\n")'
    limit=5
    for f in interp open; do
      m build $f.mast >out 2>err; expect_exit 1 $?
      located err E0104
      m fmt --check $f.mast >out 2>err; expect_exit 1 $?
      located err E0104
    done
    ;;
  open-comments)
    # Every `/*` without a close: the lexer searched to the end of the text
    # from each one (a 900 KB line of `/* ` ran for minutes).
    python3 -c 'open("comments.mast","w").write("/* " * 300000 + "\n")'
    limit=5
    m build comments.mast >out 2>err; expect_exit 1 $?
    located err E0101
    m fmt --check comments.mast >out 2>err; expect_exit 1 $?
    ;;
  many-declarations)
    python3 -c 'open("lets.mast","w").write("".join(f"let x{i} = {i}\n" for i in range(50000)))'
    limit=15
    m build lets.mast >out 2>err; expect_exit 0 $?
    m fmt --check lets.mast >out 2>err; expect_exit 0 $?
    ;;
  yaml-deep-flow)
    limit=5
    python3 -c 'n=100000; open("deep.yaml","w").write("a: " + "[" * n + "]" * n + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n")'
    m check --no-policies deep.yaml >out 2>err; expect_exit 1 $?
    located out E0603
    contains out "1 valid"  # the document after the deep one is still read
    ;;
  # --- memory bombs ----------------------------------------------------------
  memory-bombs)
    limit=30
    cat > replace.mast <<'EOF'
let a = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
let b = replace(a, "x", a)
let c = replace(b, "x", b)
let d = replace(c, "x", c)
let e = replace(d, "x", d)
EOF
    cat > join.mast <<'EOF'
let s = replace("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "x", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")
let t = replace(s, "y", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
let big = join([for i in range(3000): t], "")
EOF
    cat > base64.mast <<'EOF'
let a = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
let b = replace(a, "x", a)
let c = replace(b, "x", b)
let d = replace(c, "x", "0123456789abc")
let e = base64Encode(d)
EOF
    cat > tojson.mast <<'EOF'
let l0 = ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]
let l1 = [l0, l0, l0, l0, l0, l0, l0, l0]
let l2 = [l1, l1, l1, l1, l1, l1, l1, l1]
let l3 = [l2, l2, l2, l2, l2, l2, l2, l2]
let l4 = [l3, l3, l3, l3, l3, l3, l3, l3]
let l5 = [l4, l4, l4, l4, l4, l4, l4, l4]
let l6 = [l5, l5, l5, l5, l5, l5, l5, l5]
let l7 = [l6, l6, l6, l6, l6, l6, l6, l6]
let l8 = [l7, l7, l7, l7, l7, l7, l7, l7]
let l9 = [l8, l8, l8, l8, l8, l8, l8, l8]
let text = toJson(l9)
EOF
    cat > emit.mast <<'EOF'
import "k8s/core/v1" as core
let s = replace("xxxxxxxxxxxxxxxx", "x", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")
let big = replace(s, "y", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
let data = {for i in range(4000): "k${i}": big}
emit [for i in range(4000): core.ConfigMap { metadata: { name: "cm${i}" }, data: data }]
EOF
    for f in replace join base64 tojson emit; do
      m build --no-check $f.mast >out 2>err; expect_exit 1 $?
      located err E0407
    done
    ;;
  # --- smaller findings ------------------------------------------------------
  long-line-report)
    python3 -c 'open("wide.yaml","w").write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: {" + ", ".join(f"k{i}: v" for i in range(250000)) + ", bad: [1]}}\n")'
    m check --no-policies wide.yaml >out 2>err; expect_exit 1 $?
    located out E0
    [ "$(wc -c < out)" -lt 20000 ] || fail "the report is $(wc -c < out) bytes for a $(wc -c < wide.yaml)-byte line"
    contains out "the excerpt is clipped"
    ;;
  huge-number)
    python3 -c 'open("n.json","w").write("{\"apiVersion\": \"v1\", \"kind\": \"ReplicationController\", \"metadata\": {\"name\": \"x\"}, \"spec\": {\"replicas\": " + "9" * 400 + "}}\n")'
    m check --no-policies n.json >out 2>err; expect_exit 1 $?
    located out E0502
    contains out "too large for a 64-bit integer"
    lacks out "write it without quotes"
    # A quoted number keeps the hint that applies to it.
    printf '{"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "x"}, "spec": {"replicas": "3"}}\n' > q.json
    m check --no-policies q.json >out 2>err; expect_exit 1 $?
    contains out "write it without quotes"
    ;;
  lsp-deep-chain)
    python3 "$src/tests/hostile/lsp_deep_chain.py" "$mast" >out 2>err; expect_exit 0 $?
    ;;
  *)
    fail "unknown case"
    ;;
esac
exit 0
