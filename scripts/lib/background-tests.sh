#!/usr/bin/env bash
# Steps scripts/test runs in a process of their own, beside its foreground:
# - sanitizers: the sanitizer tree's build, the unit tests under ASan+UBSan, then 30 s of fuzzing
#   per harness, from just after the set-up. They need neither the wasm engine nor a browser, and
#   the foreground leaves a core idle much of the time (link steps, browser tests waiting on pages,
#   pacing and timers). scripts/test sets their priority (start_group, group_nice: the lowest while
#   the wasm engine builds, nice 5 beside the browser tests); each harness fuzzes for its full 30 s.
# - units: the native tools' build (the browser tests need only the wasm engine), then lint, the
#   model's reproducibility and the node tests (scripts/lib/unit-steps.sh; the doctest units run
#   in the sanitizer group), beside
#   the browser tests, which use well under one core of two.
# Usage: scripts/lib/background-tests.sh DIR GROUP: writes DIR/timings (the step lines), and
# DIR/finished last. Output goes to stdout (scripts/test sends it to DIR/log).
set -uo pipefail
cd "$(dirname "$0")/../.."
dir=$1 group=$2
. scripts/lib/steps.sh
case $group in
  sanitizers)
    step "unit tests under ASan+UBSan (build/sanitize) [background]" scripts/test-sanitizers
    step "fuzzing (30 s per harness, build/sanitize) [background]" scripts/fuzz 30 ;;
  units)
    . scripts/lib/unit-steps.sh
    at=' [beside the browser tests]'
    # The doctest units run in the sanitizer group (ASan+UBSan, clang): not built and run twice.
    step "build native tools (build/native)$at" scripts/build --native-tools && unit_steps 0 "$at" 0 ;;
  *) echo "background-tests.sh: unknown group '$group' (sanitizers or units)"; exit 2 ;;
esac
printf '%s\n' "${timings[@]}" >"$dir/timings"
touch "$dir/finished"
