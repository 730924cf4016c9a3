# cli_harness.sh — the small harness the CLI test scripts share (sourced, not
# run): counters, checks, and running glassformer-cli with its output
# captured. Expects CLI (the program) and TMP (a scratch folder) to be set.

passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# check WHAT CMD...: CMD must succeed.
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }
# run ARGS...: run the CLI; stdout in $TMP/out, stderr in $TMP/err, status in $rc.
run() { "$CLI" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }
# run_full KB ARGS...: as run, on a "disk" that fills at KB kilobytes per file
# (ulimit -f; SIGXFSZ ignored, so a write past it fails with EFBIG).
run_full() {
  local kb=$1; shift
  (trap '' XFSZ; ulimit -f "$kb"; exec "$CLI" "$@") >"$TMP/out" 2>"$TMP/err"; rc=$?
}
# failed_once WANT: the last run exited with WANT and one "glassformer-cli: " line.
failed_once() {
  [ "$rc" -eq "$1" ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q '^glassformer-cli: ' "$TMP/err"
}
# expect_ok WHAT ARGS...: status 0 and nothing on stderr.
expect_ok() {
  local what=$1; shift
  run "$@"
  if [ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ]; then pass
  else fail "$what: status $rc, stderr: $(head -c 300 "$TMP/err")"; fi
}
# expect_fail_with STATUS WHAT NEEDLE ARGS...: that exit status, exactly one
# "glassformer-cli: " line on stderr, and NEEDLE in it (an empty NEEDLE
# matches any line).
expect_fail_with() {
  local want=$1 what=$2 needle=$3; shift 3
  run "$@"
  local lines
  lines=$(wc -l <"$TMP/err")
  if [ "$rc" -eq "$want" ] && [ "$lines" -eq 1 ] && grep -q '^glassformer-cli: ' "$TMP/err" &&
     grep -qF -- "$needle" "$TMP/err"; then
    pass
  else
    fail "$what: status $rc (want $want), $lines stderr lines: $(head -c 300 "$TMP/err")"
  fi
}
# expect_fail STATUS WHAT ARGS...: as expect_fail_with, any message.
expect_fail() { local want=$1 what=$2; shift 2; expect_fail_with "$want" "$what" "" "$@"; }
# finish SUITE: print the closing "N passed, N failed" line; status 0 if none failed.
finish() { echo "$1: $passed passed, $failed failed"; [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]; }
