#!/usr/bin/env bash
# The slow release checks that CI does not run (each takes minutes, needs
# root, the apt registry or the npm registry). Run them before tagging a
# release (docs/releasing.md). Each prints what it measured.
#
#   scripts/release-check.sh static            the static binary runs in an empty root; its size
#   scripts/release-check.sh deb-install       dpkg -i the .deb into a clean debootstrap root (root only)
#   scripts/release-check.sh container         the Dockerfile's steps without a container runtime (root only)
#   scripts/release-check.sh pre-commit-source the language: script hooks build mast; first and second run
#   scripts/release-check.sh action-source     the GitHub Action with install: source
#   scripts/release-check.sh vsix              the VS Code package (npm ci, esbuild, vsce; no warnings)
#   scripts/release-check.sh all               all of the above
#
# Output goes to build-release/ (a debootstrap root is cached there as a
# tarball; delete it to start over).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
out="$src/build-release"
mkdir -p "$out"
say() { echo "release-check: $*"; }
need_root() { [ "$(id -u)" = 0 ] || { say "$1 needs root (chroot, dpkg in a chroot)"; exit 2; }; }
timed() {  # LABEL COMMAND... : runs it and prints its wall time
  local label="$1" start end; shift
  start=$(date +%s); "$@"; end=$(date +%s)
  say "$label took $((end - start)) s"
}

# Runs a command in ROOT as a container would: its own mount and PID
# namespaces, with /proc and /dev mounted (java's postinst needs /proc).
in_container_root() {  # ROOT COMMAND...
  local root="$1"; shift
  unshare --mount --pid --fork sh -c 'mount -t proc proc "$0/proc" && mount --rbind /dev "$0/dev" && exec chroot "$0" "$@"' \
    "$root" "$@"
}

# A Debian bookworm minbase root in $1, from the apt registry this machine
# uses (about 2 minutes the first time), then from the cached tarball.
bookworm_root() {
  local root="$1" tarball="$out/bookworm-minbase.tar"
  mkdir -p "$root"
  if [ ! -f "$tarball" ]; then
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    local mirror
    mirror=$(sed -n 's/^URIs: \(.*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    timed "debootstrap --variant=minbase bookworm" \
      debootstrap --variant=minbase bookworm "$out/debootstrap-tmp" "${mirror:-http://deb.debian.org/debian}" >"$out/debootstrap.log"
    tar -C "$out/debootstrap-tmp" -cf "$tarball" . && rm -rf "$out/debootstrap-tmp"
  fi
  tar -C "$root" -xf "$tarball"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
}

check_static() {
  timed "the static build" scripts/build-static.sh "$out/static" "$out/build-static"
}

check_deb_install() {
  need_root deb-install
  scripts/build.sh build >/dev/null
  (cd build && cpack -G DEB -B "$out/deb" >/dev/null)
  local deb root
  deb=$(ls "$out"/deb/mast_*_amd64.deb)
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN
  bookworm_root "$root"
  cp "$deb" "$root/tmp/mast.deb"
  # dpkg -i alone stops at the missing libraries (libre2-9, libyaml-0-2, ...);
  # apt-get -f install brings them, as a user's `apt install ./mast.deb` would.
  chroot "$root" dpkg -i /tmp/mast.deb >/dev/null 2>&1 || true
  timed "apt-get -f install in the chroot" \
    chroot "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -f install -y -qq >/dev/null'
  chroot "$root" dpkg -s mast | grep -q '^Status: install ok installed' || { say "mast is not installed"; exit 1; }
  chroot "$root" mast --version | head -1
  printf 'apiVersion: v1\nkind: Service\nmetadata: { name: web, labels: { app.kubernetes.io/name: web } }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }\n' >"$root/tmp/good.yaml"
  printf 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 99999 }] }\n' >"$root/tmp/bad.yaml"
  chroot "$root" mast check /tmp/good.yaml
  local status=0
  chroot "$root" mast check --no-policies /tmp/bad.yaml >/dev/null 2>&1 || status=$?
  [ "$status" = 1 ] || { say "a bad manifest gave exit $status"; exit 1; }
  for path in /usr/share/man/man1/mast.1 /usr/share/bash-completion/completions/mast \
              /usr/share/zsh/vendor-completions/_mast /usr/share/fish/vendor_completions.d/mast.fish; do
    chroot "$root" dpkg -L mast | grep -qx "$path" || { say "dpkg -L mast lacks $path"; exit 1; }
  done
  say "deb-install: $(basename "$deb") ($(stat -c %s "$deb") bytes) installs into a clean bookworm root and checks manifests"
}

