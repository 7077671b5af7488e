#!/usr/bin/env bash
# Runs every benchmark of docs/BENCHMARKS.md side by side, in one run, and prints the table
# of ratios against the references measured in that same run (these machines are noisy:
# only ratios taken together mean something).
#
# Usage: bench/run-all.sh [--seconds=S] [--server-only | --client-only] [--load=SECONDS]
#                         [--no-fsync]
#   --seconds   length of each server measure (default 15)
#   --load      also run the sustained-load test (docs/security.md, "Load") for that long
#   --no-fsync  diagnosis only: the server runs under eatmydata (fsync does nothing), to
#               see what the database's synchronous commits cost
#
# It installs what it needs (bench/setup-deps.sh), builds the "bench" preset (Release) into
# build/bench, and works in build/bench/run (wiped at each run). Ports 18080 (server) and
# 18081 (nginx) on 127.0.0.1 must be free.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=15
load_seconds=0
do_server=1
do_client=1
server_wrapper=()
for arg in "$@"; do
  case "$arg" in
    --seconds=*) seconds=${arg#*=} ;;
    --load=*) load_seconds=${arg#*=} ;;
    --server-only) do_client=0 ;;
    --client-only) do_server=0 ;;
    --no-fsync) server_wrapper=(eatmydata) ;;
    *) echo "usage: $0 [--seconds=S] [--server-only | --client-only] [--load=SECONDS] [--no-fsync]" >&2; exit 2 ;;
  esac
done

bash bench/setup-deps.sh
cmake --preset bench >/dev/null
cmake --build --preset bench -j 2 >/dev/null

build=$root/build/bench
run=$build/run
results=$run/results.txt
server_bin=$build/server/app/dcc-login-server
bench_server=$build/bench/dcc-bench-server
rm -rf "$run"
mkdir -p "$run"
port=18080
nginx_port=18081
origin="http://127.0.0.1:$port"
password='Bench-Password-1'
# Argon2id parameters: the server's defaults (DESIGN.md), given to the server and to the raw
# hash measure alike.
argon2_memory=19456
argon2_iterations=2
cores=$(nproc)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

