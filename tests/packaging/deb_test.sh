#!/usr/bin/env bash
# The Debian package that `cpack -G DEB` makes from this build: its control
# fields (Depends from dpkg-shlibdeps), its files (binary, man page, the
# three completions, docs), and the packaged binary runs and reports the
# same version. Installing it with dpkg into a clean root is opt-in
# (scripts/release-check.sh deb-install), since that needs a debootstrap.
# Usage: deb_test.sh BUILD_DIR MAST_BINARY SOURCE_DIR
set -uo pipefail
build="$1"
mast="$2"
src="$3"
case_name=deb
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$src/tests/cli/assert.sh"
command -v dpkg-deb >/dev/null || { echo "dpkg-deb missing: skipped (not a Debian system)"; exit 0; }
command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps missing (apt-get install dpkg-dev; scripts/setup.sh does)"

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || fail "cpack failed: $(cat "$work/cpack.log")"
version=$(sed -n 's/^project(mast VERSION \([0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
deb="$work/out/mast_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb: $(ls "$work/out")"

dpkg-deb -I "$deb" >"$work/info"
contains "$work/info" "Package: mast"
contains "$work/info" "Version: $version"
contains "$work/info" "Architecture: amd64"
# A static build links nothing shared, so only a dynamic one has Depends.
if file -L "$mast" | grep -q "dynamically linked"; then
  grep -qE '^ Depends: .*libc6 \(>= [0-9.]+\).*libstdc\+\+6' "$work/info" || fail "Depends lacks libc6/libstdc++6: $(cat "$work/info")"
  # Every shared library the binary loads comes from a package that Depends names.
  checked=0
  for library in $(ldd "$mast" | sed -n 's/.* => \(\/[^ ]*\) .*/\1/p'); do
    real=$(readlink -f "$library")
    # dpkg knows some libraries under /lib, some under /usr/lib (merged /usr).
    package=$(dpkg -S "$library" "$real" "${real#/usr}" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$package" ] || fail "no package owns $library"
    grep -qE "^ Depends: (.*[ ,])?${package//+/\\+}( |,|$)" "$work/info" || fail "Depends lacks $package ($library): $(grep Depends "$work/info")"
    checked=$((checked + 1))
  done
  [ "$checked" -ge 5 ] || fail "only $checked shared libraries checked"
fi

dpkg-deb -c "$deb" | awk '{print $1, $NF}' >"$work/files"
for path in ./usr/bin/mast ./usr/share/man/man1/mast.1 ./usr/share/bash-completion/completions/mast \
            ./usr/share/zsh/vendor-completions/_mast ./usr/share/fish/vendor_completions.d/mast.fish \
            ./usr/share/doc/mast/README.md ./usr/share/doc/mast/CHANGELOG.md ./usr/share/doc/mast/LICENSE; do
  grep -qF " $path" "$work/files" || fail "the package lacks $path: $(cat "$work/files")"
done
grep -qE '^-rwxr-xr-x \./usr/bin/mast$' "$work/files" || fail "usr/bin/mast is not executable"
! grep -qE ' \./(tmp|work|root|home)/' "$work/files" || fail "the package holds build paths: $(grep -E ' \./(tmp|work)/' "$work/files")"

dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/mast" --version >"$work/version" || fail "the packaged mast does not run"
[ "$(head -1 "$work/version")" = "$("$mast" --version | head -1)" ] || fail "the packaged mast says $(head -1 "$work/version")"
echo "ok: $(du -k "$deb" | cut -f1) KiB; $(grep '^ Depends:' "$work/info")"
