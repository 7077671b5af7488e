#!/usr/bin/env bash
# The whole product on this machine, for a first look: installs what is missing, builds a
# release, makes a demo data folder (server database with two accounts, a development TLS
# certificate the client trusts, the test PKI, a virtual CPS card), starts the server on
# https://localhost:8443 with mails written to files (each code is printed here as it is
# sent), and opens the client set to that server. Quitting the client stops the server.
# Run again, it reuses what it made (the PKI and card are remade when their CRL ages).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "demo.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset): the client is a desktop" >&2
    echo "  application. Run this from a graphical session (or under Xvfb: Xvfb :99 &" >&2
    echo "  DISPLAY=:99 scripts/demo.sh)." >&2
    exit 1
fi

bash scripts/setup-deps.sh
echo "== build (release)"
cmake --preset release >/dev/null
cmake --build --preset release

demo=${DCC_DEMO_DIR:-$root/build/demo}
pki=$demo/pki
token=$demo/token
server_bin=$root/build/release/server/app/dcc-login-server
client_bin=$root/build/release/client/app/dcc-login
port=8443
origin=https://localhost:$port
mkdir -p "$demo"

# The PKI (and the card made from it) is remade when its CRL is near its 30-day end, so
# that card logins keep working on a demo folder kept for weeks.
if [ ! -f "$pki/.complete" ] || [ -n "$(find "$pki/.complete" -mtime +20 2>/dev/null)" ]; then
    echo "== test PKI and virtual CPS card"
    bash tests/support/pki/make-test-pki.sh "$pki" >/dev/null
    rm -f "$token/.complete"
fi
if [ ! -f "$token/.complete" ]; then
    bash tests/support/softhsm/make-cps-token.sh "$pki" "$token" dupont 0012345678 >/dev/null
fi

config=$demo/dcc-login-server.properties
cat >"$config" <<CONF
# Written by scripts/demo.sh: a demonstration server, not a production configuration.
server.address = 127.0.0.1
server.port = $port
server.publicOrigin = $origin
tls.certificate = $pki/localhost-chain.pem
tls.privateKey = $pki/localhost.key.pem
database.path = $demo/dcc-login.db
security.keyFile = $demo/server.key
mail.transport = file
mail.outbox = $demo/outbox
mail.from = webdcr@onco-hdf.fr
mail.fromName = DCC ONCO HDF (démonstration)
cps.trustStore = $pki/trust-store.pem
cps.crl = $pki/personnes-ca.crl.pem
logging.loggers.root.channel = file
logging.channels.file.class = FileChannel
logging.channels.file.path = $demo/server.log
CONF

add_account() { # identifier email name password [national id]
    if "$server_bin" --config="$config" user show "$1" >/dev/null 2>&1; then
        return
    fi
    local extra=()
    [ -n "${5:-}" ] && extra=(--national-id="$5")
    printf '%s\n' "$4" | "$server_bin" --config="$config" user add "$1" --email="$2" \
        --name="$3" "${extra[@]}" >/dev/null
}
add_account j.dupont jean.dupont@demo.onco-hdf.test "Jean DUPONT" "Soleil-2024" 810001234567
add_account a.martin-durand aline.martin@demo.onco-hdf.test "Aline MARTIN-DURAND" "Printemps-2025"

# The client's own settings for the demo, apart from the user's real ones.
client_config=$demo/client-config
mkdir -p "$client_config/DCC Login"
cat >"$client_config/DCC Login/dcc-login.ini" <<CONF
[server]
url=$origin
caFile=$pki/tls-ca.pem

[card]
pkcs11Module=/usr/lib/softhsm/libsofthsm2.so

[support]
contact=Démonstration DCC Login
CONF

echo "== starting the server on $origin"
"$server_bin" --config="$config" &
server_pid=$!
watcher_pid=
cleanup() {
    [ -n "$watcher_pid" ] && kill "$watcher_pid" 2>/dev/null || true
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    if curl -sf --cacert "$pki/tls-ca.pem" "$origin/healthz" >/dev/null; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "demo.sh: the server did not start; see $demo/server.log" >&2
        exit 1
    fi
    sleep 0.1 # a start-up wait in a script, not a test: polled with a 10 s deadline
done

# Each code mail, as it is written: the demo has no real mailbox.
mkdir -p "$demo/outbox"
(
    set +e +o pipefail # a mail without a code or link is not a reason to stop watching
    seen=$(ls "$demo/outbox" 2>/dev/null | wc -l)
    while kill -0 "$server_pid" 2>/dev/null; do
        count=$(ls "$demo/outbox" | wc -l)
        if [ "$count" -gt "$seen" ]; then
            for mail in $(ls -t "$demo/outbox" | head -n $((count - seen))); do
                to=$(grep -m1 '^To:' "$demo/outbox/$mail" | sed 's/^To: //' | tr -d '\r')
                # The body (after the headers), soft line breaks undone: the code stands alone
                # on its line.
                body=$(awk 'body { print } /^\r?$/ { body = 1 }' "$demo/outbox/$mail" |
                       sed -e ':a' -e '/=$/N; s/=\n//; ta' -e 's/=3D/=/g' | tr -d '\r')
                code=$(grep -E '^[0-9]{6}$' <<<"$body" | head -n1)
                link=$(grep -oE 'https://[^ ]+/reset\?token=[A-Za-z0-9_-]+' <<<"$body" | head -n1)
                if [ -n "$link" ]; then
                    echo ">>> mail to $to: reset link $link"
                elif [ -n "$code" ]; then
                    echo ">>> mail to $to: code $code"
                else
                    echo ">>> mail to $to: $demo/outbox/$mail"
                fi
            done
            seen=$count
        fi
        sleep 1
    done
) &
watcher_pid=$!

cat <<INFO

  DCC Login — démonstration
  ─────────────────────────
  Serveur        : $origin   (DCC de démonstration : $origin/dcc/)
  Connexion OTP  : identifiant a.martin-durand   mot de passe Printemps-2025
  Carte CPS      : identifiant j.dupont          mot de passe Soleil-2024
                   carte virtuelle de Jean DUPONT, code PIN 1234 (une carte logicielle,
                   sans lecteur : la ligne d'état des lecteurs ne la voit pas)
  Les codes envoyés par e-mail s'affichent ici (lignes « >>> »).
  Fermez la fenêtre DCC Login pour arrêter la démonstration.

INFO

export SOFTHSM2_CONF=$token/softhsm2.conf
XDG_CONFIG_HOME=$client_config "$client_bin" || true
