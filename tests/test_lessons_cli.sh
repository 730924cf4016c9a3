#!/usr/bin/env bash
# test_lessons_cli.sh — `glassformer-cli lessons check`: the shipped lessons
# pass; a good lesson written here passes; broken lessons give exactly the
# lines written out below (file:line:col: message, then the count line) and
# exit 1; usage errors exit 2. Models and vectors: the shipped assets.
#
# usage: bash test_lessons_cli.sh PATH-TO-glassformer-cli LESSONS-DIR
set -u

CLI=${1:?usage: test_lessons_cli.sh PATH-TO-glassformer-cli LESSONS-DIR}
LESSONS=${2:?usage: test_lessons_cli.sh PATH-TO-glassformer-cli LESSONS-DIR}
TMP=${GF_TEST_TMP:-/tmp}/test_lessons_cli.d
rm -rf "$TMP"
mkdir -p "$TMP/set/en" "$TMP/set/ru" "$TMP/bad/en" "$TMP/bad/ru" || exit 1
. "$(dirname "$0")/cli_harness.sh"
export GLASSFORMER_ASSETS=${GF_TEST_ASSETS:?GF_TEST_ASSETS names the shipped assets}

# The shipped lessons, every language.
expect_ok "lessons check (shipped)" lessons check "$LESSONS"
check "shipped: the count line says 0 errors" grep -qE '^[1-9][0-9]* lessons, [0-9]+ steps, 0 errors$' "$TMP/out"
check "shipped: nothing but the count line" [ "$(wc -l <"$TMP/out")" -eq 1 ]

# The example of lessons/README.md (its ```lesson block) is a good lesson.
mkdir -p "$TMP/readme"
awk '/^```lesson$/{on=1; next} /^```$/{on=0} on' "$LESSONS/README.md" >"$TMP/readme/example.lesson"
check "README example extracted" [ -s "$TMP/readme/example.lesson" ]
expect_ok "README example" lessons check "$TMP/readme/example.lesson"
check "README example: the count" [ "$(cat "$TMP/out")" = "1 lessons, 2 steps, 0 errors" ]

# A good lesson and its translation.
cat >"$TMP/set/en/one.lesson" <<'L'
title: One
---
prompt: The king said to the queen
screen: tokens
layer: 3
head: 3
position: 5
ask: attention

Which token?
---
screen: softmax
cell: 5 1

It is {answer}; the cell holds {weight}; {prob " king"}; {token 5}.
L
cat >"$TMP/set/ru/one.lesson" <<'L'
title: Один
---
prompt: The king said to the queen
screen: tokens
layer: 3
head: 3
position: 5
ask: attention

Какой токен?
---
screen: softmax
cell: 5 1

Это {answer}.
L
# A translation may use another model, prompt, layer, head and position
# (a Russian prompt read by the bilingual model); screens and questions match.
cat >"$TMP/set/en/two.lesson" <<'L'
title: Two
---
prompt: The king said to the queen
screen: tokens
layer: 1
head: 2
position: 5
ask: attention

Which?
---
screen: softmax

{answer}
L
cat >"$TMP/set/ru/two.lesson" <<'L'
title: Два
model: bilingual
---
prompt: Король сказал королеве
screen: tokens
layer: 0
head: 1
position: 3
ask: attention

Какой?
---
screen: softmax

{answer}
L
expect_ok "good pairs" lessons check "$TMP/set"
check "good pairs: the count" [ "$(cat "$TMP/out")" = "4 lessons, 8 steps, 0 errors" ]

# Broken lessons: each problem once, where it was written.
cat >"$TMP/bad/en/a.lesson" <<'L'
title: Broken
---
prompt: The king said to the queen
layer: 4
position: 6
cell: 2 3

{token 7} and {prob "kingdom come"}
---
screen: analogy
ask: analogy
---
prompt: Other text
L
cat >"$TMP/bad/ru/a.lesson" <<'L'
title: Сломано
---
analogy: король - мужчинна
L
printf 'title: x\n---\nlayer: q\n' >"$TMP/bad/ru/b.lesson"
# The lesson-player keys: a step's model, top_k, explain, {score}, {logit},
# {loss_*}. "nolog" is the default model without its train_log.csv.
cat >"$TMP/bad/en/c.lesson" <<'L'
title: New keys
---
model: nolog
prompt: The king said to the queen
top_k: 999999
explain: mlp.gate 0 0

{loss_last} and {score}
---
model: missing
---
model: default
top_k: 0
explain: attn.weights 5 6
cell: 5 1

{logit "kingdom come"} {score}
L
cat >"$TMP/bad/ru/c.lesson" <<'L'
title: Новые
---
model: bilingual
prompt: Король
---
screen: probs
---
L
A=$TMP/assets
mkdir -p "$A/models/nolog"
for f in config.json vocab.json merges.txt model.safetensors; do
    ln -sf "$GLASSFORMER_ASSETS/models/default/$f" "$A/models/nolog/$f"
