# Sourced by scripts/test-sanitizers and scripts/fuzz: the one clang build tree with
# AddressSanitizer and UndefinedBehaviorSanitizer (build/sanitize) that serves both the unit
# tests and the libFuzzer harnesses, so the core is compiled once for the two.
# - -fno-exceptions, like the wasm engine, so a throw that would abort the extension cannot
#   pass here (doctest runs its asserts without exceptions too);
# - libFuzzer's coverage instrumentation (FM_FUZZ) on everything: the harnesses need it in the
#   code under test, and the unit tests run with it at no cost worth a second tree;
# - -O1 and line tables only: the usual sanitizer and fuzzing setting, quicker to build than -O2 -g.
sanitize_tree=build/sanitize

# Configures the tree the first time; a reused tree is reconfigured so that test files and
# harnesses added since (the globs) are built.
sanitize_tree_configure() {
  command -v clang++ >/dev/null || { echo "$0: clang++ not found (run scripts/setup)" >&2; return 2; }
  if [ ! -f $sanitize_tree/CMakeCache.txt ]; then
    CC=clang CXX=clang++ cmake -S . -B $sanitize_tree -DFM_FUZZ=ON -DFM_SANITIZE=ON -DCMAKE_BUILD_TYPE=None \
      "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only -fno-exceptions -DDOCTEST_CONFIG_NO_EXCEPTIONS_BUT_WITH_ALL_ASSERTS" \
      >/dev/null || { echo "$0: configure of $sanitize_tree failed" >&2; return 2; }
  else
    cmake $sanitize_tree >/dev/null || { echo "$0: reconfigure of $sanitize_tree failed" >&2; return 2; }
  fi
}

# Builds the given targets; on failure shows the log's tail.
sanitize_tree_build() {
  mkdir -p $sanitize_tree
  cmake --build $sanitize_tree -j2 --target "$@" >$sanitize_tree/build.log 2>&1 ||
    { tail -30 $sanitize_tree/build.log; echo "$0: build failed (log: $sanitize_tree/build.log)" >&2; return 2; }
}
