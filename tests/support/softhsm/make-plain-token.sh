#!/usr/bin/env bash
# Creates a private SoftHSM2 token holding key pairs and certificates of the test PKI under
# labels and CKA_IDs of the caller's choosing: tokens that are not CPS look-alikes (no
# CPS_PRIV_AUT label), for the key-usage rule of the login key choice and for the virtual
# CAC card.
#
# Usage: make-plain-token.sh PKIDIR OUTDIR TOKEN_LABEL [--removable] PAIR...
#   PAIR  BASE:ID:KEY_LABEL:CERT_LABEL, e.g. "dupont-auth:0a:Login key:Login certificate":
#         imports PKIDIR/BASE.key.pem as a private key and PKIDIR/BASE.der as a certificate,
#         both with CKA_ID ID (hex); pairs are written in the order given.
#   --removable  the slot reports a removable device (libcacard mirrors only those)
# OUTDIR is wiped and gets softhsm2.conf, tokens/, token.env and .complete (written last).
# token.env: SOFTHSM2_CONF, TOKEN_LABEL, PIN, PKCS11_MODULE, SLOT_ID, SLOT_NAME (NSS's name
# of the slot, "SoftHSM slot ID 0x…"). User PIN 1234, SO PIN 12345678.
set -euo pipefail

die() {
  echo "make-plain-token: error: $*" >&2
  exit 1
}

[ $# -ge 4 ] || die "usage: $(basename "$0") PKIDIR OUTDIR TOKEN_LABEL [--removable] PAIR..."
pkidir=$(cd -- "$1" && pwd)
outdir=$2
label=$3
shift 3
removable=false
if [ "${1:-}" = --removable ]; then
  removable=true
  shift
fi
[ $# -ge 1 ] || die "no PAIR given"

module=/usr/lib/softhsm/libsofthsm2.so
[ -e "$module" ] || die "SoftHSM2 PKCS#11 module not found at $module (package softhsm2)"

case "$outdir" in
  / | /. | /.. | "$HOME" | "$HOME/") die "refusing to use '$outdir' as OUTDIR" ;;
esac
case "$pkidir/" in
  "$(realpath -m -- "$outdir")"/*) die "OUTDIR '$outdir' must not contain PKIDIR" ;;
esac
rm -rf -- "$outdir"
mkdir -p -- "$outdir/tokens"
out=$(cd -- "$outdir" && pwd)

cat >"$out/softhsm2.conf" <<CONF
directories.tokendir = $out/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = $removable
CONF
export SOFTHSM2_CONF="$out/softhsm2.conf"

run() {
  local log
  if ! log=$("$@" 2>&1); then
    printf '%s\n' "$log" >&2
    die "$1 failed"
  fi
  printf '%s\n' "$log"
}

init=$(run softhsm2-util --init-token --free --label "$label" --so-pin 12345678 --pin 1234)
slot=$(printf '%s\n' "$init" | sed -n 's/.*reassigned to slot \([0-9][0-9]*\).*/\1/p')
[ -n "$slot" ] || die "could not read the slot number from: $init"

for pair in "$@"; do
  IFS=: read -r base id key_label cert_label <<<"$pair"
  [ -f "$pkidir/$base.key.pem" ] && [ -f "$pkidir/$base.der" ] || die "missing $pkidir/$base.*"
  run softhsm2-util --import "$pkidir/$base.key.pem" --token "$label" --label "$key_label" \
    --id "$id" --pin 1234 --no-public-key >/dev/null
  run pkcs11-tool --module "$module" --token-label "$label" --login --pin 1234 \
    --write-object "$pkidir/$base.der" --type cert --id "$id" --label "$cert_label" >/dev/null
done

cat >"$out/token.env" <<ENV
SOFTHSM2_CONF=$out/softhsm2.conf
TOKEN_LABEL=$label
PIN=1234
PKCS11_MODULE=$module
SLOT_ID=$slot
SLOT_NAME=$(printf 'SoftHSM slot ID 0x%x' "$slot")
ENV
touch "$out/.complete"
echo "make-plain-token: token '$label' written to $out"
