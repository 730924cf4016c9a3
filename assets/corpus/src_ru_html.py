"""Source (Russian): manuals shipped as HTML or Mallard XML pages (GIMP, LibreOffice, GNOME, the
Debian handbook and guides, ...), text taken by our own tag stripper.

html_paragraphs walks a page with Python's html.parser: text inside block elements (p, li,
td, headings, Mallard's p/title/item...) becomes one paragraph per block; script, style,
head, pre and code listings are skipped. Only paragraphs that are Russian prose are kept
(ru_text), exact repeats within a package (navigation, footers) are dropped, and the pages
of a package, in sorted path order, are grouped into documents of about 500 words.
"""

import html.parser
import os
import re

from corpus_lib import clean_line, decode_utf8
from ru_text import ParagraphFilter, group_pieces

BLOCK_TAGS = frozenset((
    "p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "caption", "figcaption", "div", "section", "article", "table", "tr", "ul", "ol", "dl",
    "br", "hr", "title", "desc", "item", "note", "tr", "body",
))
SKIP_TAGS = frozenset(("script", "style", "head", "pre", "screen", "synopsis",
                       "programlisting", "code", "noscript", "svg", "math"))
# Void elements never get an end tag, so they must not open a skipped region.
VOID_TAGS = frozenset(("br", "hr", "img", "meta", "link", "input", "col", "area", "base",
                       "wbr"))


class _TextCollector(html.parser.HTMLParser):
    """Collects block-level text paragraphs, skipping SKIP_TAGS subtrees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.current = []
        self.skip_depth = 0

    def flush(self):
        text = clean_line(" ".join(self.current))
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS and not self.skip_depth:
                self.flush()
            return
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        elif tag in BLOCK_TAGS and not self.skip_depth:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS and not self.skip_depth:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK_TAGS and not self.skip_depth:
            self.flush()

    def handle_data(self, data):
        if not self.skip_depth:
            self.current.append(data)


# An inline tag next to punctuation leaves a space before it ("выберите Правка ."); Russian
# (like English) never puts one there, nor after an opening bracket or quote.
_SPACE_BEFORE_RE = re.compile(r" ([.,;:!?)\]»])")
_SPACE_AFTER_RE = re.compile(r"([(\[«]) ")


def tidy_spacing(paragraph):
    return _SPACE_AFTER_RE.sub(r"\1", _SPACE_BEFORE_RE.sub(r"\1", paragraph))


def html_paragraphs(text):
    """Block-level text paragraphs of an HTML or XML page, in document order."""
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    collector.flush()
    return [tidy_spacing(p) for p in collector.paragraphs]


def page_files(root, subdirs, suffixes):
    """Sorted paths (relative to root) of the pages under the given subfolders; symbolic
    links are skipped (an unpacked package's absolute links point outside it)."""
    found = []
    for sub in subdirs:
        top = os.path.join(root, sub)
        for folder, dirs, files in os.walk(top):
            dirs.sort()
            for name in files:
                full = os.path.join(folder, name)
                if name.endswith(suffixes) and not os.path.islink(full):
                    found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def read_pages(ctx, source, pkg, subdirs, suffixes=(".html", ".htm", ".xhtml", ".page")):
    """Documents of one package's pages (see the module comment)."""
    root = ctx.deb_dir(pkg)
    paths = page_files(root, subdirs, suffixes)
    if not paths:
        raise ValueError(f"{pkg}: no pages under {', '.join(subdirs)}")
    keep = ParagraphFilter()
    pieces = []
    for rel in paths:
        with open(os.path.join(root, rel), "rb") as f:
            text = decode_utf8(f.read(), rel)
        pieces.append((rel, [p for p in html_paragraphs(text) if keep.keep(p)]))
    docs = group_pieces(source, pieces)
    return docs, [f"{len(paths)} pages under {', '.join(subdirs)}", keep.note("paragraphs")]
