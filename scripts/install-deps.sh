#!/usr/bin/env bash
# Installs the Debian packages duty needs to build, test and benchmark.
# Only what is missing is installed; safe to run again. Needs root (or sudo).
set -euo pipefail

build=(cmake g++ make pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev
       libsqlitecpp-dev libsqlite3-dev doctest-dev libhowardhinnant-date-dev tzdata
       libgmp-dev libzip-dev libexpat1-dev libfreexl-dev libxlsxwriter-dev)
# chromium-headless-shell and fonts-noto-cjk: the report's browser test
# (tests/e2e/report_browser.sh) renders and prints the HTML report with them.
# clang and its runtime (libFuzzer, sanitizers): the fuzz targets of tests/fuzz.
# groff-base: tests/docs/man_render.py renders every manual page in groff beside mandoc.
# python3-openpyxl: workbooks written by duty are read back by an independent reader.
tests=(mandoc sqlite3 python3 python3-yaml python3-openpyxl chromium-headless-shell fonts-noto-cjk clang
       libclang-rt-14-dev python3-jsonschema git zsh fish groff-base)
bench=(hyperfine yamllint time python3-pandas unzip)

want=("${build[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${tests[@]}") ;;
  bench) want+=("${tests[@]}" "${bench[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

sudo=()
((EUID == 0)) || sudo=(sudo)
echo "installing: ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
