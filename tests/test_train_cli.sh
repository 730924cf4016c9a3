#!/usr/bin/env bash
# test_train_cli.sh — `glassformer-cli train` and `eval` end to end on a tiny
# model and a small repetitive text this script writes: the loss falls below
# the text's unigram entropy (computed here in Python), train_log.csv has a
# row per step, --stop-at + --resume ends with the same weights bit for bit
# as a straight run (one thread), Ctrl-C, SIGTERM and SIGHUP save a
# checkpoint and exit 128 + the signal, resuming on other data is refused,
# the last row's val_loss is the final whole-val loss (also with
# eval_every 0) and equals `eval`'s, --minutes saves no checkpoint before it
# has fixed the run's length, the tokenizer is taken from --data when it has
# one, eval's bits per byte equal its printed nats / ln 2 / the files' sizes,
# and every error path gives its exit status and exactly one line on stderr.
#
# usage: bash test_train_cli.sh PATH-TO-glassformer-cli   (scratch under $GF_TEST_TMP)
set -u

CLI=${1:?usage: test_train_cli.sh PATH-TO-glassformer-cli}
TMP=${GF_TEST_TMP:-/tmp}/test_train_cli.d
rm -rf "$TMP"
mkdir -p "$TMP" || exit 1
export OMP_NUM_THREADS=1
. "$(dirname "$0")/cli_harness.sh"

command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }

# ---- help ------------------------------------------------------------------------------
for cmd in train eval; do
  expect_ok "$cmd --help" "$cmd" --help
  check "$cmd --help prints its usage" grep -q "^usage: glassformer-cli $cmd" "$TMP/out"
done
check "eval --help states the method" grep -q "non-overlapping windows" <("$CLI" eval --help)

