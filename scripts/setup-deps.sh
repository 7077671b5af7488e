#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need.
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -euo pipefail

build_packages=(
  cmake ninja-build g++ ccache clang-format pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libxkbcommon-dev libqt6svg6
  libfontconfig-dev
  libpcsclite-dev libp11-kit-dev libssl-dev libpoco-dev libsqlite3-dev libargon2-dev libpq-dev
)
test_packages=(
  openssl pcscd pcsc-tools p11-kit softhsm2 opensc sqlite3
  vsmartcard-vpcd vsmartcard-vpicc python3-virtualsmartcard python3-pycryptodome
  libcacard-dev libnss3-tools python3-aiosmtpd
  xvfb xauth xdotool imagemagick xdg-utils chromium msitools wixl curl wrk
  dpkg-dev fakeroot desktop-file-utils systemd postgresql postgresql-client
  clang-14 libclang-rt-14-dev
)

wanted=("${build_packages[@]}" "${test_packages[@]}")
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

# --- Browser-test scripts: tests/browser/node_modules, from the committed package-lock.json.
# Here rather than at the end because the apt step below exits early when every package is
# there. It needs none of those packages (the scripts use Debian's chromium only when run).
# Node.js is not installed through apt: machines of this kind come with Node.js 20 and npm
# (NodeSource's nodejs package, whose apt source is disabled); Debian 12's own nodejs is 18,
# too old for playwright-core (Node.js >= 20), and its npm package conflicts with NodeSource's.
# Runs `npm ci` only when playwright-core is missing or not the version the lock file pins;
# never downloads a browser.
(
  cd "$(dirname "$0")/.."
  browser_dir=tests/browser
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "setup-deps: the browser tests need Node.js 20 or later with npm (node and npm" >&2
    echo "  on PATH) to install ${browser_dir}/node_modules. This script does not install" >&2
    echo "  Node.js: install Node.js 20+ (it ships npm), then run it again." >&2
    exit 1
  fi
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$node_major" -lt 20 ]; then
    echo "setup-deps: the browser tests need Node.js 20 or later; $(command -v node) is" \
         "$(node --version)." >&2
    exit 1
  fi
  wanted_version=$(node -p \
    "require('./${browser_dir}/package-lock.json').packages['node_modules/playwright-core'].version")
  installed_version=$(node -p \
    "try { require('./${browser_dir}/node_modules/playwright-core/package.json').version }
     catch { 'none' }")
  if [ "$installed_version" = "$wanted_version" ]; then
    echo "setup-deps: ${browser_dir}: playwright-core ${installed_version} is installed."
  else
    echo "setup-deps: ${browser_dir}: installing playwright-core ${wanted_version}" \
         "(found: ${installed_version}) with npm ci"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$browser_dir" --no-audit --no-fund
  fi
)
# --- end of the browser-test scripts

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
