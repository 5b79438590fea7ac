#!/usr/bin/env bash
# The run step of action.yml. `check`: one pass writes the SARIF report
# (MAST_SARIF_FILE), a second prints GitHub workflow commands, which
# annotate the pull request, and the summary. `build-verify`: mast build
# --verify with MAST_ARGS. Writes the outputs exit-code and sarif-file, and
# exits 0 itself: the action's last step decides whether to fail, after the
# SARIF upload.
set -uo pipefail
: "${GITHUB_OUTPUT:?not running in GitHub Actions (GITHUB_OUTPUT is unset)}"
read -r -a paths <<<"$(echo "${MAST_PATHS:-.}" | tr '\n' ' ')"
read -r -a args <<<"${MAST_ARGS:-}"
case "${MAST_COMMAND:-check}" in
  check)
    sarif="${MAST_SARIF_FILE:-mast.sarif}"
    mast check "${paths[@]}" "${args[@]}" --format sarif --output "$sarif"
    sarif_status=$?
    mast check "${paths[@]}" "${args[@]}" --format github
    status=$?
    # A report that could not be written is worse than findings.
    if [ "$sarif_status" = 2 ]; then status=2; fi
    if [ -s "$sarif" ]; then echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"; fi
    ;;
  build-verify)
    mast build --verify "${args[@]}"
    status=$?
    ;;
  *)
    echo "::error::unknown command \`${MAST_COMMAND}\`; use check or build-verify"
    status=2
    ;;
esac
echo "exit-code=$status" >>"$GITHUB_OUTPUT"
