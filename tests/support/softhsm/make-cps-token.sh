#!/usr/bin/env bash
# Creates a private SoftHSM2 token that looks like a CPS card to a PKCS#11
# client: token label "CPS3v3-<SERIAL>", authentication key pair and
# certificate under CKA_ID 01, signature key pair and certificate under 02.
#
# Usage: make-cps-token.sh PKIDIR OUTDIR [HOLDER] [SERIAL]
#   PKIDIR  output of tests/support/pki/make-test-pki.sh
#   OUTDIR  wiped and regenerated; gets softhsm2.conf, tokens/, token.env and
#           .complete (written last, usable as a build stamp)
#   HOLDER  certificate/key base name in PKIDIR (default: dupont); uses
#           HOLDER-auth.* and, when present, HOLDER-sign.*
#   SERIAL  card serial used in the token label (default: 0012345678)
#
# The test PINs are fixed and documented: user PIN 1234, SO PIN 12345678.
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") PKIDIR OUTDIR [HOLDER] [SERIAL]" >&2
  echo "  Creates a SoftHSM2 token imitating a CPS card (defaults: HOLDER=dupont, SERIAL=0012345678)." >&2
  exit 2
}

die() {
  echo "make-cps-token: error: $*" >&2
  exit 1
}

if [ $# -lt 2 ] || [ $# -gt 4 ] || [ -z "$1" ] || [ -z "$2" ]; then usage; fi
pkidir=$1
holder=${3:-dupont}
serial=${4:-0012345678}

for tool in openssl:openssl softhsm2-util:softhsm2 pkcs11-tool:opensc; do
  command -v "${tool%%:*}" >/dev/null 2>&1 \
    || die "'${tool%%:*}' not found in PATH (Debian package: ${tool##*:})"
done

# The Debian softhsm2 package ships this path (a symlink into the multiarch dir).
module=/usr/lib/softhsm/libsofthsm2.so
[ -e "$module" ] || die "SoftHSM2 PKCS#11 module not found at $module (package softhsm2)"

# A PKCS#11 token label is at most 32 characters; keep the serial simple so
# the label can be used unquoted in token.env.
[[ $serial =~ ^[0-9A-Za-z]{1,25}$ ]] || die "SERIAL must be 1-25 letters or digits, got '$serial'"
label="CPS3v3-$serial"

[ -d "$pkidir" ] || die "PKIDIR '$pkidir' is not a directory"
pkidir=$(cd -- "$pkidir" && pwd)
for f in "$holder-auth.key.pem" "$holder-auth.der"; do
  [ -f "$pkidir/$f" ] || die "missing $pkidir/$f (run make-test-pki.sh first, or check HOLDER)"
done

case "$2" in
  / | /. | /.. | "$HOME" | "$HOME/") die "refusing to use '$2' as OUTDIR" ;;
esac
# Wiping OUTDIR must never take the PKI (and its keys) with it.
case "$(realpath -m -- "$pkidir")/" in
  "$(realpath -m -- "$2")"/*) die "OUTDIR '$2' must not contain PKIDIR" ;;
esac
rm -rf -- "$2"
mkdir -p -- "$2/tokens"
out=$(cd -- "$2" && pwd)

# Private configuration: never touch the machine-wide SoftHSM tokens.
cat >"$out/softhsm2.conf" <<EOF
directories.tokendir = $out/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
EOF
export SOFTHSM2_CONF="$out/softhsm2.conf"

tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

# Runs a tool quietly; on failure shows its output and names the tool (the
# command line itself is not echoed).
run() {
  local log
  if ! log=$("$@" 2>&1); then
    printf '%s\n' "$log" >&2
    die "$1 failed (while ${step:-working})"
  fi
}

p11() {
  run pkcs11-tool --module "$module" --token-label "$label" "$@"
}

step="initialising token $label"
run softhsm2-util --init-token --free --label "$label" --so-pin 12345678 --pin 1234

# add_pair KIND ID KEY_LABEL PUB_LABEL CERT_LABEL
add_pair() {
  local kind=$1 id=$2 key_label=$3 pub_label=$4 cert_label=$5
  local base="$pkidir/$holder-$kind"
  step="importing $holder-$kind"
  # softhsm2-util would also create the public key, but under the private
  # key's label; create it ourselves so it gets a distinct CPS_PUB_* label.
  run softhsm2-util --import "$base.key.pem" --token "$label" \
    --label "$key_label" --id "$id" --pin 1234 --no-public-key
  run openssl pkey -in "$base.key.pem" -pubout -outform DER -out "$tmp/$kind.pub.der"
  p11 --login --pin 1234 --write-object "$tmp/$kind.pub.der" --type pubkey \
    --id "$id" --label "$pub_label"
  # Certificates are public objects: readable before the PIN is entered.
  p11 --login --pin 1234 --write-object "$base.der" --type cert \
    --id "$id" --label "$cert_label"
}

add_pair auth 01 CPS_PRIV_AUT CPS_PUB_AUT "Certificat d'Authentification CPS"
if [ -f "$pkidir/$holder-sign.key.pem" ] && [ -f "$pkidir/$holder-sign.der" ]; then
  add_pair sign 02 CPS_PRIV_SIG CPS_PUB_SIG "Certificat de Signature CPS"
fi

# Plain KEY=VALUE lines (no quoting) so that shells, CMake and C++ test code
# can all read them.
cat >"$out/token.env" <<EOF
SOFTHSM2_CONF=$out/softhsm2.conf
CPS_TOKEN_LABEL=$label
CPS_PIN=1234
PKCS11_MODULE=$module
EOF

touch "$out/.complete"
echo "make-cps-token: token $label ($holder) written to $out"
