#!/bin/sh
# classroom.sh — train a tiny model on a teacher's own text during a lesson
# (lessons/*/10-your-own-model.lesson). Splits the text by lines into
# train.txt (the first 90 %) and val.txt (the rest), learns a byte-level BPE
# tokenizer of 2048 tokens on train.txt, then trains assets/train/classroom.json
# for a fixed time budget (`train --minutes`: the run's length is fixed after
# timing its first steps, so it ends on time on any machine).
#
# usage: assets/train/classroom.sh TEXT.txt OUT_DIR [MINUTES]    (default 12)
#   OUT_DIR/data   the split text and the tokenizer
#   OUT_DIR/model  the model: build/viz/glassformer --model OUT_DIR/model
# GLASSFORMER_CLI names the glassformer-cli to use (default: build/core/cli/
# glassformer-cli beside this repository's assets/).
set -eu

usage() { echo "usage: $0 TEXT.txt OUT_DIR [MINUTES]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
text=$1
out=$2
minutes=${3:-12}

here=$(cd "$(dirname "$0")" && pwd)
cli=${GLASSFORMER_CLI:-$here/../../build/core/cli/glassformer-cli}
[ -x "$cli" ] || { echo "$0: $cli: not found (build first, or set GLASSFORMER_CLI)" >&2; exit 1; }
[ -f "$text" ] || { echo "$0: $text: not a file" >&2; exit 1; }
[ ! -e "$out" ] || { echo "$0: $out: already exists (give a new folder)" >&2; exit 1; }

lines=$(wc -l <"$text")
if [ "$lines" -lt 10 ]; then
    echo "$0: $text: has $lines lines; the split into training and validation text needs at least 10" >&2
    exit 1
fi
keep=$((lines * 9 / 10))

mkdir -p "$out/data"
head -n "$keep" "$text" >"$out/data/train.txt"
tail -n +"$((keep + 1))" "$text" >"$out/data/val.txt"
echo "text: $lines lines: $keep for training, $((lines - keep)) for validation"

"$cli" bpe-train --input "$out/data/train.txt" --vocab-size 2048 --out "$out/data"
"$cli" train --config "$here/classroom.json" --data "$out/data" --out "$out/model" \
    --minutes "$minutes" --seed 1
echo "open it: build/viz/glassformer --model $out/model   (G: its loss curve)"
