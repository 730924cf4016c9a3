#!/usr/bin/env bash
# test_cli.sh — glassformer-cli end to end: every command on a tiny random
# model this script makes, checked against independent facts (GPT-2's byte
# order, published parameter totals, a safetensors header parsed here in
# Python, pieces that must concatenate back to the text), and every error
# path: exit status and exactly one line on stderr.
#
# usage: bash test_cli.sh PATH-TO-glassformer-cli   (scratch under $GF_TEST_TMP)
set -u

CLI=${1:?usage: test_cli.sh PATH-TO-glassformer-cli}
TMP=${GF_TEST_TMP:-/tmp}/test_cli.d
rm -rf "$TMP"
mkdir -p "$TMP" || exit 1
. "$(dirname "$0")/cli_harness.sh"

last_line_is() { [ "$(tail -n 1 "$TMP/out")" = "$1" ]; }

command -v python3 >/dev/null || { echo "FAIL: python3 is needed to check the files"; exit 1; }

# ---- help ---------------------------------------------------------------------------
expect_ok "--help" --help
check "--help lists the commands" grep -q "bpe-train" "$TMP/out"
expect_ok "help" help
for cmd in tokenize generate trace params init convert bpe-train; do
  expect_ok "$cmd --help" "$cmd" --help
  check "$cmd --help prints its usage" grep -q "^usage: glassformer-cli $cmd" "$TMP/out"
  expect_ok "help $cmd" help "$cmd"
done
check "generate --help mentions OMP_NUM_THREADS" grep -q OMP_NUM_THREADS <("$CLI" generate --help)

# ---- params: the published totals ---------------------------------------------------
expect_ok "params gpt2" params --preset gpt2
check "gpt2 total is 124439808" last_line_is "total: 124439808"
expect_ok "params gpt3" params --preset gpt3
check "gpt3 total is 174604259328" last_line_is "total: 174604259328"
expect_ok "params --preset=gpt2-medium" params --preset=gpt2-medium
check "params lists wte.weight (50257, 1024)" grep -Eq '^wte\.weight +\(50257, 1024\)' "$TMP/out"

# ---- stages: the words come from assets/text ----------------------------------------
expect_ok "stages gpt2" stages --preset gpt2 --tokens 7
check "stages: softmax's formula has the head size" grep -q "A = softmax(QKᵀ/√64 + M)" "$TMP/out"
check "stages: 19 stages for a pre-norm model" [ "$(grep -c '^[ 0-9][0-9] ' "$TMP/out")" = 19 ]
check "stages: the norm says where it sits" grep -q "Before attention, each token" "$TMP/out"
expect_ok "stages ru" stages --preset gpt2 --lang ru
check "stages ru: Russian names" grep -q "Веса внимания" "$TMP/out"
expect_fail 1 "stages: an unknown language" stages --preset gpt2 --lang xx
expect_fail 2 "stages: a path as a language" stages --preset gpt2 --lang ../x

# ---- init a tiny model --------------------------------------------------------------
V=300 CTX=24 C=16 L=2 H=4
cat >"$TMP/tiny.json" <<EOF
{"vocab_size": $V, "n_positions": $CTX, "n_embd": $C, "n_layer": $L, "n_head": $H}
EOF
MODEL=$TMP/tiny
expect_ok "init tiny model" init --config "$TMP/tiny.json" --out "$MODEL" --seed 5
for f in config.json model.safetensors vocab.json merges.txt; do
  check "init wrote $f" test -s "$MODEL/$f"
done
# C·(V + ctx) embeddings + per layer (4C + C·3C + 3C + C·C + C + 2·(C·4C) + 4C + C) + 2C
expected=$((C * (V + CTX) + L * (4 * C + 3 * C * C + 3 * C + C * C + C + 8 * C * C + 4 * C + C) + 2 * C))
expect_ok "params --model" params --model "$MODEL"
check "params --model total is $expected" last_line_is "total: $expected"
check "params --model says the tiny config states no languages" \
  grep -qx 'languages: not stated (config.json has no "languages" key)' "$TMP/out"