# ---- data, config ----------------------------------------------------------------------
DATA=$TMP/data
mkdir -p "$DATA"
python3 - "$DATA" <<'EOF'
import sys
lines = "the cat sat on the mat. the dog ate a log.\na bird sang in the tree. we went home.\n"
open(sys.argv[1] + "/train.txt", "w").write(lines * 200)
open(sys.argv[1] + "/val.txt", "w").write(lines * 20)
EOF
# Unigram entropy of the training text's bytes (= byte-level tokens), in nats.
H=$(python3 -c '
import math, sys, collections
b = open(sys.argv[1], "rb").read(); c = collections.Counter(b)
print(-sum(n / len(b) * math.log(n / len(b)) for n in c.values()))' "$DATA/train.txt")
write_cfg() {  # write_cfg FILE TRAIN-OBJECT
  cat >"$1" <<EOF
{"vocab_size": 300, "n_positions": 32, "n_embd": 32, "n_layer": 2, "n_head": 4, "n_inner": 64,
 "train": $2}
EOF
}
train_obj() {  # train_obj LR: the run's settings with that learning rate
  echo "{\"batch_size\": 4, \"lr\": $1, \"warmup_steps\": 10, \"eval_every\": 50,
         \"eval_batches\": 2, \"checkpoint_every\": 60, \"log_every\": 25}"
}
write_cfg "$TMP/cfg.json" "$(train_obj 0.003)"

# ---- a short run learns ------------------------------------------------------------------
M=$TMP/m150
expect_ok "train 150 steps" train --config "$TMP/cfg.json" --data "$DATA" --out "$M" --steps 150
for f in config.json model.safetensors vocab.json merges.txt optimizer.safetensors train_log.csv; do
  check "train wrote $f" test -s "$M/$f"
done
check "no temporary folder left" test ! -e "$M/.checkpoint.tmp"
check "progress lines show loss, val, tok/s, ETA" \
  grep -Eq '^step 50/150  loss [0-9.]+  val [0-9.]+  lr .* tok/s  elapsed .*  ETA ' "$TMP/out"
check "final val loss printed" grep -q "^final val loss: .* nats/token, .* bits/byte" "$TMP/out"
# final_val_matches LOG OUT: the log's last row's val_loss is the printed final loss.
final_val_matches() {
  python3 - "$1" "$2" <<'EOF'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
m = re.search(r"^final val loss: ([0-9.]+) nats/token", open(sys.argv[2]).read(), re.M)
sys.exit(0 if m and rows[-1]["val_loss"] and
         abs(float(rows[-1]["val_loss"]) - float(m.group(1))) <= 5.1e-5 else 1)
EOF
}
check "the last row's val_loss is the final val loss" final_val_matches "$M/train_log.csv" "$TMP/out"
check "train_log.csv header" test "$(head -n 1 "$M/train_log.csv")" = \
  "step,tokens,elapsed_s,lr,loss,val_loss,grad_norm"
check "train_log.csv has a row per step" test "$(wc -l <"$M/train_log.csv")" -eq 151
check "loss falls below the unigram entropy ($H nats)" python3 - "$M/train_log.csv" "$H" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
h = float(sys.argv[2])
last = [float(r["loss"]) for r in rows[-10:]]
steps = [int(r["step"]) for r in rows]
tokens = [int(r["tokens"]) for r in rows]
vals = [r for r in rows if r["val_loss"]]
ok = (steps == list(range(1, 151)) and tokens == [128 * s for s in steps]
      and float(rows[0]["loss"]) > h and sum(last) / 10 < 0.7 * h
      and [int(r["step"]) for r in vals] == [50, 100, 150])
sys.exit(0 if ok else 1)
EOF

# ---- resume: straight == stop + resume, bit for bit ---------------------------------------
expect_ok "train 40 straight" train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/a" --steps 40
expect_ok "train to 20 of 40" train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/b" \
  --steps 40 --stop-at 20
check "--stop-at says how to continue" grep -q "continue with --resume" "$TMP/out"
check "log stops at 20" test "$(tail -n 1 "$TMP/b/train_log.csv" | cut -d, -f1)" = 20
expect_ok "resume to 40" train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/b" --resume
check "resume: same weights as straight" \
  cmp -s "$TMP/a/model.safetensors" "$TMP/b/model.safetensors"
check "resume: same log (but the times)" \
  diff <(cut -d, -f1,2,4- "$TMP/a/train_log.csv") <(cut -d, -f1,2,4- "$TMP/b/train_log.csv")

# ---- Ctrl-C, SIGTERM and SIGHUP save and exit 128 + the signal ----------------------------
# signal_run SIG STATUS DIR: start a long run into DIR, wait for its plan
# (printed once the handlers are installed; generous for a loaded machine),
# send SIG; the run must save and exit with STATUS. Sets $stopped.
signal_run() {
  local sig=$1 want=$2 dir=$3
  "$CLI" train --config "$TMP/cfg.json" --data "$DATA" --out "$dir" --steps 1000000 \
    >"$dir.out" 2>"$dir.err" &
  local pid=$!
  for _ in $(seq 1200); do
    grep -q "^training: batch" "$dir.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep 0.3   # let a few steps run (none is fine too)
  kill -"$sig" "$pid"
  wait "$pid"
  local rc=$?
  check "$sig: exit status $want (got $rc)" test "$rc" -eq "$want"
  check "$sig: nothing on stderr" test ! -s "$dir.err"
  check "$sig: says interrupted" grep -q "^interrupted at step [0-9]* of 1000000 (SIG$sig)" "$dir.out"
  check "$sig: checkpoint saved" test -s "$dir/optimizer.safetensors"
  stopped=$(sed -n 's/^interrupted at step \([0-9]*\) .*/\1/p' "$dir.out")
  check "$sig: the log has a row per step saved" \
    test "$(($(wc -l <"$dir/train_log.csv") - 1))" = "${stopped:-x}"
}
signal_run INT 130 "$TMP/c"
expect_ok "resume after Ctrl-C" train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/c" \
  --resume --stop-at $((stopped + 3))
check "resumed run continues from the saved step" \
  grep -q "^resuming at step $stopped of 1000000" "$TMP/out"
signal_run TERM 143 "$TMP/c-term"
signal_run HUP 129 "$TMP/c-hup"

# ---- resuming needs the same data ------------------------------------------------------------
mkdir -p "$TMP/other"
cp "$DATA/val.txt" "$TMP/other/"
sed 's/cat/cow/' "$DATA/train.txt" >"$TMP/other/train.txt"   # as many bytes, other tokens
expect_fail_with 1 "resume on other training data" "other/train.txt: not the data the checkpoint" \
  train --config "$TMP/cfg.json" --data "$TMP/other" --out "$TMP/c" --resume
cp "$DATA/train.txt" "$TMP/other/"
head -n 20 "$DATA/val.txt" >"$TMP/other/val.txt"
expect_fail_with 1 "resume on other validation data" "other/val.txt: " \
  train --config "$TMP/cfg.json" --data "$TMP/other" --out "$TMP/c" --resume

# ---- eval_every 0 still validates at the end; the final loss is `eval`'s -----------------------
write_cfg "$TMP/cfg0.json" '{"batch_size": 2, "seq_len": 16, "eval_every": 0,
  "eval_batches": 1, "checkpoint_every": 0, "log_every": 1}'
