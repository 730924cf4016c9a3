#!/usr/bin/env bash
# test_lens_beam_cli.sh — glassformer-cli lens, generate --beam and
# --print-logprob, end to end on tiny models this script makes:
#  - lens: the exact line format and order; the last layer's token is the
#    argmax of `trace`'s logits and its PROB their softmax; layer 0 equals
#    softmax(LN_f(x0)·wteᵀ) done here in Python from the trace and weights;
#  - a model whose next-token distribution is the same at every step (the
#    final norm's gain patched to 0): greedy, --beam and sampled outputs and
#    their log-probabilities against that distribution computed here, an
#    end-of-text that stops generation not counted, and a beam that prefers
#    stopping at once;
#  - usage errors (exit 2) and runtime errors (exit 1).
#
# usage: bash test_lens_beam_cli.sh PATH-TO-glassformer-cli   (scratch under $GF_TEST_TMP)
set -u

CLI=${1:?usage: test_lens_beam_cli.sh PATH-TO-glassformer-cli}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=${GF_TEST_TMP:-/tmp}/test_lens_beam_cli.d
rm -rf "$TMP"
mkdir -p "$TMP" || exit 1
. "$HERE/cli_harness.sh"
export PYTHONPATH=$HERE
command -v python3 >/dev/null || { echo "FAIL: python3 is needed to check the output"; exit 1; }

V=300 CTX=24 C=16 L=2 H=4
cat >"$TMP/tiny.json" <<JSON
{"vocab_size": $V, "n_positions": $CTX, "n_embd": $C, "n_layer": $L, "n_head": $H}
JSON
MODEL=$TMP/tiny
expect_ok "init tiny model" init --config "$TMP/tiny.json" --out "$MODEL" --seed 7

# ---- lens ------------------------------------------------------------------------------
expect_ok "lens --help" lens --help
check "lens --help prints its usage" grep -q "^usage: glassformer-cli lens" "$TMP/out"
check "lens is in the command list" grep -q "^  lens " <("$CLI" --help)