# ---- languages: init carries them from --config into config.json; params shows them ---
sed 's/}$/, "languages": ["en", "ru"]}/' "$TMP/tiny.json" >"$TMP/tiny-ru.json"
expect_ok "init with languages" init --config "$TMP/tiny-ru.json" --out "$TMP/tiny-ru" --seed 5
check "config.json keeps the languages" python3 - "$TMP/tiny-ru/config.json" <<'PY'
import json, sys
sys.exit(0 if json.load(open(sys.argv[1]))["languages"] == ["en", "ru"] else 1)
PY
expect_ok "params shows languages" params --model "$TMP/tiny-ru"
check "params prints 'languages: en, ru'" grep -qx "languages: en, ru" "$TMP/out"
sed 's/"ru"/"Russian"/' "$TMP/tiny-ru/config.json" >"$TMP/bad-lang.json"
mkdir -p "$TMP/bad-lang" && cp "$TMP/bad-lang.json" "$TMP/bad-lang/config.json"
expect_fail_with 1 "a language name is not a code" \
  'config.json: languages[1]: "Russian" is not an ISO 639 code' params --model "$TMP/bad-lang"

expect_ok "init --dtype bf16" init --config "$TMP/tiny.json" --out "$TMP/tiny16" --dtype bf16
check "bf16 weights are stored as BF16" python3 - "$TMP/tiny16/model.safetensors" <<'PY'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + n])
sys.exit(0 if header["wte.weight"]["dtype"] == "BF16" else 1)
PY

# ---- convert: the same model stored as F16, then widened back to F32 ---------------------
expect_ok "convert to f16" convert --model "$MODEL" --out "$TMP/conv16" --dtype f16
check "convert says how far rounding moved the weights" \
  grep -q "^rounding: each weight moved by at most" "$TMP/out"
expect_ok "convert the f16 model to f32" convert --model "$TMP/conv16" --out "$TMP/conv32" --dtype f32
check "every tensor is stored as F16, and its F32 widening holds the original's F16 rounding" \
  python3 - "$MODEL/model.safetensors" "$TMP/conv16/model.safetensors" \
  "$TMP/conv32/model.safetensors" <<'PY'
