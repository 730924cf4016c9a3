"""Source: Debian `fortunes` (the inoffensive fortune files only), grouped 25 fortunes a document.

Only the files in ALLOWED are read, so the offensive collection (package fortunes-off, in
/usr/share/games/fortunes/off/) is never touched even where it is installed. EXCLUDED names the
inoffensive-section files we still leave out for a classroom, with the reason; any fortune that
matches BLOCKED_RE is dropped as well. Line breaks inside a fortune are kept (verse, dialogue,
attributions), indentation and _italics_ markers are removed.
"""

import os
import re

from corpus_lib import blocks, chunk, clean_line, decode_utf8, make_doc, strip_italics

FORTUNE_DIR = "/usr/share/games/fortunes"
PER_DOC = 25

ALLOWED = (
    "art", "computers", "cookie", "definitions", "disclaimer", "education", "food",
    "fortunes", "goedel", "humorists", "kids", "law", "literature", "love", "magic",
    "medicine", "miscellaneous", "news", "paradoxum", "people", "pets", "platitudes",
    "politics", "pratchett", "riddles", "science", "songs-poems", "sports", "startrek",
    "tao", "wisdom", "work", "zippy",
)

EXCLUDED = (
    ("off/*", "the offensive section (package fortunes-off): never read"),
    ("ethnic", "jokes built on national/ethnic stereotypes"),
    ("men-women", "jokes built on gender stereotypes"),
    ("drugs", "drug humour"),
    ("ascii-art", "pictures, not prose"),
    ("translate-me", "not English"),
    ("debian, knghtbrd, linux, linuxcookie, perl", "IRC chat logs, not prose"),
)

BLOCKED_RE = re.compile(
    r"\b(fuck|shit|cunt|bitch|bastard|asshole|whore|slut|nigger|fag|rape|porn|penis|"
    r"vagina|sex|orgasm|nude|naked|masturbat|breast|condom|prostitut|suicide|erotic|lesbian|"
    r"homosexual|hooker|adulter|pregnan|retard|negro|virgin(?:s|ity)?\b)",
    re.IGNORECASE)


def split_fortunes(text):
    """Split a fortune file (entries separated by lines holding only '%') into entries."""
    entries, cur = [], []
    for line in text.split("\n"):
        if line.strip() == "%":
            entries.append("\n".join(cur))
            cur = []
        else:
            cur.append(line)
    entries.append("\n".join(cur))
    return [e for e in entries if e.strip()]


def fortune_text(entry):
    """One fortune as paragraphs with its own line breaks kept, indentation removed."""
    paras = []
    for blk in blocks(entry):
        paras.append("\n".join(clean_line(x) for x in blk if clean_line(x)))
    return strip_italics("\n\n".join(p for p in paras if p))


def read(ctx):
    docs, stats = [], {"blocked_fortunes": 0, "fortunes": 0}
    for name in ALLOWED:
        path = os.path.join(FORTUNE_DIR, name)
        with open(path, "rb") as f:
            text = decode_utf8(f.read(), path)
        kept = []
        for entry in split_fortunes(text):
            if BLOCKED_RE.search(entry):
                stats["blocked_fortunes"] += 1
                continue
            t = fortune_text(entry)
            if t:
                kept.append(t)
        stats["fortunes"] += len(kept)
        for i, group in enumerate(chunk(kept, PER_DOC)):
            docs.append(make_doc("fortunes", f"{name}/{i:03d}", group))
    notes = [f"files read: {', '.join(ALLOWED)}"]
    notes += [f"excluded {what}: {why}" for what, why in EXCLUDED]
    notes.append(f"{stats['blocked_fortunes']} further fortunes dropped by a word filter "
                 f"(sex, slurs, profanity); {stats['fortunes']} fortunes kept")
    return docs, notes
