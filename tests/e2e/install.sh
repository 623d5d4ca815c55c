#!/usr/bin/env bash
# `cmake --install` (the README's set-up) installs duty and every manual page,
# so that `man duty-NAME` works: each page ends up where man(1) looks for its section.
source "$DUTY_SRC/tests/e2e/lib.sh"
command -v cmake >/dev/null || exit 77
BUILD=$(cd "$(dirname "$DUTY")/.." && pwd)
[[ -f $BUILD/cmake_install.cmake ]] || exit 77

CHECKS=$((CHECKS + 1))
grep -q '&& cmake --install build &&' "$DUTY_SRC/README.md" || fail "the README's set-up installs duty"

cmake --install "$BUILD" --prefix "$SCRATCH/prefix" >install.log 2>&1
expect_eq "$?" 0 "cmake --install"
run_installed() { OUT=$("$SCRATCH/prefix/bin/duty" "$@" 2>&1); RC=$?; }
run_installed --version
expect_rc 0 "installed duty --version"
expect_out "duty" "installed duty --version"

for page in "$DUTY_SRC"/man/*.[15]; do
  name=$(basename "$page")
  section=${name##*.}
  CHECKS=$((CHECKS + 1))
  cmp -s "$page" "$SCRATCH/prefix/share/man/man$section/$name" || fail "man page $name not installed in man$section"
done
# Nothing but manual pages in the manual's directories.
expect_eq "$(find "$SCRATCH/prefix/share/man" -type f ! -name '*.[15]' | wc -l)" 0 "only man pages installed"
# Every built-in command's page is installed (duty help COMMAND refers to it).
for c in $("$DUTY" --help | awk '/^Commands:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {exit}'); do
  CHECKS=$((CHECKS + 1))
  [[ -f $SCRATCH/prefix/share/man/man1/duty-$c.1 ]] || fail "duty-$c.1 not installed"
done
if command -v man >/dev/null; then
  OUT=$(MANPATH="$SCRATCH/prefix/share/man" man -w duty-config 2>&1)
  expect_eq "$OUT" "$SCRATCH/prefix/share/man/man5/duty-config.5" "man -w finds duty-config(5)"
fi

finish
