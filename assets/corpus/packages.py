"""Package facts for the corpus record: Debian versions (installed or unpacked), unpacked npm
packages, licence checks."""

import gzip
import json
import os
import subprocess

from corpus_lib import decode_utf8


def deb_version(pkg):
    """Installed version of a Debian package, or None when it is not installed."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}\t${Version}", pkg],
                             capture_output=True, check=False).stdout.decode("utf-8", "replace")
    except OSError:
        return None
    status, _, version = out.partition("\t")
    return version if status.endswith(" installed") and version else None


def read_text(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return decode_utf8(f.read(), path)


class Context:
    """Where the inputs are: unpacked npm package folders, CACHE/extract/ (exports) and
    CACHE/deb/PKG/ (Debian packages unpacked, not installed: root/ holds the files, VERSION
    the version make_corpus.sh pinned and checked)."""

    def __init__(self, cache_dir, npm_dirs):
        self.cache_dir = cache_dir
        self.extract_dir = os.path.join(cache_dir, "extract")
        self.unpacked_dir = os.path.join(cache_dir, "deb")
        self.npm = {}
        for d in npm_dirs:
            pj = os.path.join(d, "package.json")
            if os.path.isfile(pj):
                meta = json.loads(read_text(pj))
                self.npm[meta["name"]] = (meta, d)

    def deb_dir(self, pkg):
        """Root folder of an unpacked Debian package; ValueError when it was not unpacked."""
        root = os.path.join(self.unpacked_dir, pkg, "root")
        if self.unpacked_version(pkg) is None or not os.path.isdir(root):
            raise ValueError(f"Debian package {pkg} was not unpacked (apt-get download failed?)")
        return root

    def unpacked_version(self, pkg):
        try:
            with open(os.path.join(self.unpacked_dir, pkg, "VERSION"), "rb") as f:
                version = decode_utf8(f.read(), pkg + "/VERSION").strip()
        except OSError:
            return None
        return version or None

    def npm_dir(self, name):
        if name not in self.npm:
            raise ValueError(f"npm package {name} was not unpacked (npm pack failed?)")
        return self.npm[name][1]

    def npm_version(self, name):
        return self.npm[name][0].get("version") if name in self.npm else None

    def npm_licence(self, name):
        return self.npm[name][0].get("license") if name in self.npm else None


def licence_check(ctx, kind, pkg, evidence):
    """Look for the quoted licence text in the package's own files; returns a short verdict."""
    rel, needle = evidence
    if kind == "npm":
        path = os.path.join(ctx.npm_dir(pkg), rel)
        field = f"npm license field: \"{ctx.npm_licence(pkg)}\"; "
    elif kind == "deb-unpacked":
        # rel is "/usr/share/doc/..." inside the package, or "OTHER-PKG:/usr/..." when the
        # statement ships in a sibling package (gimp-help-ru's is in gimp-help-common).
        owner, sep, inside = rel.partition(":")
        owner, inside = (owner, inside) if sep else (pkg, rel)
        path = os.path.join(ctx.unpacked_dir, owner, "root", inside.lstrip("/"))
        field = ""
        rel = (owner + ":" if sep else "") + inside
    else:
        path, field = rel, ""
    try:
        found = needle in read_text(path)
    except (OSError, ValueError) as e:
        return f"{field}NOT VERIFIED ({e})"
    shown = {"deb": path, "deb-unpacked": rel}.get(kind, f"{pkg}/{rel}")
    if found:
        return f"{field}verified: \"{needle}\" in {shown}"
    return f"{field}NOT VERIFIED: \"{needle}\" not found in {shown}"
