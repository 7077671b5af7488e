#!/usr/bin/env bash
# Makes what the virtual CAC card (dcc-virtual-cac) serves: Jean Dupont's two key pairs of
# the test PKI on a removable SoftHSM2 token, and an NSS database that holds SoftHSM as a
# PKCS#11 module (libcacard reads the card's certificates and keys through NSS).
#
# Usage: make-cac-card.sh PKIDIR OUTDIR
# OUTDIR gets the token (see make-plain-token.sh), nssdb/, and card.env: token.env plus
# NSS_DB. The signature pair is written first, so that the card's first certificate is the
# one a login must not use. PIN 1234.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $(basename "$0") PKIDIR OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
for tool in certutil modutil; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "make-cac-card: '$tool' not found (Debian package libnss3-tools)" >&2
    exit 1
  }
done

"$here/../softhsm/make-plain-token.sh" "$1" "$2" "DUPONT CAC" --removable \
  "dupont-sign:0b:Signing key:Signing certificate" \
  "dupont-auth:0a:Login key:Login certificate" >/dev/null
out=$(cd -- "$2" && pwd)
export SOFTHSM2_CONF="$out/softhsm2.conf"
module=/usr/lib/softhsm/libsofthsm2.so

mkdir -p "$out/nssdb"
certutil -N -d "sql:$out/nssdb" --empty-password
# modutil asks for confirmation unless -force; stdin closed so that it can never wait.
modutil -add SoftHSM -dbdir "sql:$out/nssdb" -libfile "$module" -force </dev/null >/dev/null

{
  cat "$out/token.env"
  echo "NSS_DB=$out/nssdb"
} >"$out/card.env"
echo "make-cac-card: virtual CAC card data written to $out"
