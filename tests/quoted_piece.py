"""quoted_piece.py — the CLI's quoted token pieces (`tokenize --pieces`,
`lens`) read back into bytes, and ids into bytes through a byte-level BPE
vocab.json, for the CLI test scripts. Written from the quoting rules in
core/cli/cli_text.h, not from its code."""
import json

SIMPLE = {ord('"'): 0x22, ord("\\"): 0x5C, ord("n"): 10, ord("t"): 9, ord("r"): 13,
          ord("b"): 8, ord("f"): 12}


def unquote(piece):
    """b'"a\\x..."' -> the bytes it stands for; raises on a malformed piece."""
    assert len(piece) >= 2 and piece[:1] == b'"' and piece[-1:] == b'"', piece
    s, i, out = piece[1:-1], 0, b""
    while i < len(s):
        if s[i] != 0x5C:
            assert s[i] >= 0x20 and s[i] != 0x22, "unescaped control or quote"
            out += s[i:i + 1]
            i += 1
        elif s[i + 1] in SIMPLE:
            out += bytes([SIMPLE[s[i + 1]]])
            i += 2
        elif s[i + 1] == ord("u"):
            out += chr(int(s[i + 2:i + 6], 16)).encode()
            i += 6
        elif s[i + 1] == ord("x"):
            out += bytes([int(s[i + 2:i + 4], 16)])
            i += 4
        else:
            raise ValueError("bad escape in %r" % piece)
    return out


def byte_to_unicode():
    """GPT-2's printable stand-in for each byte."""
    order = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    extra = [b for b in range(256) if b not in order]
    chars = [chr(b) for b in order] + [chr(256 + n) for n in range(len(extra))]
    return dict(zip(order + extra, chars))


def id_to_bytes(vocab_path):
    """A function: a token id -> its bytes (b"" for an id vocab.json lacks,
    as the CLI prints it; special tokens as their text)."""
    vocab = json.load(open(vocab_path, encoding="utf-8"))
    back = {c: b for b, c in byte_to_unicode().items()}
    table = {}
    for text, ident in vocab.items():
        if all(ch in back for ch in text):
            table[ident] = bytes(back[ch] for ch in text)
        else:
            table[ident] = text.encode("utf-8")
    return lambda ident: table.get(ident, b"")
