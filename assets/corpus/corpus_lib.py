"""Shared text cleaning for the corpus builder: documents, whitespace and Unicode normalization.

A document is (source, doc_id, text). Text is a list of paragraphs joined by one blank line;
inside a paragraph words are separated by single spaces, and a single newline is kept only
where the source layout needs it (verse, dialogue, attributions: see reflow_lines).
"""

import hashlib
import re
import unicodedata

MIN_DOC_WORDS = 50          # documents with fewer words are dropped as "tiny"
VAL_FRACTION = 0.02         # share of each source's documents in the validation split

_CONTROL_RE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u2028\u2029\ufeff]")


class Doc:
    """One cleaned document; text is already normalized (see finish_text)."""

    __slots__ = ("source", "doc_id", "text")

    def __init__(self, source, doc_id, text):
        self.source = source
        self.doc_id = doc_id
        self.text = text

    def key(self):
        return self.source + "/" + self.doc_id

    def words(self):
        return len(self.text.split())


def decode_utf8(data, where):
    """Strictly decode bytes as UTF-8; raise ValueError naming the file on failure."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{where}: invalid UTF-8 at byte {e.start}") from e


def clean_line(line):
    """NFC, drop control/zero-width characters, collapse all whitespace runs to one space."""
    line = unicodedata.normalize("NFC", line)
    line = _CONTROL_RE.sub("", line.replace("\t", " "))
    return " ".join(line.split())


_ITALIC_RE = re.compile(r"(?<!\w)_([^_\n]+?)_(?!\w)")


def strip_italics(text):
    """Remove _underscore_ emphasis markers (identifiers such as BX_(x) are left alone)."""
    return _ITALIC_RE.sub(r"\1", text)


def join_prose(lines):
    """Join the lines of one prose paragraph into a single line."""
    return clean_line(" ".join(lines))


def reflow_lines(lines, short=50):
    """Join hard-wrapped lines but keep deliberate line breaks.

    A raw line starts a new output line when it is indented, when it starts with "--"
    (an attribution), or when the previous raw line was short (< `short` characters:
    verse or dialogue); otherwise it continues the previous output line.
    Returns one paragraph string (lines joined by "\\n").
    """
    out = []
    prev_len = 0
    for raw in lines:
        raw = raw.rstrip()
        text = clean_line(raw)
        if not text:
            continue
        new_line = (not out or raw[:1] in (" ", "\t") or text.startswith("--")
                    or prev_len < short)
        if new_line:
            out.append(text)
        else:
            out[-1] += " " + text
        prev_len = len(raw.expandtabs())
    return "\n".join(out)


def blocks(text):
    """Split text into blank-line separated blocks, each a list of raw lines."""
    result, cur = [], []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line)
        elif cur:
            result.append(cur)
            cur = []
    if cur:
        result.append(cur)
    return result


def finish_text(paragraphs):
    """Join cleaned paragraphs into document text: drop empties, one blank line between."""
    paras = []
    for p in paragraphs:
        lines = [clean_line(x) for x in p.split("\n")]
        p = "\n".join(x for x in lines if x)
        if p:
            paras.append(p)
    return "\n\n".join(paras)


def make_doc(source, doc_id, paragraphs):
    return Doc(source, doc_id, finish_text(paragraphs))


def chunk(items, size):
    """Split a list into consecutive chunks of at most `size` items."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def stable_hash(tag, key):
    return int.from_bytes(hashlib.sha256((tag + ":" + key).encode("utf-8")).digest()[:8], "big")


def val_keys(docs):
    """Keys of the validation documents: per source, the round(2 %) of its documents (at
    least one) with the smallest sha256("split:" + source/id). Deterministic, no random state,
    and every source is represented in val."""
    by_source = {}
    for d in docs:
        by_source.setdefault(d.source, []).append(d.key())
    chosen = set()
    for keys in by_source.values():
        n_val = max(1, round(len(keys) * VAL_FRACTION)) if len(keys) > 1 else 0
        chosen.update(sorted(keys, key=lambda k: (stable_hash("split", k), k))[:n_val])
    return chosen


def order_key(doc):
    """Deterministic pseudo-random order that mixes sources (sha256 of the key)."""
    return (stable_hash("order", doc.key()), doc.key())


def check_doc(doc):
    """Return None if the text is well formed, else a reason string."""
    t = doc.text
    if t != unicodedata.normalize("NFC", t):
        return "not NFC"
    if "\n\n\n" in t or t != t.strip() or "\r" in t or "\t" in t:
        return "bad whitespace"
    if "  " in t or " \n" in t or "\n " in t:
        return "bad spacing"
    if _CONTROL_RE.search(t):
        return "control characters"
    return None
