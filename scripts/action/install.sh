#!/usr/bin/env bash
# The install steps of action.yml.
#   install.sh key      writes cache-dir and cache-key outputs for actions/cache:
#                       the key hashes this action's source, so a new version rebuilds
#   install.sh install  puts mast on PATH (GITHUB_PATH) as MAST_INSTALL says:
#                       source   build the static binary into MAST_CACHE_DIR unless the
#                                cache restored it (installs build packages with apt)
#                       release  download MAST_RELEASE_URL (a static binary)
#                       none     use the mast already on PATH
set -euo pipefail
action="$(cd "$(dirname "$0")/../.." && pwd)"
: "${GITHUB_OUTPUT:?not running in GitHub Actions (GITHUB_OUTPUT is unset)}"
: "${GITHUB_PATH:?not running in GitHub Actions (GITHUB_PATH is unset)}"

case "${1:-}" in
  key)
    hash=$(cd "$action" && find CMakeLists.txt cmake cli compiler grammar lsp policies schemas third_party scripts \
             -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
    echo "cache-dir=${RUNNER_TEMP:-/tmp}/mast-action-bin" >>"$GITHUB_OUTPUT"
    echo "cache-key=mast-${RUNNER_OS:-Linux}-$(uname -m)-$hash" >>"$GITHUB_OUTPUT"
    ;;
  install)
    bin="${MAST_CACHE_DIR:-${RUNNER_TEMP:-/tmp}/mast-action-bin}"
    case "${MAST_INSTALL:-source}" in
      source)
        if [ ! -x "$bin/mast" ]; then
          sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
          # scripts/setup.sh --build-only installs the apt packages (Debian/Ubuntu runners).
          $sudo bash "$action/scripts/setup.sh" --build-only
          bash "$action/scripts/build-static.sh" "$bin" "${RUNNER_TEMP:-/tmp}/mast-action-build"
        fi
        ;;
      release)
        [ -n "${MAST_RELEASE_URL:-}" ] || { echo "install: release needs release-url" >&2; exit 2; }
        mkdir -p "$bin"
        curl --fail --silent --show-error --location --output "$bin/mast" "$MAST_RELEASE_URL"
        chmod +x "$bin/mast"
        ;;
      none)
        command -v mast >/dev/null || { echo "install: none, but there is no mast on PATH" >&2; exit 2; }
        bin="$(dirname "$(command -v mast)")"
        ;;
      *) echo "install: unknown install mode \`$MAST_INSTALL\`; use source, release or none" >&2; exit 2 ;;
    esac
    echo "$bin" >>"$GITHUB_PATH"
    "$bin/mast" --version | head -1
    ;;
  *) echo "usage: install.sh key|install" >&2; exit 2 ;;
esac