# Runs the Dockerfile's instructions without a container runtime: FROM
# debian:bookworm is a debootstrap root, RUN is chroot, FROM distroless is an
# empty root with distroless's nonroot user, USER is chroot --userspec.
check_container() {
  need_root container
  local stage="" root="" workdir=/ user=0:0 context env=() line instruction rest
  context=$(mktemp -d)
  declare -A roots=()
  # The build context: tracked and new files, less .dockerignore's patterns.
  git ls-files -z --cached --others --exclude-standard | grep -zvE '^(build|\.pre-commit-build|editors/vscode/(node_modules|dist))' |
    xargs -0 cp --parents -t "$context"
  while IFS= read -r line; do
    [[ "$line" =~ ^([A-Z]+)\ (.*)$ ]] || continue
    instruction="${BASH_REMATCH[1]}" rest="${BASH_REMATCH[2]}"
    case "$instruction" in
      FROM)
        root=$(mktemp -d); chmod 755 "$root"; workdir=/; user=0:0; stage="${rest##* AS }"
        case "$rest" in
          debian:bookworm*) bookworm_root "$root" ;;
          gcr.io/distroless/static*)
            mkdir -p "$root/etc" "$root/tmp"
            printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd" ;;
          *) say "container: no stand-in for FROM $rest"; exit 1 ;;
        esac
        roots[$stage]="$root" ;;
      WORKDIR) workdir="$rest"; mkdir -p "$root$workdir" ;;
      ARG) env+=("$rest") ;;
      COPY)
        if [[ "$rest" =~ ^--from=([a-z]+)\ ([^ ]+)\ ([^ ]+)$ ]]; then
          mkdir -p "$(dirname "$root${BASH_REMATCH[3]}")"; cp -a "${roots[${BASH_REMATCH[1]}]}${BASH_REMATCH[2]}" "$root${BASH_REMATCH[3]}"
        else
          read -r from to <<<"$rest"
          if [ "$from" = . ]; then cp -a "$context/." "$root$workdir/"; else mkdir -p "$(dirname "$root$workdir/$to")"; cp -a "$context/$from" "$root$workdir/$to"; fi
        fi ;;
      RUN) timed "RUN $rest" in_container_root "$root" env "${env[@]}" sh -c "cd $workdir && $rest" ;;
      USER) user="$rest" ;;
      ENTRYPOINT) entrypoint=$(echo "$rest" | tr -d '[]"') ;;
      CMD|LABEL|EXPOSE) ;;
      *) say "container: unknown instruction $instruction"; exit 1 ;;
    esac
  done < <(sed -e 's/#.*//' Dockerfile)
  # The final image: run it as its user, on a mounted-in manifest.
  mkdir -p "$root/work"
  printf 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 99999 }] }\n' >"$root/work/bad.yaml"
  chroot --userspec="$user" "$root" "$entrypoint" --version | head -1
  local status=0
  chroot --userspec="$user" "$root" sh -c true 2>/dev/null && { say "the final image has a shell"; exit 1; }
  chroot --userspec="$user" "$root" "$entrypoint" check --no-policies /work/bad.yaml >/dev/null 2>&1 || status=$?
  [ "$status" = 1 ] || { say "the image's mast gave exit $status on a bad manifest"; exit 1; }
  say "container: final image $(du -sb "$root" | cut -f1) bytes, runs as $user"
  rm -rf "$context" "${roots[@]}"
}

check_pre_commit_source() {
  bash tests/packaging/precommit_repo_test.sh --source "$src"
}

check_action_source() {
  scripts/build.sh build >/dev/null
  bash tests/packaging/action_test.sh build/cli/mast "$src" source
}

check_vsix() {
  timed "editors/vscode/scripts/package.sh" editors/vscode/scripts/package.sh "$out"
}

case "${1:-}" in
  static) check_static ;;
  deb-install) check_deb_install ;;
  container) check_container ;;
  pre-commit-source) check_pre_commit_source ;;
  action-source) check_action_source ;;
  vsix) check_vsix ;;
  all) check_static; check_deb_install; check_container; check_pre_commit_source; check_action_source; check_vsix ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
