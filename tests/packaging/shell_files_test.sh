#!/usr/bin/env bash
# The man page and shell completions that the build generates (build/share,
# see cmake/MastPackaging.cmake) against the parser itself: every public
# subcommand and every option that `mast SUB --help` lists appears in each
# file under that subcommand; the shells and groff accept the files; and the
# bash and fish completions really complete.
# Usage: shell_files_test.sh MAST_BINARY SHARE_DIR CASE
set -uo pipefail
mast="$1"
share="$2"
case_name="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../cli/assert.sh"

man_page="$share/man/man1/mast.1"
bash_file="$share/bash-completion/completions/mast"
zsh_file="$share/zsh/_mast"
fish_file="$share/fish/vendor_completions.d/mast.fish"
for file in "$man_page" "$bash_file" "$zsh_file" "$fish_file"; do
  [ -s "$file" ] || fail "$file was not generated"
done

# Public subcommands, from `mast --help`.
subcommands() { "$mast" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'; }
# Every option spelling of a subcommand ("-o", "--output"), from its --help.
options_of() {
  "$mast" "$1" --help | sed -n '/^Options:/,$p' | grep -oE '^  -[^ {]+' | tr ',' '\n' | sed 's/^ *//'
}
# The part of a generated file that belongs to one subcommand.
man_section() { sed 's/\\-/-/g' "$man_page" | awk -v s=".SS \"mast $1 " 'index($0, s) == 1 {on = 1; print; next} /^\.S[SH] / {on = 0} on'; }
bash_section() { grep -A1 "^    $1)\$" "$bash_file" | grep "options="; }
zsh_section() { awk -v s="        $1)" '$0 == s {on = 1; next} /^          ;;$/ {on = 0} on' "$zsh_file"; }
fish_section() { grep -F "'__fish_seen_subcommand_from $1'" "$fish_file"; }

case "$case_name" in
  every-option)
    count=0
    for sub in $(subcommands); do
      man_section "$sub" >"$work/man"; bash_section "$sub" >"$work/bash"
      zsh_section "$sub" >"$work/zsh"; fish_section "$sub" >"$work/fish"
      for section in man bash zsh fish; do
        [ -s "$work/$section" ] || fail "the $section file has no section for \`mast $sub\`"
      done
      for option in $(options_of "$sub"); do
        count=$((count + 1))
        grep -qF -- "\\fB$option\\fR" "$work/man" || fail "mast.1 lacks $option of mast $sub"
        grep -qE -- "[' ]$option[' ]" "$work/bash" || fail "the bash completion lacks $option of mast $sub"
        grep -qE -- "'(\\([^)]*\\)|\\*)?$option[=[]" "$work/zsh" || fail "the zsh completion lacks $option of mast $sub"
        case "$option" in
          --*) fish_word="-l ${option#--}" ;;
          *) fish_word="-s ${option#-}" ;;
        esac
        grep -qE -- " $fish_word( |$)" "$work/fish" || fail "the fish completion lacks $option of mast $sub"
      done
    done
    [ "$count" -gt 40 ] || fail "only $count options found in the --help texts"
    # The hidden commands stay out of the completions.
    for hidden in man; do
      ! grep -qE "(^| |\\|)$hidden\\)" "$bash_file" || fail "the bash completion offers the hidden command $hidden"
    done
    ;;
  syntax)
    bash -n "$bash_file" || fail "bash -n rejects the bash completion"
    groff -man -ww -z "$man_page" 2>"$work/err" || fail "groff rejects mast.1"
    [ ! -s "$work/err" ] || fail "groff warns about mast.1: $(cat "$work/err")"
    # scripts/setup.sh installs zsh and fish; a machine without them skips
    # only their check, and says so.
    if command -v zsh >/dev/null; then zsh -n "$zsh_file" || fail "zsh -n rejects _mast"; else echo "zsh missing: _mast not checked"; fi
    if command -v fish >/dev/null; then fish -n "$fish_file" || fail "fish -n rejects mast.fish"; else echo "fish missing: mast.fish not checked"; fi
    ;;
  bash-completes)
    # Runs the completion function as bash would for `mast check --format <TAB>`.
    run_completion() {  # words...
      bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mast; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$bash_file" "$@"
    }
    run_completion mast "" >"$work/out"
    contains "$work/out" "check"; contains "$work/out" "completion"; contains "$work/out" "rules"
    ! grep -qx "man" "$work/out" || fail "bash completes the hidden command man"
    run_completion mast check --format "" >"$work/out"
    [ "$(sort "$work/out" | tr '\n' ' ')" = "github json junit sarif text " ] || fail "--format values: $(cat "$work/out")"
    run_completion mast build --no-c >"$work/out"
    [ "$(cat "$work/out")" = "--no-check" ] || fail "--no-c completed to: $(cat "$work/out")"
    ;;
  fish-completes)
    command -v fish >/dev/null || { echo "fish missing: skipped (scripts/setup.sh installs it)"; exit 0; }
    fish -c "source '$fish_file'; complete -C 'mast check --format '" >"$work/out"
    contains "$work/out" "sarif"
    fish -c "source '$fish_file'; complete -C 'mast '" >"$work/out"
    contains "$work/out" "build"; contains "$work/out" "rules"
    ! grep -qE "^man([[:space:]]|$)" "$work/out" || fail "fish completes the hidden command man"
    ;;
  *) fail "unknown case" ;;
esac
