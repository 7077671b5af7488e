#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need.
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -euo pipefail

build_packages=(
  cmake ninja-build g++ ccache clang-format pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libxkbcommon-dev
  libpcsclite-dev libp11-kit-dev libssl-dev libpoco-dev libsqlite3-dev libargon2-dev
)
test_packages=(
  openssl pcscd pcsc-tools p11-kit softhsm2 opensc sqlite3
  vsmartcard-vpcd vsmartcard-vpicc python3-virtualsmartcard python3-pycryptodome
  libcacard-dev libnss3-tools python3-aiosmtpd
  xvfb xauth xdotool imagemagick xdg-utils chromium msitools wixl curl wrk
)

wanted=("${build_packages[@]}" "${test_packages[@]}")
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#wanted[@]} packages are installed."
  exit 0
fi

echo "setup-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
  run_as_root=(sudo)
else
  echo "setup-deps: these packages are missing and installing them needs root:" >&2
  echo "  ${missing[*]}" >&2
  echo "Run this script as root, or install sudo, or install the packages yourself." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup-deps: done."