PROMPT='Hi "there"'
T=${#PROMPT}   # byte-level tokenizer: one token per ASCII byte
expect_ok "trace for the lens checks" trace --model "$MODEL" --prompt "$PROMPT" --out "$TMP/trace.safetensors"
expect_ok "lens -k 3" lens --model "$MODEL" --prompt "$PROMPT" -k 3
cp "$TMP/out" "$TMP/lens3.txt"
check "lens prints (L+1)·T·k lines" test "$(wc -l <"$TMP/lens3.txt")" -eq $(((L + 1) * T * 3))
check "lens lines, order, last layer = logits, layer 0 = LN_f(x0)·wteᵀ" python3 - \
    "$TMP/lens3.txt" "$TMP/trace.safetensors" "$MODEL" "$L" "$T" 3 <<'PY'
import json, math, re, struct, sys
from quoted_piece import unquote, id_to_bytes

lens_path, trace_path, model, L, T, K = sys.argv[1], sys.argv[2], sys.argv[3], *map(int, sys.argv[4:])

def tensors(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        if t["dtype"] != "F32":
            continue  # the trace's token ids
        a, b = t["data_offsets"]
        flat = struct.unpack("<%df" % ((b - a) // 4), data[8 + n + a:8 + n + b])
        out[name] = (t["shape"], flat)
    return out

def rows(t):
    shape, flat = t
    w = shape[-1]
    return [flat[i * w:(i + 1) * w] for i in range(len(flat) // w)]

def softmax(z):
    m = max(z)
    e = [math.exp(x - m) for x in z]
    s = sum(e)
    return [x / s for x in e]

trace = tensors(trace_path)
weights = tensors(model + "/model.safetensors")
piece = id_to_bytes(model + "/vocab.json")
line_re = re.compile(rb'^(\d+)\t(\d+)\t("(?:[^"\\]|\\.)*")\t(\d\.\d{6})$')
cells = {}
for line in open(lens_path, "rb").read().split(b"\n")[:-1]:
    m = line_re.match(line)
    assert m, line
    layer, pos, prob = int(m.group(1)), int(m.group(2)), float(m.group(4))
    cells.setdefault((layer, pos), []).append((unquote(m.group(3)), prob))
keys = list(cells)
assert keys == [(l, p) for l in range(L + 1) for p in range(T)], "order: layer, then position"
for cell in cells.values():
    assert len(cell) == K and all(a[1] >= b[1] for a, b in zip(cell, cell[1:])), cell

def check_layer(layer, logits_rows):
    for pos, z in enumerate(logits_rows):
        p = softmax(z)
        best = max(range(len(z)), key=lambda v: (z[v], -v))
        tok, prob = cells[(layer, pos)][0]
        assert tok == piece(best), (layer, pos, tok, best)
        assert abs(prob - p[best]) < 2e-6, (layer, pos, prob, p[best])

check_layer(L, rows(trace["logits"]))
# layer 0: the final norm (gain, bias from the weights) on x0, then wteᵀ
g, b = weights["ln_f.weight"][1], weights["ln_f.bias"][1]
wte = rows(weights["wte.weight"])
layer0 = []
for x in rows(trace["x0"]):
    mu = sum(x) / len(x)
    var = sum((v - mu) ** 2 for v in x) / len(x)
    h = [(v - mu) / math.sqrt(var + 1e-5) * g[i] + b[i] for i, v in enumerate(x)]
    layer0.append([sum(hc * wc for hc, wc in zip(h, w)) for w in wte])
check_layer(0, layer0)
PY
expect_ok "lens default k" lens --model "$MODEL" --prompt "$PROMPT"
check "default k = 1: (L+1)·T lines" test "$(wc -l <"$TMP/out")" -eq $(((L + 1) * T))
check "k = 1 is the k = 3 list's first rank" test "$(cat "$TMP/out")" = "$(awk 'NR % 3 == 1' "$TMP/lens3.txt")"
expect_ok "lens of an empty prompt (starts at <|endoftext|>)" lens --model "$MODEL" --prompt ""
check "an empty prompt has one position" test "$(wc -l <"$TMP/out")" -eq $((L + 1))
expect_ok "lens -k V" lens --model "$MODEL" --prompt "Hi" -k $V
check "-k V: V lines per cell" test "$(wc -l <"$TMP/out")" -eq $(((L + 1) * 2 * V))
# ids 257..299 have no bytes (quoted ""); every other token once per cell
check "-k V lists every token once per cell" test -z "$(cut -f1-3 "$TMP/out" | grep -v '""' | sort | uniq -d)"
expect_fail_with 2 "lens -k 0" "-k" lens --model "$MODEL" --prompt hi -k 0
expect_fail_with 2 "lens -k above the vocabulary" "-k 301: the model has only 300 tokens" lens --model "$MODEL" --prompt hi -k 301
expect_fail_with 2 "lens without --prompt" "--prompt" lens --model "$MODEL"
expect_fail_with 1 "lens of a missing model" "no such model folder" lens --model "$TMP/none" --prompt hi
expect_fail_with 1 "lens of a prompt over the context" "context" lens --model "$MODEL" --prompt "$(printf 'a%.0s' $(seq 1 $((CTX + 1))))"

# ---- a model with one fixed next-token distribution --------------------------------------
# The final norm's gain 0 and bias 1 make every position's hidden state all
# ones, so the logits are the row sums of wte: every row -0.5·C (= -8) except
# 'a' (id 64 in GPT-2's byte order) 0.2·C = 3.2, <|endoftext|> (256) 3.0 and
# 'b' (65) 2.4. The distribution is the same at every step.
FIXED=$TMP/fixed
cp -r "$MODEL" "$FIXED"
check "patch a model to one fixed distribution" python3 "$HERE/patch_model.py" \
  "$FIXED/model.safetensors" ln_f.weight=0 ln_f.bias=1 wte.weight=-0.5 "wte.weight[64]=0.2" \
  "wte.weight[256]=0.1875" "wte.weight[65]=0.15"
# ln p(token) of the fixed distribution, by name: a, b, eot
lp() {
  python3 -c '
import math, sys
z = {"a": 3.2, "eot": 3.0, "b": 2.4}
lse = math.log(sum(math.exp(v) for v in z.values()) + (300 - 3) * math.exp(-8.0))
print("%.9f" % (z[sys.argv[1]] - lse))' "$1"
}
LP_A=$(lp a)
near() { python3 -c 'import sys; sys.exit(0 if abs(float(sys.argv[1]) - float(sys.argv[2])) < float(sys.argv[3]) else 1)' "$@"; }
logprob_of() { sed -n 's/^logprob: //p' "$1"; }

expect_ok "greedy with --print-logprob" generate --model "$FIXED" --prompt Hi -n 5 --temperature 0 --print-logprob
check "greedy prints aaaaa and one logprob line" test "$(cat "$TMP/out")" = "aaaaa
$(sed -n 2p "$TMP/out")"
check "logprob line has six decimals" grep -Eq '^logprob: -[0-9]+\.[0-9]{6}$' "$TMP/out"
check "greedy logprob = 5 ln p(a)" near "$(logprob_of "$TMP/out")" "$(python3 -c "print(5 * $LP_A)")" 2e-5
cp "$TMP/out" "$TMP/greedy.txt"
expect_ok "--beam 1" generate --model "$FIXED" --prompt Hi -n 5 --beam 1 --print-logprob
check "--beam 1 equals --temperature 0 (text and logprob)" cmp -s "$TMP/out" "$TMP/greedy.txt"
# Two beams: stopping at once (ln p(eot)) beats every continuation (each 'a'
# costs ln p(a) and then the stop still costs ln p(eot)): nothing is printed.
expect_ok "--beam 2" generate --model "$FIXED" --prompt Hi -n 5 --beam 2 --print-logprob
check "--beam 2 stops at once: an empty line and logprob 0" test "$(cat "$TMP/out")" = "
logprob: 0.000000"
expect_ok "--beam 16" generate --model "$FIXED" --prompt Hi -n 5 --beam 16
check "--beam 16 agrees" test "$(cat "$TMP/out")" = ""
# Sampling: the log-probability of exactly the printed characters; an
# end-of-text that stops early is not counted (at least one seed stops early).
check "sampled logprob = sum over the printed tokens" python3 - "$CLI" "$FIXED" <<'PY'
import math, subprocess, sys
cli, model = sys.argv[1], sys.argv[2]
z = {"a": 3.2, "eot": 3.0, "b": 2.4}
lse = math.log(sum(math.exp(v) for v in z.values()) + 297 * math.exp(-8.0))
stopped_early = 0
for seed in range(1, 9):
    out = subprocess.run([cli, "generate", "--model", model, "--prompt", "Hi", "-n", "6",
                          "--temperature", "1", "--seed", str(seed), "--print-logprob"],
                         capture_output=True, check=True).stdout.decode()
    text, line, end = out.split("\n")
    assert end == "" and line.startswith("logprob: "), out
    assert set(text) <= {"a", "b"}, text
    want = sum(z[ch] - lse for ch in text)
    assert abs(float(line[9:]) - want) < 2e-5, (seed, text, line, want)
    stopped_early += len(text) < 6
assert stopped_early > 0, "no seed stopped at <|endoftext|>"
PY

# ---- generate --beam on the random model ------------------------------------------------
gen() { "$CLI" generate --model "$MODEL" "$@" 2>/dev/null; }
check "--beam 1 = T=0 on a random model" test "$(gen --prompt Hello -n 12 --beam 1 --print-logprob | od -c)" = "$(gen --prompt Hello -n 12 --temperature 0 --print-logprob | od -c)"
expect_ok "--beam 4" generate --model "$MODEL" --prompt Hello -n 12 --beam 4 --print-logprob
check "--beam 4: the continuation, then the logprob line" test "$(wc -l <"$TMP/out")" -ge 2 -a \
  "$(tail -n 1 "$TMP/out" | grep -Ec '^logprob: -[0-9]+\.[0-9]{6}$')" -eq 1
for opt in "--temperature 0.5" "--top-k 3" "--top-p 0.9" "--seed 1"; do
  # shellcheck disable=SC2086
  expect_fail_with 2 "--beam with $opt" "beam search does not sample" generate --model "$MODEL" --prompt hi --beam 2 $opt
done
expect_fail_with 2 "--beam 0" "--beam" generate --model "$MODEL" --prompt hi --beam 0
expect_fail_with 2 "--beam 17" "--beam" generate --model "$MODEL" --prompt hi --beam 17
expect_fail_with 2 "--print-logprob takes no value" "" generate --model "$MODEL" --prompt hi --print-logprob=yes
expect_fail_with 1 "--beam: prompt + -n over the context" "context" generate --model "$MODEL" --prompt hi --beam 3 -n $CTX

finish lens-beam-cli
