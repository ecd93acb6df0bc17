# Sourced by scripts/test and scripts/lib/background-tests.sh: runs a suite as a timed step.
# Each step prints its wall time and CPU time (user + system of everything it ran) and is
# recorded in `timings` (name, wall s, cpu s, ok|FAILED), `passed`, `failed` and `failures`.
passed=0; failed=0; failures=(); timings=()
ticks_per_s=$(getconf CLK_TCK)
# CPU time of this shell's finished children, in clock ticks (fields cutime and cstime of
# /proc/<pid>/stat, counted from after the command name's closing parenthesis). $$, not $BASHPID:
# it is called in a command substitution, a subshell with no children of its own.
children_ticks() { local s; read -r s </proc/$$/stat; s=${s##*) }; set -- $s; echo $(( ${14} + ${15} )); }
now_ms() { date +%s%3N; }
secs() { awk -v v="$1" -v d="$2" 'BEGIN { printf "%.1f", v / d }'; }

# step NAME COMMAND...: runs one suite, records its outcome and times, never stops the run.
step() {
  local name=$1; shift
  echo; echo "=== $name"
  local t0 c0 rc wall cpu
  t0=$(now_ms); c0=$(children_ticks)
  "$@"; rc=$?
  wall=$(secs $(( $(now_ms) - t0 )) 1000); cpu=$(secs $(( $(children_ticks) - c0 )) "$ticks_per_s")
  local result; result=$([ $rc -eq 0 ] && echo ok || echo FAILED)
  record "$name" "$wall" "$cpu" "$result"
  echo "=== $name: $result (wall $wall s, cpu $cpu s)"
  return $rc
}

# record NAME WALL CPU ok|FAILED: counts a finished step (one run here, or in the background).
record() {
  timings+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$4")
  if [ "$4" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$1"); fi
}