expect_ok "train with eval_every 0" train --config "$TMP/cfg0.json" --data "$DATA" \
  --out "$TMP/e0" --steps 3
check "eval_every 0: only the last row has a val_loss" python3 - "$TMP/e0/train_log.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sys.exit(0 if [bool(r["val_loss"]) for r in rows] == [False, False, True] else 1)
EOF
check "eval_every 0: the last row's val_loss is the final val loss" \
  final_val_matches "$TMP/e0/train_log.csv" "$TMP/out"
check "final evaluation in windows of n_positions, not seq_len" \
  grep -q "^final val loss: .*windows of 32)" "$TMP/out"
cp "$TMP/out" "$TMP/e0.out"
expect_ok "eval the seq_len-16 model" eval --model "$TMP/e0" "$DATA/val.txt"
check "train's final val loss = eval's nats/token" python3 - "$TMP/e0.out" "$TMP/out" <<'EOF'
import re, sys
t = re.search(r"^final val loss: ([0-9.]+) nats/token", open(sys.argv[1]).read(), re.M)
e = re.search(r"([0-9.]+) nats/token", open(sys.argv[2]).read())
sys.exit(0 if t and e and abs(float(t.group(1)) - float(e.group(1))) <= 5.1e-5 else 1)
EOF

# ---- --minutes: no checkpoint while the run's length is a placeholder --------------------------
write_cfg "$TMP/cfgm.json" '{"batch_size": 2, "seq_len": 16, "eval_every": 0,
  "eval_batches": 1, "checkpoint_every": 1, "log_every": 1000}'
"$CLI" train --config "$TMP/cfgm.json" --data "$DATA" --out "$TMP/g" --minutes 100 \
  >"$TMP/g.out" 2>"$TMP/g.err" &
pid=$!
for _ in $(seq 1200); do
  grep -q "^training: batch" "$TMP/g.out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
sleep 0.5   # still measuring: that takes 30 s (or 1000 steps)
kill -KILL "$pid"
wait "$pid" 2>/dev/null
if ! grep -q "^time budget" "$TMP/g.out"; then
  check "--minutes: no checkpoint before the length is fixed" \
    test ! -e "$TMP/g/optimizer.safetensors"
fi

