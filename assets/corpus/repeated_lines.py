"""Drop boilerplate lines: a line that occurs more than MAX_LINE_REPEATS times in one source.

Some sources repeat one line thousands of times across their documents: fortunes-ru signs
3,591 of its fortunes "-- Евгений Кащеев". A model trained on that learns the signature as
the likeliest thing after any sentence, and at temperature 0 prints it over and over. The
rule counts every line (stripped) over all documents of one source and removes each copy of
a line that occurs more than MAX_LINE_REPEATS times; a paragraph left empty disappears.

The threshold is set above the most repeated real prose line of the sources we use (the
Bibles' "And the LORD spake unto Moses, saying," and "Yahweh spoke to Moses, saying,",
71 times each) so that verse, dialogue and sentences are untouched.
"""

from collections import Counter

from corpus_lib import Doc, finish_text

MAX_LINE_REPEATS = 100


def line_counts(docs):
    """Counter of the stripped non-empty lines over the texts of docs."""
    counts = Counter()
    for d in docs:
        counts.update(s for s in (line.strip() for line in d.text.split("\n")) if s)
    return counts


def _without_lines(text, banned):
    paragraphs = []
    for para in text.split("\n\n"):
        paragraphs.append("\n".join(x for x in para.split("\n") if x.strip() not in banned))
    return finish_text(paragraphs)


def drop_repeated_lines(docs, max_repeats=MAX_LINE_REPEATS):
    """Remove from docs (all of one source) every copy of each line occurring more than
    max_repeats times among them. Returns (new docs in the same order, {line: copies
    dropped}); documents left empty are kept empty (the tiny-document rule drops them)."""
    banned = {line: n for line, n in line_counts(docs).items() if n > max_repeats}
    if not banned:
        return list(docs), {}
    kept = [Doc(d.source, d.doc_id, _without_lines(d.text, banned)) for d in docs]
    return kept, banned


def note(dropped, max_repeats=MAX_LINE_REPEATS):
    """One line for CORPUS.md: how many copies of which lines were dropped."""
    if not dropped:
        return None
    shown = ", ".join(f"\"{line}\" ×{n}" for line, n in
                      sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"{sum(dropped.values())} copies of {len(dropped)} boilerplate lines dropped "
            f"(a line occurring more than {max_repeats} times in this source): {shown}")
