"""Source: Jane Austen's six novels from Debian `r-cran-janeaustenr` (exported by Rscript).

make_corpus.sh writes one UTF-8 file per novel (the package's character vectors, one line
per element). Each chapter is one document, numbered in reading order across volumes. Dropped:
the title page and any front matter before the first chapter, "VOLUME"/"THE END" lines and
the _underscore_ italics markers, and editors' notes such as "[At this point in the first and
second editions, Volume I ends.]". Paragraph lines are joined with single spaces.
"""

import os
import re

from corpus_lib import blocks, decode_utf8, join_prose, make_doc

BOOKS = ("emma", "mansfieldpark", "northangerabbey", "persuasion", "prideprejudice",
         "sensesensibility")

_CHAPTER_RE = re.compile(r"^\s*chapter\s+[ivxlc0-9]+\.?\s*$", re.IGNORECASE)
_EDITOR_NOTE_RE = re.compile(r"^\[(at this point|end (of )?volume)[^\]]*\]$", re.IGNORECASE)
_DROP_LINE_RE = re.compile(r"^\s*(volume\s+[ivx0-9]+\.?|the end\.?|finis\.?)\s*$", re.IGNORECASE)


def chapters(text):
    """List of chapters, each a list of raw lines (front matter before chapter 1 dropped)."""
    result = None
    for line in text.split("\n"):
        if _CHAPTER_RE.match(line):
            result = (result or []) + [[]]
        elif result is not None and not _DROP_LINE_RE.match(line):
            result[-1].append(line)
    return result or []


def read(ctx):
    docs = []
    for book in BOOKS:
        path = os.path.join(ctx.extract_dir, "austen", book + ".txt")
        with open(path, "rb") as f:
            text = decode_utf8(f.read(), path).replace("_", "")
        chs = chapters(text)
        if not chs:
            raise ValueError(f"{path}: no chapter headings found")
        for i, lines in enumerate(chs, 1):
            paras = [join_prose(b) for b in blocks("\n".join(lines))]
            paras = [p for p in paras if not _EDITOR_NOTE_RE.match(p)]
            docs.append(make_doc("austen", f"{book}/{i:02d}", paras))
    return docs, ["six novels, one document per chapter; front matter and volume headings dropped"]
