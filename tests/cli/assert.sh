# Assertions shared by the shell tests (sourced). The test sets `case_name`
# (for messages) and `work` (a scratch folder whose `out` and `err` files
# hold the last command's output).
fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
expect_exit() {  # expected actual
  [ "$1" = "$2" ] || fail "exit code $2, expected $1; stdout: $(head -c 2000 "$work/out" 2>/dev/null) stderr: $(head -c 2000 "$work/err" 2>/dev/null)"
}
contains() {  # file text
  grep -qF -- "$2" "$1" || fail "\`$2\` not found in: $(head -c 3000 "$1")"
}
lacks() {  # file text
  ! grep -qF -- "$2" "$1" || fail "\`$2\` unexpectedly found in: $(head -c 3000 "$1")"
}
# Reads the usual arguments (MAST_BINARY SOURCE_DIR CASE) into `mast`, `src`
# and `case_name`, and makes the scratch folder `work`, removed on exit.
start_case() {
  mast="$1"; src="$2"; case_name="$3"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}
