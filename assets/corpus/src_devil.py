"""Source: Debian `dict-devil`, Ambrose Bierce's The Devil's Dictionary (dictd format).

Documents: the author's preface (from the database info entry, without the e-text header)
and the entries in file order, 25 per document. Hard-wrapped prose is re-joined; indented
verse and attributions keep their line breaks (corpus_lib.reflow_lines); _italics_ markers
are removed.
"""

import os

from corpus_lib import blocks, chunk, make_doc, reflow_lines, strip_italics
from dictd import read_entries

DICT_DIR = "/usr/share/dictd"
PER_DOC = 25


def entry_paragraphs(text):
    return [strip_italics(reflow_lines(b)) for b in blocks(text)]


def preface_paragraphs(info):
    """Paragraphs after the line reading 'PREFACE' (drops the e-text title page)."""
    lines = info.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == "PREFACE":
            return entry_paragraphs("\n".join(lines[i + 1:]))
    return []


def read(ctx):
    index, dz = inputs()
    entries = read_entries(index, dz, keep_meta=True)
    docs = []
    info = [t for _, w, t in entries if w == "00databaseinfo"]
    if info:
        docs.append(make_doc("devil", "preface", preface_paragraphs(info[0])))
    real = [t for _, w, t in entries if not w.startswith("00database")]
    for i, group in enumerate(chunk(real, PER_DOC)):
        paras = []
        for t in group:
            paras += entry_paragraphs(t)
        docs.append(make_doc("devil", f"entries/{i:03d}", paras))
    return docs, [f"{len(real)} dictionary entries, {PER_DOC} per document, plus the preface"]


def inputs():
    return [os.path.join(DICT_DIR, "devil.index"), os.path.join(DICT_DIR, "devil.dict.dz")]
