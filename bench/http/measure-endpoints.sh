#!/usr/bin/env bash
# The quick measure used between two fixes of server (b) (docs/BENCHMARKS.md): nginx's static
# file, /api/v1/info, /api/v1/session and /launch (closed loop, then paced at about 1,000
# exchanges per second), each with wrk -t2 -c64, plus the server's CPU time per request read
# from /proc — a figure the machine's other load moves much less than requests per second.
# No Argon2id measure, no client: a minute instead of run-all.sh's seven.
#
#   bench/http/measure-endpoints.sh BUILD_DIR [SECONDS] [ENDPOINT…]
#
# BUILD_DIR holds a built "bench" preset (server/app/dcc-login-server, bench/dcc-bench-server);
# ENDPOINT is any of nginx info session launch paced (default: all). Works in BUILD_DIR/quick
# (wiped at each run) on ports 18090 (server) and 18091 (nginx).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR [SECONDS] [ENDPOINT…]}" && pwd)
seconds=${2:-10}
shift $(($# >= 2 ? 2 : 1))
endpoints=("$@")
[ ${#endpoints[@]} -gt 0 ] || endpoints=(nginx info session launch paced)

run=$build/quick
port=18090
nginx_port=18091
origin="http://127.0.0.1:$port"
bench_server=$build/bench/dcc-bench-server
rm -rf "$run"
mkdir -p "$run/nginx/www"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

bash "$root/tests/support/pki/make-test-pki.sh" "$run/pki" >/dev/null
bash "$root/bench/server-properties.sh" "$run" "$port" >"$run/server.properties"
"$bench_server" seed --database="$run/dcc-login.db" --accounts=2 --password=Bench-Password-1 >/dev/null
"$bench_server" tickets --database="$run/dcc-login.db" --identifier=b.bench1 \
  --count=$((seconds * 15000)) --lifetime=3600 --output="$run/launch-tickets.txt" >/dev/null
"$bench_server" tickets --database="$run/dcc-login.db" --identifier=b.bench1 \
  --count=$((seconds * 1500)) --lifetime=3600 --output="$run/paced-tickets.txt" >/dev/null
"$bench_server" tickets --database="$run/dcc-login.db" --identifier=b.bench2 --count=1 \
  --lifetime=3600 --output="$run/session-ticket.txt" >/dev/null

"$build/server/app/dcc-login-server" --config="$run/server.properties" >"$run/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
for _ in $(seq 100); do curl -fsS "$origin/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
sed "s|@RUN@|$run|g; s|@PORT@|$nginx_port|g" "$root/bench/http/nginx.conf.in" >"$run/nginx/nginx.conf"
curl -fsS "$origin/api/v1/info" >"$run/nginx/www/info.json"
nginx -p "$run/nginx" -c "$run/nginx/nginx.conf" >"$run/nginx/out.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$nginx_port/info.json" >/dev/null 2>&1 && break; sleep 0.1; done
cookie=$(curl -sS -D - -o /dev/null "$origin/launch?ticket=$(cat "$run/session-ticket.txt")" |
  sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p' | head -n1)

# utime + stime of the server, in clock ticks.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)

measure() { # NAME COUNTS_SERVER ARGS…
  local name=$1 counts=$2
  shift 2
  local before after out requests
  before=$(server_ticks)
  out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$@" 2>&1)
  after=$(server_ticks)
  printf '%s\n' "$out" >"$run/wrk-$name.txt"
  requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
  printf '%-8s rps=%-10s p50=%-9s p99=%-9s' "$name" \
    "$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")" \
    "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  [ "$counts" = 1 ] && awk -v t=$((after - before)) -v r="$requests" -v hz="$ticks_per_second" \
    'BEGIN { printf " server_cpu_per_request=%.1fus", t * 1e6 / hz / r }'
  grep -o 'Non-2xx or 3xx responses: *[0-9]*' <<<"$out" | sed 's/^/ /' || true
  echo
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "commit $(git -C "$root" rev-parse --short HEAD)"
for endpoint in "${endpoints[@]}"; do
  case "$endpoint" in
    nginx) measure nginx 0 "http://127.0.0.1:$nginx_port/info.json" ;;
    info) measure info 1 "$origin/api/v1/info" ;;
    session) measure session 1 -H "Cookie: $cookie" "$origin/api/v1/session" ;;
    launch) measure launch 1 -s "$root/bench/http/launch.lua" "$origin" -- "$run/launch-tickets.txt" 2 ;;
    paced) measure paced 1 -s "$root/bench/http/launch.lua" "$origin" -- "$run/paced-tickets.txt" 2 64 ;;
    *) echo "unknown endpoint $endpoint" >&2; exit 2 ;;
  esac
done