import json, struct, sys
def tensors(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    for name, t in header.items():
        begin, end = t["data_offsets"]
        raw = data[8 + n + begin:8 + n + end]
        fmt = {"F32": "f", "F16": "e"}[t["dtype"]]
        out[name] = (t["dtype"], struct.unpack("<%d%s" % (len(raw) // struct.calcsize(fmt), fmt), raw))
    return out
orig, half, wide = (tensors(p) for p in sys.argv[1:4])
# struct's "e" rounds to nearest even, as IEEE half does
ok = all(half[k][0] == "F16" and wide[k][0] == "F32" and
         list(wide[k][1]) == [struct.unpack("<e", struct.pack("<e", x))[0] for x in orig[k][1]]
         for k in orig)
sys.exit(0 if ok and orig.keys() == half.keys() == wide.keys() else 1)
PY
check "the f16 model and its f32 widening write the same greedy text" test \
  "$("$CLI" generate --model "$TMP/conv16" --prompt Hi -n 12 --temperature 0 2>/dev/null)" = \
  "$("$CLI" generate --model "$TMP/conv32" --prompt Hi -n 12 --temperature 0 2>/dev/null)"
expect_fail 2 "convert --dtype f64" convert --model "$MODEL" --out "$TMP/x" --dtype f64
expect_fail_with 1 "convert into a new folder inside its own model" "lies inside the model folder" \
  convert --model "$MODEL" --out "$MODEL/sub" --dtype f16
mkdir -p "$TMP/huge" && cp "$MODEL"/* "$TMP/huge/"
check "patch a weight beyond F16's range" python3 "$(dirname "$0")/patch_model.py" \
  "$TMP/huge/model.safetensors" "ln_f.bias=70000"
expect_fail_with 1 "a weight F16 cannot hold is refused" "beyond F16's largest value" \
  convert --model "$TMP/huge" --out "$TMP/huge16" --dtype f16
check "the refused conversion leaves no model behind" test ! -e "$TMP/huge16/model.safetensors"
expect_ok "BF16 holds it" convert --model "$TMP/huge" --out "$TMP/hugeb" --dtype bf16

# ---- tokenize -------------------------------------------------------------------------
TEXT=$(printf 'Hello, мир! "q" \\ tab\there 🙂')
expect_ok "tokenize" tokenize --model "$MODEL" "$TEXT"
check "byte-level ids follow GPT-2's byte order" python3 - "$TEXT" "$TMP/out" <<'PY'
import sys
# GPT-2's bytes_to_unicode order: printable bytes first, then the rest.
order = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
order += [b for b in range(256) if b not in order]
want = [order.index(b) for b in sys.argv[1].encode()]
got = [int(x) for x in open(sys.argv[2]).read().split()]
sys.exit(0 if got == want else 1)
PY
check "tokenize prints one line" test "$(wc -l <"$TMP/out")" -eq 1
expect_ok "tokenize empty text" tokenize --model "$MODEL" ""
check "empty text gives an empty line" test "$(cat "$TMP/out")" = "" -a "$(wc -c <"$TMP/out")" -eq 1

# pieces_round_trip TEXT FILE: the quoted pieces decode back to TEXT's bytes.
pieces_round_trip() {
  python3 - "$1" "$2" <<'PY'
import sys
text = sys.argv[1].encode()
simple = {ord('"'): 0x22, ord("\\"): 0x5C, ord("n"): 10, ord("t"): 9, ord("r"): 13,
          ord("b"): 8, ord("f"): 12}
out = b""
lines = open(sys.argv[2], "rb").read().split(b"\n")
assert lines[-1] == b"", "output must end with a newline"
for line in lines[:-1]:
    ident, piece = line.split(b"\t")
    int(ident)
    assert len(piece) >= 2 and piece[:1] == b'"' and piece[-1:] == b'"', piece
    s, i = piece[1:-1], 0
    while i < len(s):
        if s[i] != 0x5C:
            assert s[i] >= 0x20 and s[i] != 0x22, "unescaped control or quote"
            out += s[i:i + 1]; i += 1
        elif s[i + 1] in simple:
            out += bytes([simple[s[i + 1]]]); i += 2
        elif s[i + 1] == ord("u"):
            out += chr(int(s[i + 2:i + 6], 16)).encode(); i += 6
        elif s[i + 1] == ord("x"):
            out += bytes([int(s[i + 2:i + 4], 16)]); i += 4
        else:
            raise SystemExit("bad escape in %r" % piece)
sys.exit(0 if out == text else 1)
PY
}
expect_ok "tokenize --pieces" tokenize --model "$MODEL" --pieces "$TEXT"
check "byte-level pieces concatenate back to the text" pieces_round_trip "$TEXT" "$TMP/out"
check "a lone Cyrillic byte is shown as \\xNN" grep -q '\\xd0' "$TMP/out"
check "a tab is shown as \\t" grep -q '"\\t"' "$TMP/out"

# ---- bpe-train, then a model with the trained tokenizer ----------------------------------
for i in $(seq 1 40); do
  echo "the quick brown fox jumps over the lazy dog $i times"
  echo "съешь же ещё этих мягких французских булок, да выпей чаю"
done >"$TMP/train1.txt"
printf 'the lazy dog sleeps; the fox runs\n%.0s' $(seq 1 20) >"$TMP/train2.txt"
BPE=$TMP/bpe
expect_ok "bpe-train" bpe-train --input "$TMP/train1.txt" "$TMP/train2.txt" --vocab-size 300 --out "$BPE"
check "bpe-train reports bytes/token" grep -q "bytes/token" "$TMP/out"
check "bpe-train wrote a consistent vocab.json + merges.txt" python3 - "$BPE" "$TMP/out" <<'PY'
import json, re, sys
folder, report = sys.argv[1], open(sys.argv[2]).read()
vocab = json.load(open(folder + "/vocab.json", encoding="utf-8"))
merges = [l for l in open(folder + "/merges.txt", encoding="utf-8").read().split("\n")
          if l and not l.startswith("#version")]
ids = sorted(vocab.values())
assert ids == list(range(len(ids))), "ids are not 0..n-1"
assert len(vocab) <= 300, len(vocab)
assert vocab["<|endoftext|>"] == len(vocab) - 1, "<|endoftext|> is not last"
assert len(merges) == len(vocab) - 257, (len(merges), len(vocab))
assert re.search(r"\b%d merges\b" % len(merges), report), "reported merges differ"
# Each merge's result is in the vocabulary, and merges only use earlier symbols.
for rank, line in enumerate(merges):
    left, right = line.split(" ")
    assert vocab[left + right] == 256 + rank, line
    assert vocab[left] < 256 + rank and vocab[right] < 256 + rank, line
ratio = float(re.search(r"([0-9.]+) bytes/token", report).group(1))
assert ratio > 1.0, ratio
PY
expect_ok "bpe-train with --input repeated" bpe-train --input "$TMP/train1.txt" --input "$TMP/train2.txt" --vocab-size=300 --out "$TMP/bpe2"
check "repeated --input gives the same merges" cmp -s "$BPE/merges.txt" "$TMP/bpe2/merges.txt"
expect_ok "init with --tokenizer" init --config "$TMP/tiny.json" --out "$TMP/tinybpe" --tokenizer "$BPE"
check "init copied the trained merges" cmp -s "$BPE/merges.txt" "$TMP/tinybpe/merges.txt"
BTEXT="the lazy fox: съешь булок"
expect_ok "tokenize --pieces (trained)" tokenize --model "$TMP/tinybpe" --pieces "$BTEXT"
check "trained pieces concatenate back to the text" pieces_round_trip "$BTEXT" "$TMP/out"
n_pieces=$(wc -l <"$TMP/out")
check "merges made fewer tokens than bytes" test "$n_pieces" -gt 0 -a "$n_pieces" -lt "$(printf '%s' "$BTEXT" | wc -c)"
check "a whole Cyrillic letter is shown as itself" env LC_ALL=C grep -q "$(printf '\t"[^"]*[\320\321]')" "$TMP/out"

# ---- generate ----------------------------------------------------------------------------
gen() { "$CLI" generate --model "$MODEL" "$@" 2>/dev/null; }
quiet_gen() { gen "$@" >/dev/null; }
check "generate T=0 exits 0" quiet_gen --prompt "Hi" -n 6 --temperature 0
check "T=0 twice is identical" test "$(gen --prompt Hi -n 6 --temperature 0)" = "$(gen --prompt Hi -n 6 --temperature 0)"
check "same seed at T=1 is identical" test "$(gen --prompt Hi -n 8 --temperature 1 --seed 9)" = "$(gen --prompt Hi -n 8 --temperature 1 --seed 9)"
check "top-k/top-p with --flag=value" quiet_gen --prompt Hi -n 4 --top-k=5 --top-p=0.9 --seed=3
gen --prompt "При" -n 18 --temperature 1.5 --seed 1 >"$TMP/gen.txt"
check "generate prints valid UTF-8 ending in a newline" python3 - "$TMP/gen.txt" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
data.decode("utf-8")
sys.exit(0 if data.endswith(b"\n") else 1)
PY
check "generate fills the whole context" quiet_gen --prompt "Hi" -n $((CTX - 2)) --temperature 0
check "generate from an empty prompt (starts at <|endoftext|>)" quiet_gen --prompt "" -n 3
check "generate from a bf16 model" quiet_gen --prompt Hi -n 3 --model "$TMP/tiny16"

# A model that always predicts <|endoftext|> (id 256): ln_f gives every position
# the output 1 (gain 0, bias 1), and wte row 256 is all ones, so its logit is C
# while every other is a sum of C small random weights.
cp -r "$MODEL" "$TMP/tiny_eot"
check "patch a model to predict <|endoftext|>" python3 "$(dirname "$0")/patch_model.py" \
  "$TMP/tiny_eot/model.safetensors" ln_f.weight=0 ln_f.bias=1 "wte.weight[256]=1"
check "generation stops at <|endoftext|>" test "$("$CLI" generate --model "$TMP/tiny_eot" --prompt Hi -n 5 --temperature 0 | od -An -c | tr -d ' ')" = '\n'

# ---- trace --------------------------------------------------------------------------------
PROMPT="Hi there"
T=${#PROMPT}   # byte-level tokenizer: one token per byte (ASCII)
expect_ok "trace" trace --model "$MODEL" --prompt "$PROMPT" --out "$TMP/trace.safetensors"
check "trace reports $T tokens" grep -q " $T tokens" "$TMP/out"
"$CLI" tokenize --model "$MODEL" "$PROMPT" >"$TMP/ids.txt"
check "trace file header and contents" python3 - "$TMP/trace.safetensors" "$T" "$V" "$H" "$L" "$TMP/ids.txt" "$TMP/out" <<'PY'
import json, math, struct, sys
path, T, V, H, L = sys.argv[1], *map(int, sys.argv[2:6])
ids = [int(x) for x in open(sys.argv[6]).read().split()]
report = open(sys.argv[7]).read()
data = open(path, "rb").read()
n = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + n])
payload = data[8 + n:]
header.pop("__metadata__", None)
size = {"F32": 4, "I32": 4}
for name, t in header.items():
    begin, end = t["data_offsets"]
    assert 0 <= begin <= end <= len(payload), name
    assert end - begin == math.prod(t["shape"]) * size[t["dtype"]], name
assert "%d tensors, %d bytes" % (len(header), len(data)) in report, report
def tensor(name):
    t = header[name]
    begin, end = t["data_offsets"]
    fmt = "<%d%s" % ((end - begin) // 4, "i" if t["dtype"] == "I32" else "f")
    return t["shape"], struct.unpack(fmt, payload[begin:end])
shape, logits = tensor("logits")
assert shape == [T, V], shape
assert all(math.isfinite(x) for x in logits)
shape, tokens = tensor("tokens")
assert shape == [T] and list(tokens) == ids, (shape, tokens, ids)
for l in range(L):
    shape, w = tensor("h.%d.attn.weights" % l)
    assert shape == [H, T, T], shape
    for h in range(H):
        for i in range(T):
            row = w[(h * T + i) * T:(h * T + i + 1) * T]
            assert abs(sum(row) - 1) < 1e-5 and all(x == 0 for x in row[i + 1:]), row
for name in ("tok_emb", "x0", "h.0.attn.q", "h.%d.res_2" % (L - 1)):
    assert header[name]["shape"][0] == T, name
PY
gen --prompt "$PROMPT" -n 1 --temperature 0 >"$TMP/next.txt"
check "T=0 picks the argmax of the traced last logits row" python3 - "$TMP/trace.safetensors" "$TMP/next.txt" <<'PY'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", data[:8])[0]
t = json.loads(data[8:8 + n])["logits"]
T, V = t["shape"]
begin, end = t["data_offsets"]
last = struct.unpack("<%df" % V, data[8 + n + begin + (T - 1) * V * 4:8 + n + begin + T * V * 4])
best = max(range(V), key=lambda i: (last[i], -i))      # lowest id on ties
order = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
order += [b for b in range(256) if b not in order]
if best == 256:                       # <|endoftext|>: nothing printed
    want = b""
elif best > 256 or order[best] >= 0x80:  # not in the vocab, or half a character
    want = "\ufffd".encode()
else:
    want = bytes([order[best]])
got = open(sys.argv[2], "rb").read()
sys.exit(0 if got == want + b"\n" else "got %r, want %r (id %d)" % (got, want, best))
PY

# ---- errors: exit status and exactly one line on stderr ----------------------------------
expect_fail 2 "no command"
expect_fail 2 "unknown command" frobnicate
expect_fail 2 "help for an unknown command" help frobnicate
expect_fail 2 "unknown flag" tokenize --model "$MODEL" --frob "x"
expect_fail 2 "missing value" tokenize "x" --model
expect_fail 2 "extra argument" tokenize --model "$MODEL" a b
expect_fail 2 "missing TEXT" tokenize --model "$MODEL"
expect_fail 2 "missing --out" trace --model "$MODEL" --prompt hi
expect_fail 2 "bad number" generate --model "$MODEL" --prompt hi --temperature abc
check "bad number message names the flag and value" grep -q -- "--temperature: not a number: 'abc'" "$TMP/err"
expect_fail 2 "bad whole number" generate --model "$MODEL" --prompt hi -n 2x
expect_fail 2 "number out of range" generate --model "$MODEL" --prompt hi --top-p 1.5
expect_fail 2 "temperature above the sampler's limit (a usage error)" generate --model "$MODEL" --prompt hi -n 2 --temperature 500
check "temperature message names the flag" grep -q -- "--temperature: must be in \[0, 100\]" "$TMP/err"
expect_fail 2 "negative seed" generate --model "$MODEL" --prompt hi --seed -3
expect_fail 2 "params needs exactly one source" params --preset gpt2 --model "$MODEL"
expect_fail 2 "bad --dtype" init --config "$TMP/tiny.json" --out "$TMP/x" --dtype f64
expect_fail 2 "--vocab-size too small" bpe-train --input "$TMP/train1.txt" --vocab-size 100 --out "$TMP/x"
expect_fail 1 "missing model dir" generate --model "$TMP/no-such-model" --prompt hi
expect_fail 1 "missing model dir (tokenize)" tokenize --model "$TMP/no-such-model" hi
mkdir -p "$TMP/fifo_model" && cp "$MODEL/merges.txt" "$TMP/fifo_model/" && mkfifo "$TMP/fifo_model/vocab.json"
check "a FIFO as vocab.json is refused, not waited on" bash -c \
  'timeout 20 "$0" tokenize --model "$1" hi 2>"$1.err"; [ $? -eq 1 ] && grep -q "vocab.json: not a regular file" "$1.err"' \
  "$CLI" "$TMP/fifo_model"
expect_fail 1 "invalid UTF-8 prompt" generate --model "$MODEL" --prompt "$(printf 'a\xff')"
check "invalid UTF-8 message says so" grep -q "UTF-8" "$TMP/err"
expect_fail 1 "invalid UTF-8 prompt is refused before the model is read" trace --model "$TMP/no-such-model" --prompt "$(printf 'a\xff')" --out "$TMP/x.st"
check "... so the message is about the prompt" grep -q -- "--prompt: not valid UTF-8 (byte 0xff at offset 1)" "$TMP/err"
expect_fail 1 "invalid UTF-8 text" tokenize --model "$MODEL" "$(printf '\xc3')"
LONG=$(printf 'x%.0s' $(seq 1 $((CTX + 1))))
expect_fail 1 "over-long prompt (generate)" generate --model "$MODEL" --prompt "$LONG"
check "over-long message names the context" grep -q "context of $CTX tokens" "$TMP/err"
expect_fail 1 "prompt + -n over the context" generate --model "$MODEL" --prompt "Hi" -n $((CTX - 1))
check "prompt + -n message" grep -q "prompt (2 tokens) + -n $((CTX - 1)) exceeds the model's context of $CTX tokens" "$TMP/err"
expect_fail 1 "over-long prompt (trace)" trace --model "$MODEL" --prompt "$LONG" --out "$TMP/x.st"
mkdir -p "$TMP/huge_model" && cp "$MODEL"/* "$TMP/huge_model/"
echo '{"vocab_size": 300, "n_embd": 65536, "n_layer": 1024, "n_head": 64}' >"$TMP/huge_model/config.json"
expect_fail 1 "absurd config.json sizes are refused before allocating" generate --model "$TMP/huge_model" --prompt hi
check "the refusal names config.json and the size" grep -q "huge_model/config.json: weights: .* GiB" "$TMP/err"
echo '{"n_embd": 30, "n_head": 4}' >"$TMP/bad.json"
expect_fail 1 "bad config for init" init --config "$TMP/bad.json" --out "$TMP/x"
check "bad config message names the field" grep -q "n_head" "$TMP/err"
echo '{"vocab_size": 200, "n_embd": 16, "n_head": 4, "n_layer": 1}' >"$TMP/v200.json"
expect_fail_with 1 "init: vocab_size below the byte-level tokenizer" \
  "v200.json: vocab_size: 200 is smaller than the 257 tokens of the byte-level tokenizer" \
  init --config "$TMP/v200.json" --out "$TMP/x"
expect_fail_with 1 "init: vocab_size below --tokenizer" \
  "v200.json: vocab_size: 200 is smaller than the 300 tokens of $BPE" \
  init --config "$TMP/v200.json" --out "$TMP/x" --tokenizer "$BPE"
cp "$MODEL/model.safetensors" "$TMP/weights_before"
expect_fail_with 1 "init into a model folder" "already holds a model (model.safetensors)" \
  init --config "$TMP/tiny.json" --out "$MODEL" --seed 9
expect_fail_with 1 "bpe-train into a model folder" "a new tokenizer would not fit its weights" \
  bpe-train --input "$TMP/train1.txt" --vocab-size 300 --out "$MODEL"
check "the model folder is untouched" cmp -s "$TMP/weights_before" "$MODEL/model.safetensors"
check "its tokenizer too" cmp -s "$TMP/tiny16/vocab.json" "$MODEL/vocab.json"
expect_fail 1 "missing config for init" init --config "$TMP/none.json" --out "$TMP/x"
expect_fail_with 2 "unknown preset" 'unknown name "gpt5" (known: gpt2,' params --preset gpt5
expect_fail_with 1 "no such model folder" "$TMP/none: no such model folder" \
  generate --model "$TMP/none" --prompt hi
expect_fail_with 1 "-n beyond the context" "(-n at most" \
  generate --model "$MODEL" --prompt hi -n 1000
expect_fail_with 1 "a prompt filling the context" "fills the model's context of $CTX tokens: no room for -n 1 more" \
  generate --model "$MODEL" --prompt "$(printf 'a%.0s' $(seq 1 $CTX))" -n 1
expect_fail_with 2 "--top-p that is 0 as a float" "too small to tell from 0" \
  generate --model "$MODEL" --prompt hi --top-p 1e-300
expect_fail_with 1 "trace into a missing folder" "does its folder exist?" \
  trace --model "$MODEL" --prompt hi --out "$TMP/none/t.safetensors"
# Through a link, so that a regression replaces the link, not the system's /dev/null.
ln -s /dev/null "$TMP/device.safetensors"
expect_fail_with 1 "trace over a device" "device.safetensors: a device, not a regular file: not replaced" \
  trace --model "$MODEL" --prompt hi --out "$TMP/device.safetensors"
check "the link still leads to a device" test -c "$TMP/device.safetensors"
expect_fail 1 "missing training file" bpe-train --input "$TMP/none.txt" --vocab-size 300 --out "$TMP/x"
expect_fail 1 "a pipe as training input (read twice)" bpe-train --input <(cat "$TMP/train2.txt") --vocab-size 300 --out "$TMP/piped"
check "the pipe message says why, and nothing was written" bash -c \
  'grep -q "not a regular file" "$0" && [ ! -e "$1" ]' "$TMP/err" "$TMP/piped"
expect_fail 1 "trace to an unwritable path" trace --model "$MODEL" --prompt hi --out "$TMP/no/dir/t.st"

# ---- a config edited to another variant: loads, with one warning line -----------------------
mkdir -p "$TMP/edited" && cp "$MODEL"/* "$TMP/edited/"
python3 - "$TMP/edited/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c["position_type"] = "sinusoidal"
json.dump(c, open(sys.argv[1], "w"))
PY
run generate --model "$TMP/edited" --prompt hi -n 2 --temperature 0
check "an edited config still generates" test "$rc" -eq 0
check "... and warns in one line naming the unused tensor" bash -c '[ "$(wc -l <"$0")" -eq 1 ] &&
  grep -qF "glassformer-cli: warning: $1/model.safetensors: 1 tensor that config.json does not use (wpe.weight)" "$0"' \
  "$TMP/err" "$TMP/edited"

# ---- an output is never one of the inputs ---------------------------------------------------
cp "$MODEL/model.safetensors" "$TMP/weights_kept"
expect_fail_with 1 "trace over the model's weights" \
  "model.safetensors: lies inside the model folder $MODEL (--model), an input: not written" \
  trace --model "$MODEL" --prompt hi --out "$MODEL/model.safetensors"
check "the weights are untouched" cmp -s "$TMP/weights_kept" "$MODEL/model.safetensors"
expect_fail_with 1 "trace into the model folder" "lies inside the model folder" \
  trace --model "$MODEL" --prompt hi --out "$MODEL/trace.safetensors"
check "nothing written there" test ! -e "$MODEL/trace.safetensors"
ln -s "$MODEL/model.safetensors" "$TMP/alias.safetensors"
expect_fail_with 1 "trace over the weights through a link" \
  "alias.safetensors: is model.safetensors of the model folder $MODEL (--model), an input" \
  trace --model "$MODEL" --prompt hi --out "$TMP/alias.safetensors"
ln "$MODEL/config.json" "$TMP/hard.json"
expect_fail_with 1 "trace over the config through a hard link" "hard.json: is config.json of" \
  trace --model "$MODEL" --prompt hi --out "$TMP/hard.json"
check "the weights are still untouched" cmp -s "$TMP/weights_kept" "$MODEL/model.safetensors"
mkdir -p "$TMP/cfgdir" && cp "$TMP/tiny.json" "$TMP/cfgdir/config.json"
expect_fail_with 1 "init over its own --config" \
  "cfgdir/config.json: is the input $TMP/cfgdir/config.json (--config): not overwritten" \
  init --config "$TMP/cfgdir/config.json" --out "$TMP/cfgdir"
check "the config is untouched" cmp -s "$TMP/tiny.json" "$TMP/cfgdir/config.json"
expect_fail_with 1 "init over its --tokenizer's files" "vocab.json: is the input" \
  init --config "$TMP/tiny.json" --tokenizer "$BPE" --out "$BPE"
check "the tokenizer folder holds no model" test ! -e "$BPE/model.safetensors"
expect_fail_with 1 "bpe-train over its --input" "merges.txt: is the input" \
  bpe-train --input "$TMP/train1.txt" "$BPE/merges.txt" --vocab-size 300 --out "$BPE"

# ---- a full disk: each output is complete or absent, and what was there stays -------------
# The tiny model's weights (~47 KB) do not fit 16 KB; its other files do.
run_full 16 init --config "$TMP/tiny.json" --out "$TMP/full_init"
check "init on a full disk fails with one line" failed_once 1
check "init on a full disk leaves no folder" test ! -e "$TMP/full_init"
mkdir "$TMP/full_existing"
run_full 16 init --config "$TMP/tiny.json" --out "$TMP/full_existing"
check "init on a full disk into an empty folder fails" failed_once 1
check "... and leaves the folder empty" test -z "$(ls -A "$TMP/full_existing")"
run_full 1 bpe-train --input "$TMP/train2.txt" --vocab-size 300 --out "$TMP/full_bpe"
check "bpe-train on a full disk fails with one line" failed_once 1
check "bpe-train on a full disk leaves no folder" test ! -e "$TMP/full_bpe"
cp "$MODEL/model.safetensors" "$TMP/trace_before"
expect_ok "trace for a full-disk case" trace --model "$MODEL" --prompt hi --out "$TMP/full.safetensors"
cp "$TMP/full.safetensors" "$TMP/full_before"
run_full 1 trace --model "$MODEL" --prompt "hello there" --out "$TMP/full.safetensors"
check "trace on a full disk fails with one line" failed_once 1
check "... and keeps the old trace whole" cmp -s "$TMP/full_before" "$TMP/full.safetensors"
check "... and leaves no temporary" test -z "$(ls "$TMP" | grep '^full\.safetensors\..*\.tmp$')"

finish cli
