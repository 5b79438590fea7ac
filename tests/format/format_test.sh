#!/usr/bin/env bash
# `mast fmt` tests: expected layouts, idempotence on every Mast file in the
# repository, `--check` on the samples, and refusal to format broken files.
# Usage: format_test.sh MAST_BINARY SOURCE_DIR
set -uo pipefail
mast="$1"
src="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { passes=$((passes + 1)); }

for input in "$src"/tests/format/*.input.mast; do
  expected="${input%.input.mast}.expected.mast"
  if "$mast" fmt - <"$input" >"$work/out.mast" && cmp -s "$work/out.mast" "$expected"; then pass
  else fail "$(basename "$input") does not format to $(basename "$expected")"; diff "$expected" "$work/out.mast" | head -20 >&2; fi
done

while IFS= read -r file; do
  if ! "$mast" fmt - <"$file" >"$work/once.mast" 2>/dev/null; then continue; fi  # files with syntax errors
  "$mast" fmt - <"$work/once.mast" >"$work/twice.mast"
  if cmp -s "$work/once.mast" "$work/twice.mast"; then pass; else fail "formatting is not idempotent on $file"; fi
done < <(find "$src/samples" "$src/tests/golden" "$src/tests/mast_test" "$src/policies" -name '*.mast' | sort)

if "$mast" fmt --check "$src"/samples/*/*.mast; then pass; else fail "samples are not formatted"; fi
# Canonical: the same program written with other spacing, optional commas and
# blank lines next to brackets formats to the same text.
cat >"$work/tight.mast" <<'MAST'
let a = {x: 1, y: [1, 2,],}
let b = {

  name: "web",
  port: 8080,   // the port
  tier: "frontend" // the tier
}
MAST
cat >"$work/loose.mast" <<'MAST'
let a = { x: 1, y: [ 1, 2 ] }
let b = {
  name: "web"
  port: 8080 // the port
  tier: "frontend"       // the tier

}
MAST
"$mast" fmt - <"$work/tight.mast" >"$work/tight.out"
"$mast" fmt - <"$work/loose.mast" >"$work/loose.out"
if cmp -s "$work/tight.out" "$work/loose.out"; then pass
else fail "two layouts of one program format differently"; diff "$work/tight.out" "$work/loose.out" >&2; fi

# The example in docs/language.md that says `mast fmt` leaves it as it is.
awk '/^```mast$/{inside=1; text=""; next} /^```$/{if (inside && text ~ /^\/\/ mast fmt leaves this/) printf "%s", text; inside=0; next} inside{text = text $0 "\n"}' \
  "$src/docs/language.md" >"$work/doc_example.mast"
if [ -s "$work/doc_example.mast" ] && "$mast" fmt - <"$work/doc_example.mast" | cmp -s - "$work/doc_example.mast"; then pass
else fail "the layout example in docs/language.md is not in mast fmt's layout"; fi

# Test blocks keep the space before an assertion's or a snapshot's message, as checks do.
if "$mast" fmt --check "$src"/tests/mast_test/*/*.mast; then pass; else fail "the mast test fixtures are not formatted"; fi

printf 'let a = (1 +\n' >"$work/broken.mast"
cp "$work/broken.mast" "$work/broken.orig"
"$mast" fmt "$work/broken.mast" 2>/dev/null
if [ $? -eq 1 ] && cmp -s "$work/broken.mast" "$work/broken.orig"; then pass; else fail "a broken file was formatted or the exit code is not 1"; fi

printf 'let   a=1\n' >"$work/unformatted.mast"
"$mast" fmt --check "$work/unformatted.mast" 2>/dev/null
if [ $? -eq 1 ]; then pass; else fail "--check does not exit 1 on an unformatted file"; fi
"$mast" fmt "$work/unformatted.mast"
if [ "$(cat "$work/unformatted.mast")" = "let a = 1" ]; then pass; else fail "fmt did not rewrite the file in place"; fi

echo "format: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