# ---- the tokenizer from --data ---------------------------------------------------------------
expect_ok "bpe-train" bpe-train --input "$DATA/train.txt" --vocab-size 280 --out "$TMP/tok"
mkdir -p "$TMP/data2"
cp "$DATA"/*.txt "$TMP/tok/vocab.json" "$TMP/tok/merges.txt" "$TMP/data2/"
expect_ok "train with DATA's tokenizer" train --config "$TMP/cfg.json" --data "$TMP/data2" \
  --out "$TMP/d" --steps 2
check "model has DATA's vocab.json" cmp -s "$TMP/tok/vocab.json" "$TMP/d/vocab.json"
check "fewer tokens than bytes" python3 -c '
import re, sys
m = re.search(r"train.txt: (\d+) bytes -> (\d+) tokens", open(sys.argv[1]).read())
sys.exit(0 if m and int(m.group(2)) < int(m.group(1)) else 1)' "$TMP/out"
expect_ok "train with --tokenizer" train --config "$TMP/cfg.json" --data "$DATA" \
  --tokenizer "$TMP/tok" --out "$TMP/e" --steps 2
check "model has --tokenizer's merges.txt" cmp -s "$TMP/tok/merges.txt" "$TMP/e/merges.txt"
sed 's/"vocab_size": 300/"vocab_size": 270/' "$TMP/cfg.json" >"$TMP/cfg270.json"
expect_fail_with 1 "a tokenizer larger than vocab_size" \
  "cfg270.json: vocab_size: 270 is smaller than the 280 tokens of $TMP/tok" \
  train --config "$TMP/cfg270.json" --data "$DATA" --tokenizer "$TMP/tok" --out "$TMP/e2" --steps 2
check "nothing written for it" test ! -e "$TMP/e2/model.safetensors"

# ---- --minutes fixes the run's length -----------------------------------------------------------
expect_ok "train --minutes" train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/f" \
  --minutes 0.05
check "--minutes prints the steps it chose" \
  grep -Eq "^time budget 0.05 min: .* -> [0-9]+ steps in all" "$TMP/out"

# ---- eval: bits per byte from its own numbers --------------------------------------------------
expect_ok "eval two files" eval --model "$M" "$DATA/val.txt" "$DATA/train.txt"
check "eval: a line per file and a total" test "$(wc -l <"$TMP/out")" -eq 3
check "eval: bits/byte = nats / ln 2 / bytes, bytes = file sizes" python3 - "$TMP/out" \
  "$(($(wc -c <"$DATA/val.txt") + $(wc -c <"$DATA/train.txt")))" <<'EOF'
import math, re, sys
pat = re.compile(r": (\d+) bytes, (\d+) tokens, ([0-9.]+) nats, "
                 r"([0-9.]+) nats/token, ([0-9.]+) bits/byte$")
rows = [pat.search(l) for l in open(sys.argv[1]).read().splitlines()]
ok = all(rows)
if ok:
    nums = [(int(m.group(1)), int(m.group(2))) + tuple(float(m.group(i)) for i in (3, 4, 5))
            for m in rows]
    b, t, n, per_tok, bpb = nums[-1]
    ok = (b == int(sys.argv[2])
          and b == nums[0][0] + nums[1][0] and t == nums[0][1] + nums[1][1]
          and abs(n - nums[0][2] - nums[1][2]) < 1e-5 * n
          and t == b                       # byte-level: a token per byte, all predicted
          and abs(bpb - n / math.log(2) / b) < 2e-6 and abs(per_tok - n / t) < 2e-6)
sys.exit(0 if ok else 1)
EOF

# ---- errors: status and exactly one line on stderr ---------------------------------------
T=(--data "$DATA" --steps 5)
expect_fail_with 2 "train: no --config" "--config: required" train --data "$DATA" --out "$TMP/x" --steps 5
expect_fail_with 2 "train: --minutes and --steps" "give one of them" \
  train --config "$TMP/cfg.json" "${T[@]}" --out "$TMP/x" --minutes 1
expect_fail_with 2 "train: no length" "--minutes or --steps" \
  train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/x"
expect_fail_with 2 "train: --resume with --steps" "--steps: not with --resume" \
  train --config "$TMP/cfg.json" "${T[@]}" --out "$M" --resume
expect_fail_with 2 "train: --steps 0" "--steps" train --config "$TMP/cfg.json" --data "$DATA" \
  --out "$TMP/x" --steps 0
bad_cfg() {  # bad_cfg NEEDLE TRAIN-OBJECT
  write_cfg "$TMP/bad.json" "$2"
  expect_fail_with 1 "config $2" "$1" train --config "$TMP/bad.json" "${T[@]}" --out "$TMP/x"
}
bad_cfg "bad.json: train.lr: must be in (0, 1] (got 5)" '{"lr": 5}'
bad_cfg "train.batch_size: must be a whole number" '{"batch_size": 1.5}'
bad_cfg "train.warmup: unknown key" '{"warmup": 10}'
bad_cfg "train.eval_batches: must be in [1," '{"eval_batches": 0}'
bad_cfg "train.seq_len: 64 is longer than the model's context (n_positions 32)" '{"seq_len": 64}'
bad_cfg "train: must be an object" '[1, 2]'
echo '{"n_embd": 30, "n_head": 4}' >"$TMP/bad.json"
expect_fail_with 1 "bad model config" "bad.json: n_head" train --config "$TMP/bad.json" "${T[@]}" --out "$TMP/x"
expect_fail_with 1 "missing config file" "nope.json" train --config "$TMP/nope.json" "${T[@]}" --out "$TMP/x"
mkdir -p "$TMP/empty"
expect_fail_with 1 "no train.txt" "empty/train.txt" \
  train --config "$TMP/cfg.json" --data "$TMP/empty" --out "$TMP/x" --steps 5
mkdir -p "$TMP/noval"; cp "$DATA/train.txt" "$TMP/noval/"
expect_fail_with 1 "no val.txt" "noval/val.txt" \
  train --config "$TMP/cfg.json" --data "$TMP/noval" --out "$TMP/x" --steps 5
mkdir -p "$TMP/utf8"; cp "$DATA/val.txt" "$TMP/utf8/"
printf 'fine\nbroken \xff byte\n' >"$TMP/utf8/train.txt"
expect_fail_with 1 "invalid UTF-8" "utf8/train.txt: not valid UTF-8 at byte 12 (line 2)" \
  train --config "$TMP/cfg.json" --data "$TMP/utf8" --out "$TMP/x" --steps 5
mkdir -p "$TMP/short"; cp "$DATA/train.txt" "$TMP/short/"; printf 'too short' >"$TMP/short/val.txt"
expect_fail_with 1 "val.txt too short" "short/val.txt: 10 tokens are too few for sequences of 32" \
  train --config "$TMP/cfg.json" --data "$TMP/short" --out "$TMP/x" --steps 5
expect_fail_with 1 "fresh run over a checkpoint" "holds a training checkpoint" \
  train --config "$TMP/cfg.json" "${T[@]}" --out "$M"
expect_ok "init a model" init --config "$TMP/cfg.json" --out "$TMP/inited"
expect_fail_with 1 "fresh run over a model" "inited: already holds a model" \
  train --config "$TMP/cfg.json" "${T[@]}" --out "$TMP/inited"
expect_fail_with 1 "resume without a checkpoint" "empty/optimizer.safetensors" \
  train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/empty" --resume
write_cfg "$TMP/changed.json" "$(train_obj 0.002)"
expect_fail_with 1 "resume with other settings" "changed.json: train.lr: differs from the checkpoint's" \
  train --config "$TMP/changed.json" --data "$DATA" --out "$TMP/b" --resume
expect_fail_with 2 "eval: no files" "FILE: missing" eval --model "$M"
expect_fail_with 1 "eval: missing file" "nope.txt" eval --model "$M" "$TMP/nope.txt"
expect_fail_with 1 "eval: invalid UTF-8" "not valid UTF-8" eval --model "$M" "$TMP/utf8/train.txt"
: >"$TMP/empty.txt"
expect_fail_with 1 "eval: an empty file" "empty.txt: empty: no text to evaluate" \
  eval --model "$M" "$TMP/empty.txt"
mkdir -p "$TMP/halftok" && cp "$DATA"/*.txt "$TMP/tok/vocab.json" "$TMP/halftok/"
expect_fail_with 1 "train: vocab.json without merges.txt in --data" \
  "halftok: has vocab.json but no merges.txt (a tokenizer needs both; or give --tokenizer DIR)" \
  train --config "$TMP/cfg.json" --data "$TMP/halftok" --out "$TMP/half_out" --steps 2
# A FIFO where a file belongs is refused at once (opening it would wait forever).
mkfifo "$TMP/fifo.txt"
expect_fail_with 1 "eval: a FIFO" "fifo.txt: not a regular file (a pipe (FIFO))" \
  eval --model "$M" "$TMP/fifo.txt"
mkdir -p "$TMP/fifodata" && cp "$DATA/val.txt" "$TMP/fifodata/" && mkfifo "$TMP/fifodata/train.txt"
expect_fail_with 1 "train: a FIFO as train.txt" "train.txt: not a regular file (a pipe (FIFO))" \
  train --config "$TMP/cfg.json" --data "$TMP/fifodata" --out "$TMP/fifo_out" --steps 2
expect_fail_with 1 "eval: no model" "config.json" eval --model "$TMP/empty" "$DATA/val.txt"

# ---- an output is never one of the inputs -----------------------------------------------------
cp "$M/model.safetensors" "$TMP/m_kept"
expect_fail_with 1 "resume reading --config from the model folder it writes" \
  "m150/config.json: is the input $M/config.json (--config): not overwritten" \
  train --config "$M/config.json" --data "$DATA" --out "$M" --resume
mkdir -p "$TMP/selfdata" && cp "$DATA"/*.txt "$TMP/tok/vocab.json" "$TMP/tok/merges.txt" "$TMP/selfdata/"
expect_fail_with 1 "a new run writing over --data's tokenizer" \
  "selfdata/vocab.json: is the input $TMP/selfdata/vocab.json (--data)" \
  train --config "$TMP/cfg.json" --data "$TMP/selfdata" --out "$TMP/selfdata" --steps 2
check "the model is untouched" cmp -s "$TMP/m_kept" "$M/model.safetensors"

# ---- a full disk ---------------------------------------------------------------------------
# The model (~110 KB of weights) does not fit 24 KB per file; log rows do.
run_full 24 train --config "$TMP/cfg.json" --data "$DATA" --out "$TMP/full_new" --steps 3
check "a new run on a full disk fails with one line" failed_once 1
check "... and leaves no folder (no log, no .checkpoint.tmp)" test ! -e "$TMP/full_new"
FR=$TMP/full_resume
expect_ok "train to a checkpoint" train --config "$TMP/cfg.json" --data "$DATA" --out "$FR" \
  --steps 6 --stop-at 3
cp "$FR/model.safetensors" "$TMP/fr_model" && cp "$FR/optimizer.safetensors" "$TMP/fr_opt"
run_full 24 train --config "$TMP/cfg.json" --data "$DATA" --out "$FR" --resume
check "a resumed run on a full disk fails with one line" failed_once 1
check "... keeps the previous checkpoint's weights" cmp -s "$TMP/fr_model" "$FR/model.safetensors"
check "... and its optimizer state" cmp -s "$TMP/fr_opt" "$FR/optimizer.safetensors"
check "... leaves no temporary folder" test ! -e "$FR/.checkpoint.tmp"
check "... nor a temporary file" test -z "$(ls -A "$FR" | grep '\.tmp$')"
check "... and only whole rows in the log" awk -F, 'NF != 7 { bad = 1 } END { exit bad }' \
  "$FR/train_log.csv"
expect_ok "the checkpoint still resumes" train --config "$TMP/cfg.json" --data "$DATA" --out "$FR" \
  --resume
check "the log has one row per step" test "$(wc -l <"$FR/train_log.csv")" -eq 7

finish train_cli
