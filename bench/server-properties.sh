#!/usr/bin/env bash
# The server configuration every benchmark runs with (docs/BENCHMARKS.md): plain HTTP on
# 127.0.0.1:PORT, its database, key, outbox and test PKI in RUN (made by
# tests/support/pki/make-test-pki.sh RUN/pki), mails to files. Printed on stdout; a caller
# appends what its measures need beyond it.
#
#   bench/server-properties.sh RUN PORT > RUN/server.properties
set -euo pipefail
run=${1:?usage: $0 RUN PORT}
port=${2:?usage: $0 RUN PORT}
cat <<EOF
server.address = 127.0.0.1
server.port = $port
server.publicOrigin = http://127.0.0.1:$port
database.path = $run/dcc-login.db
security.keyFile = $run/server.key
mail.transport = file
mail.outbox = $run/outbox
mail.from = webdcr@onco-hdf.fr
cps.trustStore = $run/pki/trust-store.pem
cps.crl = $run/pki/personnes-ca.crl.pem
# Tickets seeded before a run for the /launch measures must outlive its set-up.
ticket.lifetime = 3600
EOF
