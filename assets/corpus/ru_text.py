"""Shared rules for the Russian part: which paragraphs count as Russian prose, and documents.

A paragraph is kept when it has at least MIN_PARA_WORDS words and at least CYRILLIC_SHARE of
its words (whitespace-separated tokens holding a letter) are written in Cyrillic letters
only (punctuation, digits and hyphens aside). That keeps sentences and drops menus, code,
option lists, command lines and untranslated English.
"""

import re

from corpus_lib import Doc, finish_text

MIN_PARA_WORDS = 5
CYRILLIC_SHARE = 0.75
DOC_WORDS = 500             # consecutive short pieces are grouped until a document has this many

_LETTER_RE = re.compile(r"[^\W\d_]")
_CYRILLIC_WORD_RE = re.compile(r"^[\W\d_]*[\u0400-\u04ff]+(?:[-\u2010\u0301'’][\u0400-\u04ff]+)*[\W\d_]*$")


def is_cyrillic_word(word):
    """True for a word of Cyrillic letters, possibly hyphenated, with punctuation around."""
    return bool(_CYRILLIC_WORD_RE.match(word))


def cyrillic_share(text):
    """Share of the lettered words that are Cyrillic words (0.0 when there are none)."""
    words = [w for w in text.split() if _LETTER_RE.search(w)]
    if not words:
        return 0.0
    return sum(1 for w in words if is_cyrillic_word(w)) / len(words)


def is_russian_prose(paragraph):
    """The paragraph filter of the Russian part (see the module comment)."""
    return (len(paragraph.split()) >= MIN_PARA_WORDS
            and cyrillic_share(paragraph) >= CYRILLIC_SHARE)


class ParagraphFilter:
    """Keeps Russian prose paragraphs and drops exact repeats within one source (page
    headers, footers and notices that every page of a manual repeats); counts both."""

    def __init__(self):
        self.seen = set()
        self.kept = 0
        self.not_prose = 0
        self.repeats = 0

    def keep(self, paragraph):
        if not is_russian_prose(paragraph):
            self.not_prose += 1
            return False
        if paragraph in self.seen:
            self.repeats += 1
            return False
        self.seen.add(paragraph)
        self.kept += 1
        return True

    def note(self, what):
        return (f"{self.kept} {what} kept; {self.not_prose} dropped as not Russian prose "
                f"(< {MIN_PARA_WORDS} words or < {CYRILLIC_SHARE:.0%} Cyrillic words), "
                f"{self.repeats} exact repeats dropped")


def group_pieces(source, pieces, doc_words=DOC_WORDS):
    """Group consecutive (id, [paragraphs]) pieces into documents of at least doc_words
    words (the last may be shorter); a document's id is its first piece's id."""
    docs, cur_id, cur, words = [], None, [], 0
    for piece_id, paras in pieces:
        if not paras:
            continue
        if cur_id is None:
            cur_id = piece_id
        cur += paras
        words += sum(len(p.split()) for p in paras)
        if words >= doc_words:
            docs.append(Doc(source, cur_id, finish_text(cur)))
            cur_id, cur, words = None, [], 0
    if cur:
        docs.append(Doc(source, cur_id, finish_text(cur)))
    return docs
