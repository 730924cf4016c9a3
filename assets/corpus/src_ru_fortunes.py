"""Source (Russian): Debian `fortunes-ru`, the Russian fortune files, 25 fortunes a document.

The package is unpacked, not installed (make_corpus.sh). Every file in its ru/ folder is read
except EXCLUDED (the same classroom rules as the English fortunes) and the .dat/.u8 indexes
and links; fortunes matching BLOCKED_RE are dropped too. A fortune is kept when its text as a
whole is Russian prose (ru_text.is_russian_prose), so short one-liners of 5+ words stay.
"""

import os
import re

from corpus_lib import chunk, decode_utf8, make_doc
from ru_text import is_russian_prose
from src_fortunes import fortune_text, split_fortunes

FORTUNE_SUBDIR = "usr/share/games/fortunes/ru"
PER_DOC = 25

EXCLUDED = (
    ("sex, flirt, amur, lovers, fidelity, love_s", "sex, flirting and infidelity"),
    ("man_and_woman, b0, b2, b11, b12, b13, d1, d21, d41, e0, e12, e13",
     "jokes on women's looks and gender stereotypes"),
    ("armenian", "jokes built on a national stereotype (\"Armenian radio\")"),
    ("drink", "drinking humour"),
)

BLOCKED_RE = re.compile(
    r"\b(ху[йяеёи]|пизд|(?:за|на|от|вы|у|до|по|разъ|съ)?[её]б[аиул]|бля|сук[аи]\b|секс|"
    r"эрот|порн|проститу|шлюх|голая|голый|грудь|груди\b|оргазм|презерватив|изнасил|"
    r"самоубий|наркот|водк|жид|хохл|чурк|негр)",
    re.IGNORECASE)


def excluded_names():
    names = set()
    for what, _ in EXCLUDED:
        names.update(n.strip() for n in what.split(","))
    return names


def fortune_files(root):
    """Sorted names of the fortune text files (no .dat/.u8, no symbolic links)."""
    folder = os.path.join(root, FORTUNE_SUBDIR)
    names = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith((".dat", ".u8")) or os.path.islink(path) or not os.path.isfile(path):
            continue
        if name not in excluded_names():
            names.append(name)
    return folder, names


def read(ctx):
    folder, names = fortune_files(ctx.deb_dir("fortunes-ru"))
    docs, blocked, not_prose, kept_total = [], 0, 0, 0
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            text = decode_utf8(f.read(), path).replace("\r\n", "\n")
        kept = []
        for entry in split_fortunes(text):
            if BLOCKED_RE.search(entry):
                blocked += 1
                continue
            t = fortune_text(entry)
            if not is_russian_prose(t):
                not_prose += 1
                continue
            kept.append(t)
        kept_total += len(kept)
        for i, group in enumerate(chunk(kept, PER_DOC)):
            docs.append(make_doc("ru-fortunes", f"{name}/{i:03d}", group))
    notes = [f"{len(names)} files read"]
    notes += [f"excluded {what}: {why}" for what, why in EXCLUDED]
    notes.append(f"{blocked} fortunes dropped by a word filter (sex, slurs, profanity, drugs, "
                 f"suicide), {not_prose} as not Russian prose; {kept_total} fortunes kept")
    return docs, notes
