#!/bin/sh
# make-smtp-cert.sh DIR: a throw-away CA (DIR/ca.pem) and a server certificate it issued
# for the TLS test SMTP servers (DIR/localhost.pem, DIR/localhost.key.pem).
#
# The certificate names DNS:localhost only, no IP address: tests reach the server as
# "localhost" to see a good name accepted, and as "127.0.0.1" to see a name that the
# certificate does not carry refused.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/O=DCC Login tests/CN=SMTP test CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$work/ca.key.pem" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/O=DCC Login tests/CN=localhost" \
    -keyout "$work/localhost.key.pem" -out "$work/localhost.csr" 2>/dev/null
printf '%s\n' \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:localhost" >"$work/ext.cnf"
openssl x509 -req -in "$work/localhost.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key.pem" \
    -CAcreateserial -days 30 -extfile "$work/ext.cnf" -out "$work/localhost.pem" 2>/dev/null

chmod 600 "$work/localhost.key.pem"
mv "$work/ca.pem" "$work/localhost.pem" "$work/localhost.key.pem" "$dir/"
