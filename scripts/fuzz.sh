#!/usr/bin/env bash
# Builds the libFuzzer targets (`fuzz` preset: clang 14, ASan + UBSan, build/fuzz) and runs
# them.
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS] [--merge]
#
# TARGET is common_text, cps_verify, server_api or client_answers (default: all, one after
# the other); SECONDS is each target's run time (default 600). Each run reads the seeds of
# fuzz/corpus/TARGET/ and keeps what it finds new in build/fuzz/corpus/TARGET/; --merge
# then adds the inputs that bring new coverage to fuzz/corpus/TARGET/ (to be committed).
# A crash, a sanitizer report, a leak or a broken property stops the run with a non-zero
# status and leaves the input in build/fuzz/artifacts/TARGET/; each run's libFuzzer output
# is kept in build/fuzz/logs/.
#
# Environment: FUZZ_SKIP_BUILD=1 uses the existing build; FUZZ_ARGS adds libFuzzer flags.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(common_text cps_verify server_api client_answers)
target=all
seconds=600
merge=0
positional=()
for arg in "$@"; do
    case "$arg" in
        --merge) merge=1 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) positional+=("$arg") ;;
    esac
done
[ ${#positional[@]} -ge 1 ] && target=${positional[0]}
[ ${#positional[@]} -ge 2 ] && seconds=${positional[1]}
if [ "$target" = all ]; then
    targets=("${all_targets[@]}")
else
    case " ${all_targets[*]} " in
        *" $target "*) targets=("$target") ;;
        *) echo "fuzz.sh: unknown target '$target' (${all_targets[*]})" >&2; exit 2 ;;
    esac
fi

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    echo "== fuzz: configure and build (build/fuzz)"
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz
fi

# Any sanitizer report ends the process with an error; leaks are reported (LSan), except
# those of cmake/lsan.supp (system libraries only, each explained there).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/cmake/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen

status=0
for name in "${targets[@]}"; do
    binary="build/fuzz/fuzz/fuzz_$name"
    seeds="fuzz/corpus/$name"
    work="build/fuzz/corpus/$name"
    artifacts="build/fuzz/artifacts/$name/"
    log="build/fuzz/logs/$name.$(date +%Y%m%dT%H%M%S).log"
    mkdir -p "$work" "$artifacts" build/fuzz/logs
    echo "== fuzz: $name for ${seconds}s"
    start=$(date +%s)
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
    if ! "$binary" "$work" "$seeds" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 \
        -max_len=20000 -print_final_stats=1 -artifact_prefix="$artifacts" ${FUZZ_ARGS:-} \
        2> "$log"; then
        tail -n 60 "$log" >&2
        echo "fuzz.sh: $name FAILED after $(( $(date +%s) - start ))s; input in $artifacts" >&2
        status=1
        continue
    fi
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$log" | tr '\n' ' '
    echo
    echo "fuzz.sh: $name ok after $(( $(date +%s) - start ))s"
    if [ "$merge" = 1 ]; then
        "$binary" -merge=1 "$seeds" "$work" 2>> "$log"
        echo "fuzz.sh: $name: $(find "$seeds" -type f | wc -l) seeds after merge"
    fi
done
exit "$status"
