"""Optional definitions part: Debian `dict-gcide` (GCIDE, dictd) and `wordnet-base` glosses.

Only built with make_corpus.sh --with-definitions, into OUT_DIR/definitions/. GCIDE: entries
in file order, 200 per document, each block of lines joined into one paragraph; source tags such as "[1913 Webster]", backslash
pronunciations, respelling codes in parentheses and {cross-reference} braces are removed.
WordNet: one paragraph per synset, "word, word (noun): gloss", 200 synsets per document,
grouped by part of speech and lexicographer file.
"""

import os
import re

from corpus_lib import blocks, chunk, clean_line, decode_utf8, join_prose, make_doc
from dictd import read_entries

GCIDE = ("/usr/share/dictd/gcide.index", "/usr/share/dictd/gcide.dict.dz")
WORDNET_DIR = "/usr/share/wordnet"
PER_DOC = 200

_SOURCE_TAG_RE = re.compile(r"^\s*\[[^\]\n]*\]\s*$", re.MULTILINE)
_PRON_RE = re.compile(r"\\[^\\\n]*\\")
_CODE_PAREN_RE = re.compile(r"\([^()\n]*[\[\]*\"^`][^()\n]*\)")
_BRACE_RE = re.compile(r"\{([^{}\n]*)\}")
_SPACE_PUNCT_RE = re.compile(r" +([,.;:])")
_POS = (("noun", "noun"), ("verb", "verb"), ("adj", "adjective"), ("adv", "adverb"))


def gcide_paragraphs(text):
    """Blocks joined into prose lines, then markup removed from the joined text."""
    paras = []
    for b in blocks(_SOURCE_TAG_RE.sub("", text)):
        p = _CODE_PAREN_RE.sub("", _PRON_RE.sub("", join_prose(b)))
        p = _SPACE_PUNCT_RE.sub(r"\1", _BRACE_RE.sub(r"\1", p))
        paras.append(clean_line(p))
    return paras


def read_gcide(ctx):
    invalid = []
    entries = read_entries(*GCIDE, invalid=invalid)
    docs = []
    for i, group in enumerate(chunk(entries, PER_DOC)):
        paras = [p for _, _, t in group for p in gcide_paragraphs(t)]
        docs.append(make_doc("gcide", f"{i:04d}", paras))
    return docs, [f"{len(entries)} entries, {PER_DOC} per document; source tags, pronunciations "
                  "and cross-reference markup removed",
                  f"{len(invalid)} entries skipped as invalid UTF-8: {', '.join(sorted(invalid))}"]


def wordnet_synset(line):
    """Parse one data.* line -> (lexfile number, paragraph) or None for header lines."""
    if line.startswith("  ") or "|" not in line:
        return None
    head, _, gloss = line.partition("|")
    f = head.split()
    lexfile, count = int(f[1]), int(f[3], 16)
    words = [re.sub(r"\([a-z]+\)$", "", f[4 + 2 * k]).replace("_", " ") for k in range(count)]
    return lexfile, ", ".join(words), gloss.strip()


def read_wordnet(ctx):
    docs, n = [], 0
    for short, long_name in _POS:
        path = os.path.join(WORDNET_DIR, "data." + short)
        with open(path, "rb") as f:
            text = decode_utf8(f.read(), path)
        groups = {}
        for line in text.split("\n"):
            s = wordnet_synset(line)
            if s:
                groups.setdefault(s[0], []).append(f"{s[1]} ({long_name}): {s[2]}")
        for lexfile in sorted(groups):
            n += len(groups[lexfile])
            for i, part in enumerate(chunk(groups[lexfile], PER_DOC)):
                docs.append(make_doc("wordnet", f"{short}/{lexfile:02d}/{i:03d}", part))
    return docs, [f"{n} synsets, one paragraph each, {PER_DOC} per document"]
