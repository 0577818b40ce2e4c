#!/usr/bin/env bash
# Set up a Debian/Ubuntu machine for Trust Your Gut: the Ren'Py engine, a
# virtual screen for headless tests, and this project's Python packages.
# Safe to run again: it installs only what is missing.
#
#   bash tools/setup.sh          what building and playing need
#   bash tools/setup.sh --test   ... and what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

need=()
[ -x /usr/games/renpy ] || need+=(renpy)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
# "Read aloud" (Ren'Py's self-voicing) speaks through the espeak command.
command -v espeak >/dev/null 2>&1 || need+=(espeak-ng-espeak)
# build.py graph and the facilitator guide's story maps are drawn by Graphviz's dot.
command -v dot >/dev/null 2>&1 || need+=(graphviz)
if [ -n "$extras" ]; then
  # The guide test prints the facilitator guide to PDF and reads it back.
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  # The lab test watches the game's system calls for network sockets.
  command -v strace >/dev/null 2>&1 || need+=(strace)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} with apt-get"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Debian's own Python marks itself "externally managed"; install for this
# user there. Any other Python (a venv, pyenv) takes the packages directly.
pip_flags=(-q)
if python3 -c 'import sys, sysconfig, os; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) and sys.prefix == sys.base_prefix else 1)'; then
  pip_flags+=(--user --break-system-packages)
fi
python3 -m pip install "${pip_flags[@]}" -e ".${extras}"
echo "setup: ready ($(python3 --version), Ren'Py at /usr/games/renpy)"
