#!/usr/bin/env bash
# test_vectors_cli.sh — glassformer-cli analogy and neighbours end to end: a
# tiny vectors folder made here (Python writes the safetensors file and
# computes the expected ranking independently), Russian labels through a
# glossary, every error path (exit status, one line on stderr), and the
# shipped folder and model.
#
# usage: bash test_vectors_cli.sh PATH-TO-glassformer-cli   (scratch under $GF_TEST_TMP;
#        the shipped assets from $GF_TEST_ASSETS)
set -u

CLI=${1:?usage: test_vectors_cli.sh PATH-TO-glassformer-cli}
TMP=${GF_TEST_TMP:-/tmp}/test_vectors_cli.d
ASSETS=${GF_TEST_ASSETS:-assets}
rm -rf "$TMP"
mkdir -p "$TMP" || exit 1
. "$(dirname "$0")/cli_harness.sh"
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }
unset GLASSFORMER_ASSETS

# make_folder DIR ROWS_JSON WORDS...: vectors.safetensors (F32) and words.txt.
make_folder() {
  local dir=$1 rows=$2; shift 2
  mkdir -p "$dir"
  printf '%s\n' "$@" >"$dir/words.txt"
  python3 - "$dir/vectors.safetensors" "$rows" <<'PY'
import json, struct, sys
rows = json.loads(sys.argv[2])
payload = b"".join(struct.pack("<%df" % len(r), *r) for r in rows)
header = json.dumps({"vectors": {"dtype": "F32", "shape": [len(rows), len(rows[0])],
                                 "data_offsets": [0, len(payload)]}}).encode()
header += b" " * (-len(header) % 8)
open(sys.argv[1], "wb").write(struct.pack("<Q", len(header)) + header + payload)
PY
}

TINY=$TMP/tiny
ROWS='[[1,0,0,0.1],[0,1,0,0.1],[1,0,2,0],[0,1,2,0],[0,1,0.3,0.2],[0.1,0,0,3],[0,0.2,0.1,3]]'
make_folder "$TINY" "$ROWS" man woman king queen aunt apple pear
printf '# test glossary\nкороль\tking\nкоролева\tqueen\nмужчина\tman\nженщина\twoman\nтётя\taunt\n' \
  >"$TINY/glossary_ru.txt"

