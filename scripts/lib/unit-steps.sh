# Sourced by scripts/test and scripts/lib/background-tests.sh: the checks that need the builds but
# neither the packaged extension nor a browser (lint, the model's reproducibility, the native unit
# tests, the node tests). scripts/test runs them beside the browser tests; --quick runs them alone.
# Needs scripts/lib/steps.sh sourced first.

# The trainer is deterministic: regenerating the model from ../shared/data with the committed
# hyper-parameters must give the committed bytes (scripts/train refuses when the data differ from
# those the hyper-parameters were chosen on), the estimator's score profiles must follow from its
# out-of-fold predictions, and the reports of the full evaluation (scripts/evaluate, too long for
# the suite) must describe this model.
model_is_reproducible() {
  scripts/train >/dev/null || return 1
  build/native/eval-estimator --write-profiles models/score_profiles.json >/dev/null || return 1
  git diff --exit-code --stat -- models/ || { echo "models/ differs from the committed files: rerun scripts/evaluate and commit, or fix non-determinism"; return 1; }
  local version
  version=$(grep -o '"version":"gbt-[0-9a-f]*"' models/model.json | grep -o 'gbt-[0-9a-f]*')
  grep -q "$version" models/METRICS.md && grep -q "$version" EVALUATION.md ||
    { echo "models/METRICS.md or EVALUATION.md describe another model than $version: rerun scripts/evaluate"; return 1; }
}

# unit_steps QUICK [MARK] [NATIVE_UNITS]: MARK is appended to each step's name (where it ran). QUICK=1 skips the retraining (the parity test's account records then come from
# the trainer's out-of-fold file, or from its seconds-long smoke run on a tree that never trained).
# NATIVE_UNITS=0 leaves out the doctest units of build/native (the full suite runs the same cases
# under ASan+UBSan in build/sanitize; --quick, with no sanitizer build, runs them here).
unit_steps() {
  local quick=$1 at=${2:-} native_units=${3:-1}
  step "lint (ESLint, clang-format)$at" scripts/lint
  if [ "$quick" = 0 ]; then
    step "model reproducible (scripts/train)$at" model_is_reproducible
  elif [ ! -f build/train/oof.jsonl ] && [ ! -f build/train/quick/oof.jsonl ]; then
    step "parity inputs (scripts/train --quick, a smoke run)" scripts/train --quick
  fi
  [ "$native_units" = 0 ] || step "native unit tests (ctest)$at" ctest --test-dir build/native --output-on-failure -j2
  # Two files at a time: they share no files (each writes only its own temporary directory); 457
  # tests in 83 s so on the idle 2-core machine.
  step "engine, CLI and extension unit tests and parity (node --test)$at" node --test --test-concurrency=2 tests/js/*.test.mjs
}
