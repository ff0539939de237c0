#!/usr/bin/env bash
# Third-party tools the tests use as oracles, so that our code never grades its own output:
# Debian's jc reads the emulator's FreeBSD ifconfig text independently of Patchbay's parser;
# Debian's rsvg-convert (librsvg2-bin) renders the exported SVG drawing independently of the browser;
# git makes the real repository docs/ci.md's pull-request check is tested in.
# Installs what is missing when we are root; otherwise says in one line what to install.
set -euo pipefail
missing=()
command -v jc >/dev/null 2>&1 || missing+=(jc)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
command -v git >/dev/null 2>&1 || missing+=(git)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the test oracles (apt-get install ${missing[*]})..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
  command -v jc >/dev/null 2>&1 && command -v rsvg-convert >/dev/null 2>&1 && command -v git >/dev/null 2>&1 && exit 0
fi
echo "Patchbay's tests use Debian's ${missing[*]} as independent readers of FreeBSD output and of the exported SVG, and git for the CI example: run 'sudo apt-get install ${missing[*]}' and try again." >&2
exit 1
