"""Source: Debian `jargon-text`, the Jargon File 4.4.7 (plain-text rendering, jargon.txt.gz).

Sections start at column-0 headings ("Chapter N.", "Appendix X.", "Glossary", "Bibliography")
and at the lexicon's letter headings ("  A"). Dropped: the title page and tables of contents,
the revision-history table, the bibliography, box-drawing tables, ASCII art and code
(paragraphs with few letters), and short title-like lines. Lexicon entries (paragraphs that
start with ":word:") are grouped 25 per document, the head line joined to the first
definition paragraph; cross-reference braces {word} are removed.
"""

import gzip
import re

from corpus_lib import chunk, decode_utf8, make_doc, reflow_lines

JARGON_TXT = "/usr/share/doc/jargon-text/jargon.txt.gz"
PER_DOC = 25

_SECTION_RE = re.compile(r"^(Chapter \d+\.|Appendix [A-Z]\.|Glossary$|Bibliography$)")
_LETTER_RE = re.compile(r"^  ([0A-Z])$")
_DROP_SECTIONS = ("front", "Glossary", "Bibliography", "Chapter 3. Revision History")
_BOX_RE = re.compile(r"[\u2500-\u257f]")
_BRACE_RE = re.compile(r"\{([^{}\n]*)\}")


def sections(lines):
    """[(name, [raw lines])] in file order; the part before Chapter 1 is named 'front'."""
    result = [("front", [])]
    for line in lines:
        m = _LETTER_RE.match(line)
        heading = " ".join(line.split())  # headings use no-break spaces: "Chapter\u00a01."
        if line[:1].strip() and _SECTION_RE.match(heading):
            result.append((heading, []))
        elif m:
            result.append(("lexicon/" + m.group(1), []))
        else:
            result[-1][1].append(line)
    return result


def raw_paragraphs(lines):
    """Blank-line separated blocks, each dedented by its smallest indentation."""
    out, cur = [], []
    for line in lines + [""]:
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            ind = min(len(x) - len(x.lstrip()) for x in cur)
            out.append([x[ind:] for x in cur])
            cur = []
    return out


def keep_paragraph(text):
    if _BOX_RE.search(text):
        return False
    visible = [c for c in text if not c.isspace()]
    if not visible or sum(c.isalpha() for c in visible) < 0.6 * len(visible):
        return False
    words = text.split()
    if "\n" not in text and len(words) < 8 and not text.startswith(":"):
        return text[-1:] in ".?!\"”'’)"  and len(words) >= 4
    return True


def clean_paragraphs(blocks):
    """Reflow, filter (keep_paragraph) and unmark paragraphs; ":word:" heads lose the colon."""
    out = []
    for block in blocks:
        text = _BRACE_RE.sub(r"\1", reflow_lines(block))
        if keep_paragraph(text):
            out.append(text[1:] if text.startswith(":") else text)
    return out


def lexicon_entries(paras):
    """Group a letter section's paragraphs into entries; the section's own TOC is skipped."""
    entries = []
    for blk in paras:
        if blk[0].startswith(":"):
            entries.append([blk])
        elif entries:
            entries[-1].append(blk)
    return entries


def entry_paragraphs(blocks):
    """Cleaned paragraphs of one entry; the head "word: /pron/, n." runs into the first one."""
    ps = clean_paragraphs(blocks)
    if len(ps) > 1 and "\n" not in ps[0] and len(ps[0].split()) <= 12:
        ps[0:2] = [ps[0] + " " + ps[1]]
    return ps


def read(ctx):
    with gzip.open(JARGON_TXT, "rb") as f:
        text = decode_utf8(f.read(), JARGON_TXT)
    docs, n_entries = [], 0
    for name, lines in sections(text.split("\n")):
        if name in _DROP_SECTIONS:
            continue
        paras = raw_paragraphs(lines)
        if name.startswith("lexicon/"):
            entries = lexicon_entries(paras)
            n_entries += len(entries)
            for i, group in enumerate(chunk(entries, PER_DOC)):
                docs.append(make_doc("jargon", f"{name}/{i:02d}",
                                     [p for e in group for p in entry_paragraphs(e)]))
        else:
            doc_id = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
            docs.append(make_doc("jargon", doc_id, clean_paragraphs(paras)))
    return docs, [f"{n_entries} lexicon entries ({PER_DOC} per document) plus the chapters "
                  "and appendices; dropped: title page, tables of contents, revision-history "
                  "table, bibliography, ASCII art/code/tables"]
