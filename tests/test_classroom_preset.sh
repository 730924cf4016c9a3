#!/usr/bin/env bash
# test_classroom_preset.sh — the classroom training preset of lesson 10:
# assets/train/classroom.json parses and trains a few steps with a tokenizer
# learned on a small text (the model folder has its config's shape, and
# train_log.csv one row per step whose first loss is near ln(vocabulary), a
# uniform guess); assets/train/classroom.sh runs the whole pipeline on a
# text with a tiny time budget and leaves a model the CLI opens; its usage
# errors exit 2 and its refusals 1, each with one line on stderr.
#
# usage: bash test_classroom_preset.sh PATH-TO-glassformer-cli CLASSROOM.json CLASSROOM.sh
set -u

CLI=${1:?usage: test_classroom_preset.sh CLI CLASSROOM.json CLASSROOM.sh}
CFG=${2:?usage: test_classroom_preset.sh CLI CLASSROOM.json CLASSROOM.sh}
SCRIPT=${3:?usage: test_classroom_preset.sh CLI CLASSROOM.json CLASSROOM.sh}
TMP=${GF_TEST_TMP:-/tmp}/test_classroom_preset.d
rm -rf "$TMP"
mkdir -p "$TMP" || exit 1
export OMP_NUM_THREADS=1
. "$(dirname "$0")/cli_harness.sh"
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }

# A small "teacher's text": 400 lines of varied sentences, Russian and English.
python3 - "$TMP/text.txt" <<'EOF'
import sys
subjects = ["Кот", "Старый король", "Моя сестра", "The dog", "A teacher", "Our class"]
verbs = ["видел", "читал", "нашёл", "saw", "read", "found"]
objects = ["книгу", "реку", "звезду", "a book", "the river", "a star"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(400):
        f.write(f"{subjects[i % 6]} {verbs[(i // 6) % 6]} {objects[(i // 36) % 6]} в день {i}.\n")
EOF

# ---- the preset itself: parses, trains 3 steps ------------------------------------------
D=$TMP/data
mkdir -p "$D"
head -n 360 "$TMP/text.txt" >"$D/train.txt"
tail -n 40 "$TMP/text.txt" >"$D/val.txt"
expect_ok "bpe-train on the text" bpe-train --input "$D/train.txt" --vocab-size 2048 --out "$D"
expect_ok "train classroom.json, 3 steps" train --config "$CFG" --data "$D" --out "$TMP/m3" --steps 3 --seed 1
check "the model folder has weights" [ -s "$TMP/m3/model.safetensors" ]
check "train_log.csv: header and 3 rows" [ "$(wc -l <"$TMP/m3/train_log.csv")" -eq 4 ]
expect_ok "params of the trained model" params --model "$TMP/m3"
# The shape the model folder states is the preset's (read from the JSON here, not typed).
want=$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print("width %d, %d layers, %d heads" % (c["n_embd"], c["n_layer"], c["n_head"]))' "$CFG")
check "the model has the preset's shape ($want)" grep -qF "$want" "$TMP/out"
# Step 1's loss is that of a near-uniform guess over the model's vocabulary.
check "first loss within 0.5 of ln(vocab_size)" python3 - "$CFG" "$TMP/m3/train_log.csv" <<'EOF'
import csv, json, math, sys
v = json.load(open(sys.argv[1]))["vocab_size"]
first = float(next(csv.DictReader(open(sys.argv[2])))["loss"])
sys.exit(0 if abs(first - math.log(v)) < 0.5 else 1)
EOF

# ---- the script: the whole pipeline on a tiny budget ------------------------------------
export GLASSFORMER_CLI=$CLI
OUT=$TMP/run
sh "$SCRIPT" "$TMP/text.txt" "$OUT" 0.05 >"$TMP/script.out" 2>"$TMP/script.err"
rc=$?
check "classroom.sh exits 0 (stderr: $(head -c 300 "$TMP/script.err"))" [ "$rc" -eq 0 ]
check "classroom.sh: 360 lines train, 40 validate" grep -q "400 lines: 360 for training, 40 for validation" "$TMP/script.out"
check "classroom.sh: train.txt is the first 360 lines" cmp -s "$OUT/data/train.txt" "$D/train.txt"
check "classroom.sh: val.txt is the last 40 lines" cmp -s "$OUT/data/val.txt" "$D/val.txt"
check "classroom.sh: vocab.json beside the data" [ -s "$OUT/data/vocab.json" ]
check "classroom.sh: merges.txt beside the data" [ -s "$OUT/data/merges.txt" ]
check "classroom.sh: says how to open the model" grep -qF "glassformer --model $OUT/model" "$TMP/script.out"
expect_ok "the script's model opens" generate --model "$OUT/model" --prompt "Кот" -n 3 --seed 1

# ---- the script's errors ----------------------------------------------------------------
script_fails() {  # script_fails WANT WHAT ARGS...: that status and one line on stderr
  local want=$1 what=$2; shift 2
  sh "$SCRIPT" "$@" >/dev/null 2>"$TMP/err"; local got=$?
  if [ "$got" -eq "$want" ] && [ "$(wc -l <"$TMP/err")" -eq 1 ]; then pass
  else fail "$what: status $got (want $want): $(head -c 300 "$TMP/err")"; fi
}
script_fails 2 "no arguments"
script_fails 1 "a missing text" "$TMP/no-such.txt" "$TMP/x"
script_fails 1 "an existing OUT_DIR" "$TMP/text.txt" "$OUT"
head -n 5 "$TMP/text.txt" >"$TMP/short.txt"
script_fails 1 "a text of 5 lines" "$TMP/short.txt" "$TMP/y"
check "a refused run leaves no folder" [ ! -e "$TMP/y" ]

finish "classroom preset"
