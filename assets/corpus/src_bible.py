"""Sources: the King James Version and the World English Bible (Debian `sword-text-kjv`,
`sword-text-web`), exported by diatheke as OSIS, one "Book C:V: text" line per verse.

Each chapter is one document and each verse one paragraph (no verse numbers). Markup is
stripped (line milestones become spaces). A <w> element that directly follows a word or
sentence punctuation gets a space before it: the WEB text has "God</w><w>created", which
diatheke's plain output prints as "Godcreated". KJV's paragraph signs are removed. Text diatheke
prints before a verse reference is a heading (a psalm's superscription); it is dropped,
because in a long export diatheke repeats the last heading on every later verse, even on
untitled psalms and in other books, so the true ones cannot be told apart.
Empty verses (the WEB's versification has slots that its text leaves empty) are skipped.
"""

import os
import re

from corpus_lib import clean_line, decode_utf8, make_doc

MODULES = {"kjv": "engKJV2006eb", "web": "engWEB2015eb"}

_VERSE_RE = re.compile(
    r"(?<![^\s>])((?:(?:I|II|III|IV) )?[A-Z][a-z]+(?: (?:of|and|the|[A-Z][a-z]+))*"
    r"(?: \([A-Z][a-z]+\))?) (\d+):(\d+): ?")
_GLUED_W_RE = re.compile(r"(?:(?<=[A-Za-z,;:.!?\u201d])|(?<=[,;:.!?]\u2019))<w(?=[ >])")
_TITLE_RE = re.compile(r"<title\b[^>]*>.*?</title>", re.DOTALL)
_MILESTONE_RE = re.compile(r"<milestone\b[^>]*>|<l\b[^>]*>|<lg\b[^>]*>")
_TAG_RE = re.compile(r"<[^>]*>")


def strip_markup(s):
    s = _GLUED_W_RE.sub(" <w", s.replace("</w><w", "</w> <w"))
    s = _TITLE_RE.sub(" ", s)
    s = _MILESTONE_RE.sub(" ", s)
    s = _TAG_RE.sub("", s)
    s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return clean_line(s.replace("\u00b6", " "))


def parse_verses(text):
    """[(book, chapter, verse, heading, body)] from diatheke's OSIS output."""
    verses = []
    for line in text.split("\n"):
        m = _VERSE_RE.search(line)
        if m:
            verses.append([m.group(1), int(m.group(2)), int(m.group(3)),
                           line[:m.start()], line[m.end():]])
        elif verses and line.strip() and not re.match(r"^\([A-Za-z0-9]+\)$", line.strip()):
            verses[-1][4] += " " + line
    return verses


def chapter_docs(source, verses):
    """Group verses by (book, chapter) in order; one document each."""
    docs, cur_key, paras = [], None, []
    slug_of = {}

    def flush():
        if cur_key and paras:
            book, ch = cur_key
            slug = slug_of.setdefault(book, re.sub(r"[^a-z0-9]+", "-", book.lower()).strip("-"))
            docs.append(make_doc(source, f"{slug}/{ch:03d}", list(paras)))
        paras.clear()

    for book, ch, _verse, _heading, body in verses:
        if (book, ch) != cur_key:
            flush()
            cur_key = (book, ch)
        b = strip_markup(body)
        if b:
            paras.append(b)
    flush()
    return docs


def read_module(ctx, source):
    path = osis_path(ctx, source)
    with open(path, "rb") as f:
        verses = parse_verses(decode_utf8(f.read(), path))
    if not verses:
        raise ValueError(f"{path}: no verses found")
    docs = chapter_docs(source, verses)
    books = len({v[0] for v in verses})
    return docs, [f"{books} books, {len(docs)} chapters (one document each), one verse a paragraph"]


def osis_path(ctx, source):
    return os.path.join(ctx.extract_dir, "sword", MODULES[source] + ".osis")
