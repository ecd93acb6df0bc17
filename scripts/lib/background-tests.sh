#!/usr/bin/env bash
# The steps scripts/test runs beside its builds, node and browser tests: the sanitizer tree's
# build, the unit tests under ASan+UBSan, then 30 s of fuzzing per harness. They need neither the
# wasm engine nor a browser, and the foreground leaves a core idle much of the time (link steps,
# single-process node tests, browser tests waiting on pages, pacing and timers). They run at the
# lowest CPU priority, so the foreground keeps the CPU it would have alone; each harness still
# fuzzes for its full 30 s.
# Usage: scripts/lib/background-tests.sh DIR: writes DIR/timings (the step lines), and
# DIR/finished last. Output goes to stdout (scripts/test sends it to DIR/log).
set -uo pipefail
cd "$(dirname "$0")/../.."
dir=$1
. scripts/lib/steps.sh
step "unit tests under ASan+UBSan (build/sanitize) [background]" nice -n 19 scripts/test-sanitizers
step "fuzzing (30 s per harness, build/sanitize) [background]" nice -n 19 scripts/fuzz 30
printf '%s\n' "${timings[@]}" >"$dir/timings"
touch "$dir/finished"
