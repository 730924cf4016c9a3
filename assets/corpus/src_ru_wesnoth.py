"""Source (Russian): the Russian translations of Battle for Wesnoth (compiled gettext .mo files).

Each package (wesnoth-1.16-data and the campaign packages, unpacked by make_corpus.sh) holds
locale/ru/LC_MESSAGES/*.mo. We read the .mo format ourselves (parse_mo) and keep the
translations (msgstr) only: unit descriptions, help, and the campaigns' story and dialogue.
Wesnoth's markup is removed (clean_markup); a string that still holds a substitution
($variable) or that is not Russian prose (ru_text) is dropped. Strings come in the .mo's
order (sorted by the English original), 40 strings a document.
"""

import os
import re
import struct

from corpus_lib import chunk, clean_line, decode_utf8, make_doc
from ru_text import ParagraphFilter

LOCALE_SUBDIR = "usr/share/games/wesnoth/1.16/locale/ru/LC_MESSAGES"
PER_DOC = 40

_MO_MAGIC = 0x950412de


def parse_mo(data, where):
    """[(msgid, msgstr)] of a GNU .mo file, in file order; plural forms come joined by NUL.
    Raises ValueError on a malformed file."""
    if len(data) < 28:
        raise ValueError(f"{where}: too short for a .mo file")
    for order in ("<", ">"):
        magic, revision, count, ids_at, strs_at = struct.unpack_from(order + "5I", data, 0)
        if magic == _MO_MAGIC:
            break
    else:
        raise ValueError(f"{where}: not a .mo file (bad magic number)")
    if revision >> 16 > 1:
        raise ValueError(f"{where}: unknown .mo major revision {revision >> 16}")

    def string_at(table, i):
        if table + 8 * (i + 1) > len(data):
            raise ValueError(f"{where}: string table runs past the end")
        length, offset = struct.unpack_from(order + "2I", data, table + 8 * i)
        if offset + length > len(data):
            raise ValueError(f"{where}: string {i} runs past the end")
        return decode_utf8(data[offset:offset + length], f"{where} string {i}")

    return [(string_at(ids_at, i), string_at(strs_at, i)) for i in range(count)]


_TAG_RE = re.compile(r"</?[A-Za-z_][^<>]*>")
_ATTR_TEXT_RE = re.compile(r"<(?:ref|format|bold|italic|header|img|jump)>(.*?)</[a-z]+>")
_TEXT_VALUE_RE = re.compile(r"text='([^']*)'")
_ESCAPE_RE = re.compile(r"&[a-z]+;|&#\d+;")


def clean_markup(text):
    """Wesnoth help/WML markup to plain text: <ref>dst=x text='y'</ref> -> y, tags removed,
    '@' / '#' / '*' line prefixes (menu markers) removed, NFC and single spaces per line."""
    def ref_text(m):
        t = _TEXT_VALUE_RE.search(m.group(1))
        return t.group(1) if t else ""
    text = _ATTR_TEXT_RE.sub(ref_text, text)
    text = _TAG_RE.sub("", text)
    text = _ESCAPE_RE.sub(" ", text)
    lines = []
    for line in text.split("\n"):
        line = clean_line(line.lstrip("@#*•"))
        if line:
            lines.append(line)
    return "\n".join(lines)


def mo_files(root):
    folder = os.path.join(root, LOCALE_SUBDIR)
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".mo")]


def read_package(ctx, source, pkg):
    """Documents of one Wesnoth package's Russian .mo files."""
    keep = ParagraphFilter()
    docs, with_vars = [], 0
    files = mo_files(ctx.deb_dir(pkg))
    for path in files:
        with open(path, "rb") as f:
            pairs = parse_mo(f.read(), path)
        kept = []
        for msgid, msgstr in pairs:
            if not msgid or not msgstr:          # the header, or an untranslated string
                continue
            text = clean_markup(msgstr.split("\0")[0])
            if "$" in text:
                with_vars += 1
                continue
            paras = [p for p in text.split("\n\n") if keep.keep(p)]
            if paras:
                kept.append("\n\n".join(paras))
        name = os.path.basename(path)[:-3]
        for i, group in enumerate(chunk(kept, PER_DOC)):
            docs.append(make_doc(source, f"{name}/{i:03d}", group))
    notes = [f"files: {', '.join(os.path.basename(p) for p in files)}",
             keep.note("paragraphs of translated strings") +
             f"; {with_vars} strings with $substitutions dropped"]
    return docs, notes
