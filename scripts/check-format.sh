#!/usr/bin/env bash
# Checks (default) or applies (--fix) .clang-format on every C++ file git tracks
# or is about to track, so a file added but not yet committed is checked too.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=check
[ "${1:-}" = "--fix" ] && mode=fix

mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' \
    | while read -r f; do [ -f "$f" ] && echo "$f"; done)
[ ${#files[@]} -gt 0 ] || exit 0

if [ "$mode" = fix ]; then
    clang-format -i "${files[@]}"
    echo "check-format: formatted ${#files[@]} files."
else
    if ! clang-format --dry-run --Werror "${files[@]}"; then
        echo "check-format: run 'cmake --build --preset dev --target format'." >&2
        exit 1
    fi
    echo "check-format: ${#files[@]} files follow .clang-format."
fi
