"""Source (Russian): Debian `manpages-ru`, the Russian manual pages, with our own roff stripper.

roff_paragraphs turns a page's man(7) source into paragraphs: requests that break a paragraph
(.PP, .TP, .SH, ...) end one, font macros (.B, .IR, ...) keep their words, other requests and
comments are dropped, no-fill regions (.nf ... .fi, .EX ... .EE: code and synopses) are
skipped, and the common escapes (\\fB, \\-, \\(em, ...) become plain characters. Paragraphs
that are not Russian prose (ru_text) are dropped; pages are grouped into ~500-word documents.
"""

import gzip
import os
import re

from corpus_lib import clean_line, decode_utf8
from ru_text import ParagraphFilter, group_pieces

MAN_SUBDIR = "usr/share/man/ru"

BREAK_REQUESTS = frozenset(("PP", "P", "LP", "TP", "IP", "HP", "SH", "SS", "sp", "br", "RS",
                            "RE", "TQ", "UR", "UE", "MT", "ME", "in", "ti", "TH", "SY", "YS"))
FONT_MACROS = frozenset(("B", "I", "SM", "SB"))                     # arguments joined by spaces
ALTERNATING_MACROS = frozenset(("BI", "BR", "IB", "IR", "RB", "RI"))  # arguments run together
NOFILL_START = frozenset(("nf", "EX"))
NOFILL_END = frozenset(("fi", "EE"))

_NAMED_CHARS = {
    "em": "\u2014", "en": "\u2013", "lq": "\u201c", "rq": "\u201d", "aq": "'", "dq": "\"",
    "co": "\u00a9", "rg": "\u00ae", "bu": "\u2022", "hy": "-", "mi": "-", "ti": "~",
    "<<": "\u00ab", ">>": "\u00bb", "Fo": "\u00ab", "Fc": "\u00bb", "oq": "\u2018",
    "cq": "\u2019", "ha": "^", "rs": "\\", "at": "@", "sh": "#", "pl": "+", "eq": "=",
    "mu": "\u00d7", "de": "\u00b0", "->": "\u2192", "<-": "\u2190", "ga": "`",
}
_ESCAPE_RE = re.compile(
    r"\\(?:f(?:\[[^\]]*\]|\(..|.)"          # font changes
    r"|\((..)"                                # \(xx named character
    r"|\[([^\]]*)\]"                          # \[name] named character
    r"|\*(?:\(..|\[[^\]]*\]|.)"               # strings (\*(lq ...)
    r"|s[-+]?\d+"                             # size changes
    r"|[&c%:|^)]"                             # zero-width and break-control escapes
    r"|[-e~ 0]"                               # printable: minus, backslash, spaces
    r"|.)")


def _escape(m):
    whole = m.group(0)
    name = m.group(1) or m.group(2)
    if name is not None:
        return _NAMED_CHARS.get(name, "")
    if whole in ("\\-",):
        return "-"
    if whole == "\\e":
        return "\\"
    if whole in ("\\~", "\\ ", "\\0"):
        return " "
    if whole.startswith("\\*"):
        key = whole[3:5] if whole.startswith("\\*(") else whole[3:-1] if whole.startswith("\\*[") else ""
        return _NAMED_CHARS.get(key, "")
    return ""


def unescape(line):
    return _ESCAPE_RE.sub(_escape, line)


def macro_args(rest):
    """Arguments of a font macro: words, with "double quoted" groups kept together."""
    return [a.replace('"', "") for a in re.findall(r'"[^"]*"|\S+', rest)]


def roff_paragraphs(text):
    """Paragraphs of running text in a man(7) page (see the module comment)."""
    paras, cur, nofill = [], [], False

    def flush():
        t = clean_line(" ".join(cur))
        if t:
            paras.append(t)
        cur.clear()

    for line in text.split("\n"):
        if line.startswith((".", "'")):
            request, _, rest = line[1:].strip().partition(" ")
            request = request.strip()
            if request.startswith('\\"') or not request:
                continue                                      # a comment
            if request in NOFILL_START:
                flush()
                nofill = True
            elif request in NOFILL_END:
                nofill = False
            elif nofill:
                continue
            elif request in BREAK_REQUESTS:
                flush()
            elif request in FONT_MACROS:
                cur.append(unescape(" ".join(macro_args(rest))))
            elif request in ALTERNATING_MACROS:
                cur.append(unescape("".join(macro_args(rest))))
            continue
        if nofill:
            continue
        if not line.strip():
            flush()
            continue
        cur.append(unescape(line))
    flush()
    return paras


def read(ctx):
    root = ctx.deb_dir("manpages-ru")
    folder = os.path.join(root, MAN_SUBDIR)
    paths = []
    for sub, dirs, files in os.walk(folder):
        dirs.sort()
        paths += [os.path.join(sub, n) for n in files
                  if n.endswith(".gz") and not os.path.islink(os.path.join(sub, n))]
    paths.sort()
    keep = ParagraphFilter()
    pieces = []
    for path in paths:
        with gzip.open(path, "rb") as f:
            text = decode_utf8(f.read(), path)
        rel = os.path.relpath(path, folder)
        pieces.append((rel, [p for p in roff_paragraphs(text) if keep.keep(p)]))
    return group_pieces("ru-man", pieces), [f"{len(paths)} pages", keep.note("paragraphs")]