# expect_ranking WHAT "w1 +1 w2 -1 ..." K: the output equals the ranking computed here
# (words exactly, cosines within 1e-4, format RANK<TAB>WORD<TAB>%.4f).
expect_ranking() {
  local what=$1 terms=$2 k=$3 labels=${4:-}
  if python3 - "$TINY" "$ROWS" "$terms" "$k" "$TMP/out" "$labels" <<'PY'; then pass; else fail "$what"; fi
import json, math, re, sys
folder, rows, terms, k, out, labels = sys.argv[1:7]
rows = json.loads(rows)
words = open(folder + "/words.txt").read().split()
unit = [[x / math.sqrt(sum(y * y for y in r)) for x in r] for r in rows]
t = terms.split()
pairs = [(words.index(t[i]), float(t[i + 1])) for i in range(0, len(t), 2)]
q = [sum(w * unit[i][j] for i, w in pairs) for j in range(len(rows[0]))]
qn = math.sqrt(sum(x * x for x in q))
score = {i: sum(a * b for a, b in zip(q, unit[i])) / qn for i in range(len(words))
         if i not in {p[0] for p in pairs}}
want = sorted(score, key=lambda i: (-score[i], i))[:int(k)]
label = dict(l.split(":") for l in labels.split()) if labels else {}
lines = open(out, encoding="utf-8").read().split("\n")
ok = lines[-1] == "" and len(lines) - 1 == len(want)
for rank, (line, i) in enumerate(zip(lines, want), 1):
    m = re.fullmatch(r"(\d+)\t([^\t]+)\t(-?\d\.\d{4})", line)
    ok = ok and m is not None and int(m[1]) == rank and m[2] == label.get(words[i], words[i]) \
        and abs(float(m[3]) - score[i]) <= 1e-4
if not ok:
    print("got:", lines, "want:", [(words[i], round(score[i], 4)) for i in want], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

# ---- help ---------------------------------------------------------------------------------
expect_ok "--help lists analogy" --help
check "--help lists analogy and neighbours" grep -q "neighbours" "$TMP/out"
expect_ok "analogy --help" analogy --help
check "analogy --help: usage line" grep -q "^usage: glassformer-cli analogy" "$TMP/out"
expect_ok "neighbours --help" neighbours --help

# ---- the tiny folder: rankings computed independently ----------------------------------------
expect_ok "analogy tiny" analogy --vectors "$TINY" "king - man + woman"
expect_ranking "king - man + woman: the ranking" "king 1 man -1 woman 1" 10
check "queen first" grep -q "^1	queen	" "$TMP/out"
expect_ok "analogy unquoted words" analogy --vectors "$TINY" -k 2 -- king - man + woman
expect_ranking "-k 2: two lines" "king 1 man -1 woman 1" 2
expect_ok "weights" analogy --vectors "$TINY" "0.5*king + 2*aunt"
expect_ranking "weights: the ranking" "king 0.5 aunt 2" 10
expect_ok "neighbours tiny" neighbours --vectors "$TINY" -k 3 apple
expect_ranking "neighbours apple" "apple 1" 3
expect_ok "case-insensitive" neighbours --vectors "$TINY" QUEEN
expect_ranking "neighbours QUEEN" "queen 1" 10
expect_ok "Russian with U+2212" analogy --vectors "$TINY" "король − мужчина + женщина"
expect_ranking "Russian labels" "king 1 man -1 woman 1" 10 \
  "queen:королева aunt:тётя king:король man:мужчина woman:женщина"
check "королева first" grep -q "^1	королева	" "$TMP/out"
expect_ok "ё = е" neighbours --vectors "$TINY" -k 1 ТЕТЯ
check "тетя is тётя (aunt): its neighbour женщина" grep -q "^1	женщина	" "$TMP/out"

# ---- errors -------------------------------------------------------------------------------
expect_fail_with 1 "unknown word" "unknown word 'kng' (closest: king" \
  analogy --vectors "$TINY" "kng - man + woman"
check "unknown word: nothing on stdout" test ! -s "$TMP/out"
expect_fail_with 1 "unknown Russian word" "'корол' is not in the glossary (closest: король" \
  analogy --vectors "$TINY" "корол"
expect_fail_with 2 "empty expression" "expression: empty" analogy --vectors "$TINY" ""
expect_fail_with 2 "blank expression" "expression: empty" analogy --vectors "$TINY" "   "
expect_fail_with 2 "trailing minus" "expected a word at the end" analogy --vectors "$TINY" "king -"
expect_fail_with 2 "two words" "expected '+' or '-' between words" analogy --vectors "$TINY" "king man"
expect_fail_with 2 "no EXPR" "EXPR: missing" analogy --vectors "$TINY"
expect_fail_with 2 "neighbours of an expression" "one word expected" neighbours --vectors "$TINY" "king - man"
expect_fail_with 2 "--vectors and --model" "give one of them" analogy --vectors "$TINY" --model "$TINY" king
expect_fail_with 2 "-k 0" "-k" analogy --vectors "$TINY" -k 0 king
long=$(printf 'king + %.0s' $(seq 700))queen
expect_fail_with 2 "an EXPR too long" "EXPR: longer than 4095 bytes" analogy --vectors "$TINY" "$long"
expect_fail_with 1 "cancelling words" "cancel out" analogy --vectors "$TINY" "king - king"

BAD=$TMP/bad
make_folder "$BAD" "$ROWS" man woman king queen aunt apple
expect_fail_with 1 "a word short" "words.txt: 6 words, but vectors.safetensors has 7 rows" \
  analogy --vectors "$BAD" king
make_folder "$BAD" "$ROWS" man woman king queen aunt apple man
expect_fail_with 1 "duplicate word" "words.txt: line 7: 'man' is already on line 1" \
  analogy --vectors "$BAD" king
make_folder "$BAD" '[[1,0,0,0.1],[0,1,0,0.1],[1,0,2,0],[0,1,2,0],[0,1,0.3,0.2],[0.1,0,0,3],[0,0.2,NaN,3]]' \
  man woman king queen aunt apple pear
expect_fail_with 1 "NaN row" "vectors.safetensors: row 6 ('pear', line 7): element 2 is not finite" \
  analogy --vectors "$BAD" king
make_folder "$BAD" "$ROWS" man woman king queen aunt apple $'pe\xffar'
expect_fail_with 1 "invalid UTF-8" "words.txt: line 7: not valid UTF-8" analogy --vectors "$BAD" king
make_folder "$BAD" "$ROWS" man woman king queen aunt apple pear
truncate -s -8 "$BAD/vectors.safetensors"
expect_fail_with 1 "truncated" "vectors.safetensors" analogy --vectors "$BAD" king
make_folder "$BAD" "$ROWS" man woman king queen aunt apple pear
printf 'король\tking\nКороль\tmonarch\n' >"$BAD/glossary_ru.txt"
expect_fail_with 1 "bad glossary" "glossary_ru.txt: line 2: 'Король' is already on line 1" \
  analogy --vectors "$BAD" king
rm "$BAD/glossary_ru.txt"
expect_fail_with 1 "Russian without a glossary" "need the glossary" analogy --vectors "$BAD" король
expect_fail_with 1 "missing folder" "$TMP/none/vectors.safetensors" analogy --vectors "$TMP/none" king

# ---- the shipped folder and model -----------------------------------------------------------
expect_ok "shipped folder (the default)" analogy "king - man + woman"
check "king - man + woman: queen at rank 1" grep -q "^1	queen	0\.[0-9]\{4\}$" "$TMP/out"
check "ten lines" test "$(wc -l <"$TMP/out")" -eq 10
expect_ok "shipped folder in Russian" analogy "король − мужчина + женщина"
check "король − мужчина + женщина: королева at rank 1" grep -q "^1	королева	" "$TMP/out"
expect_ok "shipped capitals" analogy -k 3 "Париж - Франция + Германия"
check "Париж − Франция + Германия: Берлин" grep -q "^1	Берлин	" "$TMP/out"
expect_ok "the model's embeddings" analogy --model "$ASSETS/models/default" "king - man + woman"
check "model: ten RANK<TAB>WORD<TAB>COSINE lines, no leading space" python3 - "$TMP/out" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
ok = lines[-1] == "" and len(lines) == 11 and all(
    re.fullmatch(r"%d\t[A-Za-z]+\t-?\d\.\d{4}" % (i + 1), l) for i, l in enumerate(lines[:-1]))
sys.exit(0 if ok else 1)
PY
check "model: king, man and woman left out" bash -c "! grep -qiE '	(king|man|woman)	' '$TMP/out'"
expect_ok "model neighbours, Russian through the shipped glossary" \
  neighbours --model "$ASSETS/models/default" -k 3 король
check "model neighbours: three lines" test "$(wc -l <"$TMP/out")" -eq 3
expect_fail_with 1 "model: not a single-token word" "is not a word of" \
  neighbours --model "$ASSETS/models/default" принцесса

finish "vectors-cli"