note() { printf '%s\n' "$*" | tee -a "$results"; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

note "# bench/run-all.sh $* — $(date -u '+%Y-%m-%d %H:%M UTC')"
note "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r)"
note "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- server client common || echo ' (+ local changes)')"
note "load average at start: $(load_average)"
[ ${#server_wrapper[@]} -eq 0 ] || note "DIAGNOSIS RUN: server under ${server_wrapper[*]} (no fsync)"

# value KEY LINE: the value of key=value in a RESULT line.
value() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
# milliseconds DURATION: wrk's "850.00us", "5.02ms" or "1.10s" in milliseconds.
milliseconds() {
  awk -v d="$1" 'BEGIN { v = d + 0; if (d ~ /us$/) v /= 1000; else if (d ~ /[0-9]s$/) v *= 1000; print v }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

start_server() { # CONFIG: starts the server, waits for /healthz, sets server_pid
  "${server_wrapper[@]}" "$server_bin" --config="$1" >"$run/server.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 100); do
    curl -fsS "$origin/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start; its log:" >&2
  cat "$run/server.log" >&2
  exit 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

# The client's GUI measures log in against this server too.
if true; then
  bash tests/support/pki/make-test-pki.sh "$run/pki" >/dev/null
  {
    bash bench/server-properties.sh "$run" "$port"
    echo "password.argon2.memoryKiB = $argon2_memory"
    echo "password.argon2.iterations = $argon2_iterations"
  } >"$run/server.properties"
  # One block of fresh accounts per login measure: an account gets 5 codes per 15 minutes,
  # and a login measure must not run into that quota (it is measured on its own below).
  accounts_per_block=6000
  eatmydata "$bench_server" seed --database="$run/dcc-login.db" --accounts=$((accounts_per_block * 12)) \
    --password="$password" --argon2-memory=$argon2_memory --argon2-iterations=$argon2_iterations \
    --cps=j.dupont:810001234567 --cps=a.martin-durand:0751234567 >/dev/null
  # /launch spends one ticket per request: enough for 15 s at well over 10,000 per second,
  # and apart those of the paced measure.
  eatmydata "$bench_server" tickets --database="$run/dcc-login.db" --identifier=b.bench1 \
    --count=$((seconds * 15000)) --lifetime=3600 --output="$run/launch-tickets.txt" >/dev/null
  eatmydata "$bench_server" tickets --database="$run/dcc-login.db" --identifier=b.bench1 \
    --count=$((seconds * 1500)) --lifetime=3600 --output="$run/paced-tickets.txt" >/dev/null
  # The raw exchange rate's own database: the server's schema (made by the seeder), one
  # account, its tickets.
  eatmydata "$bench_server" seed --database="$run/exchange.db" --accounts=1 --password="$password" \
    --argon2-memory=$argon2_memory --argon2-iterations=$argon2_iterations >/dev/null
  eatmydata "$bench_server" tickets --database="$run/exchange.db" --identifier=b.bench1 \
    --count=$((seconds * 15000)) --lifetime=3600 --output="$run/exchange-tickets.txt" >/dev/null
  eatmydata "$bench_server" tickets --database="$run/dcc-login.db" --identifier=b.bench2 \
    --count=10000 --lifetime=3600 --output="$run/session-tickets.txt" >/dev/null
  cps_accounts=(--cps="j.dupont:$run/pki/dupont-auth.pem:$run/pki/dupont-auth.key.pem"
                --cps="a.martin-durand:$run/pki/martin-auth.pem:$run/pki/martin-auth.key.pem")
  start_server "$run/server.properties"
fi

block=0
next_block() { block=$((block + 1)); first_account=$(( (block - 1) * accounts_per_block + 1 )); }

if [ "$do_server" = 1 ]; then
  # --- (a) full password + OTP logins against the raw Argon2id rate, side by side.
  note ""
  note "## server (a): password + OTP logins per second / raw Argon2id verifications per second"
  # The machine is shared and its load drifts: each figure is 3 rounds of (raw hashes,
  # then logins) alternated, summed, so that both sides see the same drift.
  rounds=3
  slice=$(awk -v s="$seconds" -v r=$rounds 'BEGIN { printf "%.1f", s / r }')
  for clients in 1 8 32 64; do
    threads=$(( clients < cores ? clients : cores ))
    next_block
    hashes=0 logins_done=0 p50s=() p99s=() failures=0 throttled=0
    for round in $(seq $rounds); do
      raw=$("$bench_server" argon2 --threads=$threads --seconds="$slice" \
        --argon2-memory=$argon2_memory --argon2-iterations=$argon2_iterations | grep '^RESULT')
      logins=$("$bench_server" logins --label="otp$clients.$round" --url="$origin" --origin="$origin" \
        --outbox="$run/outbox" --first-account=$((first_account + (round - 1) * accounts_per_block / rounds)) \
        --accounts=$((accounts_per_block / rounds)) --password="$password" --clients=$clients \
        --warmup=3 --seconds="$slice" --server-pid="$server_pid" |
        tee -a "$run/logins.log" | grep '^RESULT' || true)
      hashes=$((hashes + $(value hashes "$raw")))
      logins_done=$((logins_done + $(value otp "$logins")))
      failures=$((failures + $(value failures "$logins")))
      throttled=$((throttled + $(value throttled "$logins")))
      p50s+=("$(value login_p50_ms "$logins")")
      p99s+=("$(value login_p99_ms "$logins")")
    done
    total=$(awk -v s="$slice" -v r=$rounds 'BEGIN { print s * r }')
    login_rate=$(ratio "$logins_done" "$total")
    hash_rate=$(ratio "$hashes" "$total")
    note "clients=$clients: logins/s=$login_rate argon2/s($threads threads)=$hash_rate" \
         "ratio=$(ratio "$logins_done" "$hashes") login_p50=${p50s[*]}ms login_p99=${p99s[*]}ms (per round)" \
         "failures=$failures throttled=$throttled"
  done

  # --- (b) ticket exchange, session check, info against nginx's static file, 64 connections.
  note ""
  note "## server (b): requests per second at 64 connections / nginx static file"
  mkdir -p "$run/nginx/www"
  sed "s|@RUN@|$run|g; s|@PORT@|$nginx_port|g" bench/http/nginx.conf.in >"$run/nginx/nginx.conf"
  curl -fsS "$origin/api/v1/info" >"$run/nginx/www/info.json"
  nginx -p "$run/nginx" -c "$run/nginx/nginx.conf" >"$run/nginx/out.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$nginx_port/info.json" >/dev/null 2>&1 && break; sleep 0.1; done
  session_cookie=$(curl -sS -D - -o /dev/null \
      "$origin/launch?ticket=$(head -n1 "$run/session-tickets.txt")" |
    sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p' | head -n1)
  sed -i 1d "$run/session-tickets.txt"
  wrk_run() { # NAME ARGS…: one wrk measure, summarised as a RESULT line
    local name=$1
    shift
    local out
    out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$@" 2>&1)
    printf '%s\n' "$out" >"$run/wrk-$name.txt"
    local rps p50 p99 bad errors
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    bad=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
    errors=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' <<<"$out" | tr ' ,' '_.')
    echo "RESULT $name rps=$rps p50=$p50 p99=$p99 non2xx3xx=${bad:-0} socket_errors=${errors:-none}"
  }
  ref=$(wrk_run nginx "http://127.0.0.1:$nginx_port/info.json")
  info=$(wrk_run info "$origin/api/v1/info")
  session=$(wrk_run session -H "Cookie: $session_cookie" "$origin/api/v1/session")
  # The exchange's own reference (DESIGN.md): SQLite alone doing its durable work, measured
  # just before it.
  exchange=$("$bench_server" exchange --database="$run/exchange.db" \
    --tickets="$run/exchange-tickets.txt" --seconds="$seconds" | grep '^RESULT')
  launch=$(wrk_run launch -s bench/http/launch.lua "$origin" -- "$run/launch-tickets.txt" 2)
  # Paced: 64 connections pausing 64 ms between requests offer about 1,000 exchanges per
  # second, some twenty times what Argon2id lets logins produce on these cores.
  paced=$(wrk_run launch_paced -s bench/http/launch.lua "$origin" -- "$run/paced-tickets.txt" 2 64)
  note "nginx static: rps=$(value rps "$ref") p50=$(value p50 "$ref") p99=$(value p99 "$ref")"
  for line in "$info" "$session" "$launch"; do
    name=$(cut -d' ' -f2 <<<"$line")
    note "$name: rps=$(value rps "$line") ratio=$(ratio "$(value rps "$line")" "$(value rps "$ref")")" \
         "p50=$(value p50 "$line") p99=$(value p99 "$line")" \
         "p99/nginx_p99=$(ratio "$(milliseconds "$(value p99 "$line")")" "$(milliseconds "$(value p99 "$ref")")")" \
         "non-2xx/3xx=$(value non2xx3xx "$line") socket_errors=$(value socket_errors "$line")"
  done
  note "raw SQLite exchange (1 thread, one transaction each): per_second=$(value per_second "$exchange")" \
       "launch/raw=$(ratio "$(value rps "$launch")" "$(value per_second "$exchange")")"
  note "launch paced (64 connections, 64 ms pause): rps=$(value rps "$paced") p50=$(value p50 "$paced")" \
       "p99=$(value p99 "$paced") non-2xx/3xx=$(value non2xx3xx "$paced")"

  # --- (c) server memory with 10,000 live sessions, made through /launch.
  note ""
  note "## server (c): memory with 10,000 live sessions"
  sessions=$("$bench_server" sessions --url="$origin" --tickets="$run/session-tickets.txt" \
    --clients=8 --server-pid="$server_pid" | tee "$run/sessions.log" | grep '^RESULT' || true)
  grep '^FAILURE' "$run/sessions.log" | tee -a "$results" || true
  live=$(sqlite3 "$run/dcc-login.db" "SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > strftime('%s','now')" 2>/dev/null || echo '?')
  note "sessions made=$(value live "$sessions") checked=$(value checked "$sessions") live_in_database=$live" \
       "rss_before=$(value rss_before_kib "$sessions")KiB rss_after=$(value rss_after_kib "$sessions")KiB" \
       "rss_peak=$(value rss_peak_kib "$sessions")KiB"
fi

if [ "$load_seconds" -gt 0 ]; then
  # --- Sustained load (docs/security.md, "Load"): OTP and CPS logins together.
  note ""
  note "## load: ${load_seconds}s of concurrent OTP and CPS logins (32 clients, 1 in 4 CPS)"
  next_block
  "$bench_server" logins --label=load --url="$origin" --origin="$origin" --outbox="$run/outbox" \
    --first-account=$first_account --accounts=$((accounts_per_block * (12 - block + 1))) \
    --password="$password" --clients=32 --cps-every=4 "${cps_accounts[@]}" \
    --seconds="$load_seconds" --server-pid="$server_pid" --progress=30 | tee "$run/load.log" |
    grep -E '^(PROGRESS|RESULT|FAILURE)' | tee -a "$results" || true
fi

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if [ "$do_client" = 1 ]; then
  export XDG_CONFIG_HOME="$run/xdg" XDG_RUNTIME_DIR="$run/xdg-runtime"
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"

  # --- (a) start-up: process start to window mapped, product vs empty Qt Widgets window,
  # alternated so that both see the same machine.
  note ""
  note "## client (a): start to window shown (Xvfb), dcc-login / empty Qt Widgets window"
  display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >"$run/xvfb.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  : >"$run/start-product.txt"
  : >"$run/start-empty.txt"
  # A run that shows no window (its stderr goes to start-errors.txt) is left out and counted.
  for _ in $(seq 31); do
    { DISPLAY=$display "$build/bench/dcc-bench-window-start" "$build/bench/dcc-bench-empty-window" \
        2>>"$run/start-errors.txt" || true; } | sed -n 's/.*ms=//p' >>"$run/start-empty.txt"
    { DISPLAY=$display "$build/bench/dcc-bench-window-start" "$build/client/app/dcc-login" \
        --server="$origin" 2>>"$run/start-errors.txt" || true; } |
      sed -n 's/.*ms=//p' >>"$run/start-product.txt"
  done
  product_ms=$(median <"$run/start-product.txt")
  empty_ms=$(median <"$run/start-empty.txt")
  note "median of $(wc -l <"$run/start-product.txt") and $(wc -l <"$run/start-empty.txt") runs:" \
       "dcc-login=${product_ms}ms empty=${empty_ms}ms ratio=$(ratio "$product_ms" "$empty_ms")" \
       "(runs without a window: $(grep -c 'before showing\|no window' "$run/start-errors.txt" || true))"

  # --- (c) GUI-thread stalls during real logins (offscreen), against the server above.
  note ""
  note "## client (c): longest GUI-thread stall during a login"
  bash tests/support/softhsm/make-cps-token.sh "$run/pki" "$run/token" dupont >/dev/null
  gui_otp=$(QT_QPA_PLATFORM=offscreen "$build/bench/dcc-bench-login-window" --mode=otp \
    --server="$origin" --outbox="$run/outbox" --identifier="b.bench$((accounts_per_block * 12))" \
    --password="$password" --runs=5 2>"$run/gui-otp.err" | tee "$run/gui-otp.txt" | tail -n1 || true)
  gui_cps=$(SOFTHSM2_CONF="$run/token/softhsm2.conf" QT_QPA_PLATFORM=offscreen \
    "$build/bench/dcc-bench-login-window" --mode=cps --server="$origin" --identifier=j.dupont \
    --password="$password" --pin=1234 --runs=10 2>"$run/gui-cps.err" | tee "$run/gui-cps.txt" |
    tail -n1 || true)
  note "OTP login (5 runs): max stall=$(value max_stall_ms "$gui_otp")ms failures=$(value failures "$gui_otp")"
  note "CPS login (10 runs): max stall=$(value max_stall_ms "$gui_cps")ms failures=$(value failures "$gui_cps")"

  # --- (b) card insertion: PC/SC's report to the window's card line. Needs the machine's
  # only pcscd: skipped (and said so) when another one runs.
  note ""
  note "## client (b): PC/SC card insertion to the login window's card line"
  mkdir -p "$run/vicc-python"
  ln -sfn /usr/lib/python3/dist-packages/Cryptodome "$run/vicc-python/Crypto"
  if sh tests/support/pcsc/start-pcscd.sh "$run/pcscd" >/dev/null 2>"$run/pcscd.err"; then
    gui_card=$(QT_QPA_PLATFORM=offscreen "$build/bench/dcc-bench-login-window" --mode=card \
      --server="$origin" --runs=20 \
      --vicc-pythonpath="/usr/lib/python3/site-packages/virtualsmartcard:$run/vicc-python" \
      2>"$run/gui-card.err" | tee "$run/gui-card.txt" | tail -n1 || true)
    sh tests/support/pcsc/stop-pcscd.sh "$run/pcscd" >/dev/null 2>&1 || true
    card_median=$(sed -n 's/.*ok=1 delay_ms=\([0-9.]*\).*/\1/p' "$run/gui-card.txt" | median)
    note "20 insertions: median=${card_median}ms max=$(value max_delay_ms "$gui_card")ms failures=$(value failures "$gui_card")"
  else
    note "skipped: $(head -n1 "$run/pcscd.err")"
  fi
fi

note ""
note "load average at end: $(load_average)"
echo
echo "Results in $results"
