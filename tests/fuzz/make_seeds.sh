#!/usr/bin/env bash
# make_seeds.sh — (re)make the seed corpora in corpus/: real files made by
# glassformer-cli for the tiny config the harnesses use (vocab 260, context
# 4, width 2, one layer), the repository's own configs, and a few
# hand-written edge cases. The seeds are committed; run this only to renew
# them after a format changes. The inputs a fuzzer once failed on
# (corpus/TARGET/found-*) are kept: only the seeds made here are replaced,
# and only once all of them have been made.
#
# usage: bash tests/fuzz/make_seeds.sh build/core/cli/glassformer-cli
set -euo pipefail
CLI=$(realpath "${1:?usage: make_seeds.sh PATH-TO-glassformer-cli}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT=$WORK/corpus   # made here first, then moved into $HERE/corpus
TARGETS="safetensors config train_config tokenizer_files encode checkpoint expr glossary text
  vectors_words lesson train_log"
for target in $TARGETS; do mkdir -p "$OUT/$target"; done

cat >"$WORK/tiny.json" <<'JSON'
{"vocab_size": 260, "n_positions": 4, "n_embd": 2, "n_layer": 1, "n_head": 1, "n_inner": 4,
 "train": {"batch_size": 2, "lr": 0.01, "warmup_steps": 1, "eval_every": 0, "eval_batches": 1,
           "checkpoint_every": 0, "log_every": 1}}
JSON
mkdir -p "$WORK/data"
printf 'the cat sat on the mat. кошка 🙂\n%.0s' $(seq 1 20) >"$WORK/data/train.txt"
printf 'the dog ate the log.\n%.0s' $(seq 1 5) >"$WORK/data/val.txt"

# safetensors: weights in each dtype, a trace, and an optimizer file.
for dtype in f32 f16 bf16; do
  "$CLI" init --config "$WORK/tiny.json" --out "$WORK/m-$dtype" --dtype "$dtype" >/dev/null
  cp "$WORK/m-$dtype/model.safetensors" "$OUT/safetensors/model-$dtype.safetensors"
done
"$CLI" trace --model "$WORK/m-f32" --prompt "hi" --out "$WORK/trace.safetensors" >/dev/null
cp "$WORK/trace.safetensors" "$OUT/safetensors/trace.safetensors"
"$CLI" train --config "$WORK/tiny.json" --data "$WORK/data" --out "$WORK/run" --steps 2 >/dev/null
cp "$WORK/run/optimizer.safetensors" "$OUT/safetensors/optimizer.safetensors"
cp "$WORK/run/optimizer.safetensors" "$OUT/checkpoint/optimizer.safetensors"
printf '\x02\x00\x00\x00\x00\x00\x00\x00{}' >"$OUT/safetensors/empty-header.safetensors"

# config.json and training configs: ours, the shipped ones, variants.
cp "$WORK/m-f32/config.json" "$OUT/config/tiny.json"
for f in "$ROOT"/assets/models/*/config.json; do
  cp "$f" "$OUT/config/$(basename "$(dirname "$f")").json"
done
echo '{"norm_placement": "post", "norm_type": "rmsnorm", "position_type": "sinusoidal",
 "activation_function": "swiglu", "tie_word_embeddings": false, "n_inner": null}' \
  >"$OUT/config/variants.json"
echo '{}' >"$OUT/config/empty.json"
for f in "$ROOT"/assets/train/*.json "$WORK/tiny.json"; do
  cp "$f" "$OUT/train_config/$(basename "$f")"
done

# tokenizer files: vocab.json, a NUL byte, merges.txt.
"$CLI" bpe-train --input "$WORK/data/train.txt" --vocab-size 280 --out "$WORK/tok" >/dev/null
{ cat "$WORK/tok/vocab.json"; printf '\0'; cat "$WORK/tok/merges.txt"; } \
  >"$OUT/tokenizer_files/trained"
{ cat "$WORK/m-f32/vocab.json"; printf '\0'; cat "$WORK/m-f32/merges.txt"; } \
  >"$OUT/tokenizer_files/byte-level"

# text to encode: English, Russian, emoji, control bytes, invalid UTF-8.
printf 'The king and the queen.' >"$OUT/encode/english"
printf 'Король и королева. Ёлка!' >"$OUT/encode/russian"
printf '🙂 👩‍👩‍👧 e\xcc\x81 \t\r\n\x00 <|endoftext|>' >"$OUT/encode/mixed"
printf 'cut \xd0 and \xff\xfe bad' >"$OUT/encode/invalid"

# word-arithmetic expressions: the README's, U+2212 and en dash, weights, Russian.
printf 'king - man + woman' >"$OUT/expr/english"
printf 'король − мужчина + женщина' >"$OUT/expr/russian"
printf -- '-0.5*paris + 2×france – .25·germany\t+ 1.*berlin' >"$OUT/expr/weights"
printf 'king - ' >"$OUT/expr/half-typed"

# the glossary and the text files: the start of the shipped ones, and edge cases.
head -n 60 "$ROOT/assets/vectors/en/glossary_ru.txt" >"$OUT/glossary/shipped-start.txt"
printf '# comment\r\n\r\nЁлка\ttree\r\nель\tfir\nтётя\taunt\nдядя\tuncle\n' \
  >"$OUT/glossary/edge-cases.txt"
head -n 80 "$ROOT/assets/text/en.txt" >"$OUT/text/en-start.txt"
head -n 80 "$ROOT/assets/text/ru.txt" >"$OUT/text/ru-start.txt"
printf '# c\n\n a.b_1 =  x \\n y \\\\ {T} %%d \r\nempty =\n' >"$OUT/text/edge-cases.txt"
# words.txt: one byte for the tensor's row count, then the file.
{ printf '\x28'; head -n 40 "$ROOT/assets/vectors/en/words.txt"; } >"$OUT/vectors_words/shipped-start"
printf '\x05King\nking\nкороль\nÉcole\nqueen\n' >"$OUT/vectors_words/cases"

# lessons: the tours, lessons/README.md's example and one with every key.
for lang in en ru; do cp "$ROOT/lessons/$lang/00-tour.lesson" "$OUT/lesson/tour-$lang.lesson"; done
awk '/^```lesson$/ {inside = 1; next} /^```$/ {inside = 0} inside' "$ROOT/lessons/README.md" \
  >"$OUT/lesson/readme-example.lesson"
# Every setting and placeholder (passes `glassformer-cli lessons check`).
cat >"$OUT/lesson/new-keys.lesson" <<'LESSON'
# Every setting and placeholder of the format (steps may change the model).
title: All the keys
model: default

--- Sizes and sampling
model: bilingual
prompt: " Король сказал королеве"
screen: probs
layer: 1
head: 2
position: 1
temperature: 0.8
top_k: 40
top_p: 0.9
seed: 7
cell: 1 0
explain: attn.scores 1 0
ask: next

{model}: {n_layer} layers, {n_head} heads, {n_embd} wide; d = {head_size}, √d = {sqrt_head_size}.
{d_ff} {vocab} {n_ctx} {params} {params gpt2} {params gpt3} {tokens} {token 0} {token_id 1}

{score} {weight} {logit " the"} {prob " the"} {top1} {top1_prob} {attn_top} {attn_top_weight}

--- The reveal
explain: logits 0 5

{answer} {loss_first} {loss_last} {train_steps} {{braces}}

--- Another model
model: seeds
prompt: The king
top_k: 0
top_p: 1
screen: analogy
analogy: king - man + woman

{analogy1} {analogy1_cos}

--- Beam search
screen: temperature
beams: 4

The tree of four beams.
LESSON

# train_log.csv: the start of each shipped model's log and its first rows
# with a validation loss; columns in another order, CRLF, a blank line.
for f in "$ROOT"/assets/models/*/train_log.csv; do
  { head -n 30 "$f"; awk -F, 'NR > 1 && $6 != "" && ++n <= 3' "$f"; } \
    >"$OUT/train_log/$(basename "$(dirname "$f")")-start.csv"
done
printf 'loss,extra,step,val_loss\r\n9.5,x,1,\r\n7.25,y,2,7.5\r\n\r\n6,z,10,\r\n' \
  >"$OUT/train_log/edge-cases.csv"

# Replace the old seeds with the new ones; found-* stay.
for target in $TARGETS; do
  mkdir -p "$HERE/corpus/$target"
  find "$HERE/corpus/$target" -maxdepth 1 -type f ! -name 'found-*' -delete
  cp "$OUT/$target"/* "$HERE/corpus/$target/"
done
find "$HERE/corpus" -type f | wc -l
