"""Reader for dictd databases (NAME.index + NAME.dict.dz): entries in file order.

The index holds "headword<TAB>offset<TAB>length" with offset/length in dictd's base64
digits; .dict.dz is gzip-compatible. Several headwords may point at one entry, so entries
are deduplicated by offset. Headwords starting with "00database" are dictd metadata.
"""

import gzip

from corpus_lib import decode_utf8

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64_number(s):
    n = 0
    for ch in s:
        v = _B64.find(ch)
        if v < 0:
            raise ValueError(f"bad dictd base64 digit {ch!r}")
        n = n * 64 + v
    return n


def read_entries(index_path, dict_path, keep_meta=False, invalid=None):
    """Return [(offset, headword, text)] sorted by offset; metadata only if keep_meta.

    An entry that is not valid UTF-8 raises ValueError, or, when `invalid` is a list, is
    skipped and its headword appended to that list.
    """
    with gzip.open(dict_path, "rb") as f:
        data = f.read()
    with open(index_path, "rb") as f:
        index = decode_utf8(f.read(), index_path)
    seen = {}
    for lineno, line in enumerate(index.split("\n"), 1):
        if not line:
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ValueError(f"{index_path}:{lineno}: expected 3 tab-separated fields")
        word, off, size = parts[0], b64_number(parts[1]), b64_number(parts[2])
        if word.startswith("00database") and not keep_meta:
            continue
        if off + size > len(data):
            raise ValueError(f"{index_path}:{lineno}: entry runs past the end of {dict_path}")
        if off not in seen:
            seen[off] = (word, data[off:off + size])
    result = []
    for off, (word, raw) in sorted(seen.items()):
        try:
            result.append((off, word, decode_utf8(raw, f"{dict_path}@{off}")))
        except ValueError:
            if invalid is None:
                raise
            invalid.append(word)
    return result

