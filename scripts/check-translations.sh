#!/usr/bin/env bash
# Fails when a translation file has an unfinished or empty entry: English must be complete.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for ts in translations/*.ts; do
    unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
    empty=$(grep -c '<translation></translation>\|<translation/>' "$ts" || true)
    if [ "$unfinished" -gt 0 ] || [ "$empty" -gt 0 ]; then
        echo "check-translations: $ts has $unfinished unfinished and $empty empty entries;" \
             "run the update_translations target and translate them." >&2
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "check-translations: every entry is translated."
exit "$status"
