"""patch_model.py — set F32 tensors of a model.safetensors to fixed values,
in place, for the CLI test scripts that need a model whose output they know
(a final norm with gain 0 and bias 1 makes every hidden state all ones, so
the logits are the row sums of wte).

usage: python3 patch_model.py FILE EDIT...
  NAME=VALUE       every element of tensor NAME
  NAME[ROW]=VALUE  every element of row ROW (its first axis) of NAME
Edits apply in order, so a later one overrides an earlier one. Written from
the safetensors format (an 8-byte little-endian header length, a JSON
header, then the data), not from core's code."""
import json
import math
import re
import struct
import sys

EDIT = re.compile(r"^([^=\[\]]+)(?:\[(\d+)\])?=(.+)$")


def patch(path, edits):
    data = bytearray(open(path, "rb").read())
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    for edit in edits:
        match = EDIT.match(edit)
        assert match, "not NAME=VALUE or NAME[ROW]=VALUE: " + edit
        name, row, value = match.group(1), match.group(2), float(match.group(3))
        t = header[name]
        assert t["dtype"] == "F32", name + " is not F32"
        begin, end = t["data_offsets"]
        count = (end - begin) // 4
        first = 0
        if row is not None:
            row_length = math.prod(t["shape"][1:])
            assert int(row) < t["shape"][0], edit + ": no such row"
            first, count = int(row) * row_length, row_length
        struct.pack_into("<%df" % count, data, 8 + n + begin + 4 * first, *([value] * count))
    open(path, "wb").write(data)


if __name__ == "__main__":
    assert len(sys.argv) >= 3, "usage: patch_model.py FILE EDIT..."
    patch(sys.argv[1], sys.argv[2:])
