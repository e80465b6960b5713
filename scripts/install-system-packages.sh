#!/usr/bin/env bash
# Installs the Debian packages Voxeron's voice pipeline uses, when they are missing:
# pocketsphinx (local streaming ASR, through its C library) with its US English model and
# dictionary, espeak-ng (local TTS, English and Dutch voices) and sox (telephone audio in tests
# and benchmarks). Text calls, the API and the edge agent need none of them.
# Needs root (or sudo) only when something is missing; safe to run again.
set -euo pipefail

packages=(ca-certificates pocketsphinx libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us espeak-ng sox)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "voxeron: not a Debian/Ubuntu system; install these yourself for voice calls: ${missing[*]}" >&2
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "voxeron: voice calls need these Debian packages (run as root): apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "== installing Debian packages: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