done
for m in default bilingual seeds; do ln -sfn "$GLASSFORMER_ASSETS/models/$m" "$A/models/$m"; done
ln -sfn "$GLASSFORMER_ASSETS/vectors" "$A/vectors"
GLASSFORMER_ASSETS=$A run lessons check "$TMP/bad"
B=$TMP/bad
cat >"$TMP/want" <<W
$B/en/a.lesson:4:8: layer 4: model 'default' has layers 0..3
$B/en/a.lesson:5:11: position 6: the prompt has positions 0..5
$B/en/a.lesson:6:7: cell 2 3: a key position at most the query position (the cell is masked: a token never sees later tokens)
$B/en/a.lesson:8:1: {token 7}: the prompt has tokens 0..5
$B/en/a.lesson:8:15: {prob "kingdom come"}: "kingdom come" is 3 tokens for model 'default', not one token
$B/en/a.lesson:10:9: expected an 'analogy:' expression for the analogy screen
$B/en/a.lesson:11:6: expected an 'analogy:' expression: the question's answer is its nearest word
$B/en/a.lesson:11:6: the question is asked on screen 'analogy', which already shows its answer: ask it on a screen that does not (tokens, embed, final_norm) and reveal it in the next step
$B/en/a.lesson:13:9: the reveal of the question asked in the step before keeps its 'prompt' (the answer depends on it)
$B/en/a.lesson:5:11: position 6: the prompt has positions 0..2
$B/en/c.lesson:5:8: top_k 999999: model 'nolog' has 8192 tokens
$B/en/c.lesson:6:10: explain: model 'nolog' has no values 'mlp.gate' (its trace keys follow its architecture)
$B/en/c.lesson:8:1: {loss_last} needs the model's train_log.csv: $A/models/nolog/train_log.csv: missing (No such file or directory)
$B/en/c.lesson:8:17: {score} needs a 'cell: ROW COLUMN' in its step
$B/en/c.lesson:10:8: model 'missing' (a folder under $A/models/) does not open: $A/models/missing/config.json: missing (No such file or directory)
$B/en/c.lesson:14:10: explain: attn.weights has rows 0..5 and columns 0..5 for this model and prompt (not 5 6)
$B/en/c.lesson:17:1: {logit "kingdom come"}: "kingdom come" is 3 tokens for model 'default', not one token
$B/ru/a.lesson:2:1: expected a prompt: this step's screen shows the prompt's tokens
$B/ru/a.lesson:3:10: 'мужчинна' is not in the glossary (closest: мужчина, мужчины, ветчина, ужин, машина)
$B/ru/b.lesson:3:8: expected a layer number from 0
$B/ru/a.lesson:1:1: expected 3 steps, as its English original $B/en/a.lesson has (this has 1)
$B/ru/c.lesson:5:1: expected step 2 on screen 'tokens' with question 'none', as step 2 of its English original $B/en/c.lesson (line 9)
$B/ru/c.lesson:7:1: expected step 3 on screen 'tokens' with question 'none', as step 3 of its English original $B/en/c.lesson (line 11)
5 lessons, 10 steps, 23 errors
W
check "broken: status 1" [ "$rc" -eq 1 ]
if diff "$TMP/want" "$TMP/out" >"$TMP/diff"; then pass; else fail "broken: output differs: $(cat "$TMP/diff")"; fi

# A translation without its original; a missing path; no subcommand.
mkdir -p "$TMP/lone/ru"
cp "$TMP/set/ru/one.lesson" "$TMP/lone/ru/one.lesson"
run lessons check "$TMP/lone"
check "lone translation: status 1" [ "$rc" -eq 1 ]
check "lone translation: named" grep -qF "$TMP/lone/ru/one.lesson:1:1: no English original $TMP/lone/en/one.lesson" "$TMP/out"
check "lone translation: count" [ "$(tail -n 1 "$TMP/out")" = "1 lessons, 2 steps, 1 errors" ]
# A stage the step's model does not have: post-norm 'seeds' has no final norm.
mkdir -p "$TMP/stage/en"
printf 'title: x\nmodel: seeds\n\n--- a\nprompt: The king\nscreen: final_norm\n\nText.\n' \
    >"$TMP/stage/en/one.lesson"
run lessons check "$TMP/stage"
check "missing stage: status 1" [ "$rc" -eq 1 ]
check "missing stage: named" grep -qxF "$TMP/stage/en/one.lesson:6:9: stage 'final_norm': model 'seeds' has no such stage (its norms are placed after the residuals)" "$TMP/out"
check "missing stage: count" [ "$(tail -n 1 "$TMP/out")" = "1 lessons, 1 steps, 1 errors" ]
# beams: the temperature screen only; a translation keeps the original's beams.
mkdir -p "$TMP/beams/en" "$TMP/beams/ru"
printf 'title: x\n\n--- a\nprompt: The king\nscreen: temperature\nbeams: 4\n\nText.\n--- b\nscreen: logits\nbeams: 2\n\nText.\n' \
    >"$TMP/beams/en/one.lesson"
printf 'title: x\n\n--- a\nprompt: The king\nscreen: temperature\nbeams: 5\n\nText.\n--- b\nscreen: logits\n\nText.\n' \
    >"$TMP/beams/ru/one.lesson"
run lessons check "$TMP/beams"
check "beams: status 1" [ "$rc" -eq 1 ]
cat >"$TMP/want" <<W
$TMP/beams/en/one.lesson:11:8: beams: only the temperature screen shows the beam tree (this step's screen is 'logits')
$TMP/beams/ru/one.lesson:3:1: expected step 1 with 'beams: 4', as step 1 of its English original $TMP/beams/en/one.lesson (line 3)
$TMP/beams/ru/one.lesson:9:1: expected step 2 with 'beams: 2', as step 2 of its English original $TMP/beams/en/one.lesson (line 9)
2 lessons, 4 steps, 3 errors
W
if diff "$TMP/want" "$TMP/out" >"$TMP/diff"; then pass; else fail "beams: output differs: $(cat "$TMP/diff")"; fi
expect_fail_with 2 "missing path" "no such file or folder" lessons check "$TMP/nowhere"
expect_fail_with 2 "no subcommand" "expected 'check PATH...'" lessons
expect_fail_with 2 "no path" "at least one PATH" lessons check
expect_ok "lessons --help" lessons --help
check "lessons --help: usage" grep -q "^usage: glassformer-cli lessons check PATH" "$TMP/out"

finish lessons-cli
