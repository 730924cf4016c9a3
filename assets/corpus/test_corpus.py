"""Unit tests for the corpus cleaners on small hand-made inputs (no packages needed).

Run: python3 -B assets/corpus/test_corpus.py
"""

import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus_lib as cl  # noqa: E402
import dictd  # noqa: E402
import src_austen  # noqa: E402
import src_bible  # noqa: E402
import src_brown  # noqa: E402
import src_fortunes  # noqa: E402
import src_jargon  # noqa: E402
import src_stdlib  # noqa: E402


class CommonTest(unittest.TestCase):
    def test_clean_line_collapses_whitespace_and_controls(self):
        self.assertEqual(cl.clean_line("  a\t b \u200b c\ufeff  "), "a b c")

    def test_clean_line_nfc(self):
        self.assertEqual(cl.clean_line("Cafe\u0301"), "Caf\u00e9")

    def test_reflow_joins_wrapped_prose_keeps_verse(self):
        wrapped = ["x" * 60, "continues here", "    indented verse", "-- Author"]
        self.assertEqual(cl.reflow_lines(wrapped),
                         "x" * 60 + " continues here\nindented verse\n-- Author")

    def test_reflow_short_previous_line_breaks(self):
        self.assertEqual(cl.reflow_lines(["Roses are red,", "violets are blue"]),
                         "Roses are red,\nviolets are blue")

    def test_finish_text_blank_line_between_paragraphs(self):
        self.assertEqual(cl.finish_text(["a  b", "", " c\n\n d "]), "a b\n\nc\nd")

    def test_strip_italics_leaves_identifiers(self):
        self.assertEqual(cl.strip_italics("the _Cynic's Word Book_ and BX_(x) _y_"),
                         "the Cynic's Word Book and BX_(x) y")

    def test_check_doc(self):
        self.assertIsNone(cl.check_doc(cl.Doc("s", "i", "a b\n\nc")))
        self.assertEqual(cl.check_doc(cl.Doc("s", "i", "a\n\n\nb")), "bad whitespace")
        self.assertEqual(cl.check_doc(cl.Doc("s", "i", "a  b")), "bad spacing")
        self.assertEqual(cl.check_doc(cl.Doc("s", "i", "Cafe\u0301")), "not NFC")

    def test_split_is_deterministic_and_two_percent_per_source(self):
        docs = [cl.Doc("a", f"{i:04d}", "x") for i in range(1000)]
        docs += [cl.Doc("b", f"{i:02d}", "x") for i in range(10)]
        docs += [cl.Doc("c", "only", "x")]
        val = cl.val_keys(docs)
        self.assertEqual(val, cl.val_keys(list(reversed(docs))))
        self.assertEqual(sum(k.startswith("a/") for k in val), 20)
        self.assertEqual(sum(k.startswith("b/") for k in val), 1)   # at least one
        self.assertNotIn("c/only", val)                             # a lone document trains

    def test_chunk(self):
        self.assertEqual(cl.chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]])

    def test_decode_utf8_rejects_invalid(self):
        with self.assertRaises(ValueError):
            cl.decode_utf8(b"ok \xff", "f.txt")


class BrownTest(unittest.TestCase):
    def test_detokenize(self):
        words = ["``", "Only", "a", "(", "few", ")", "''", ",", "he", "said", ";", ";"]
        self.assertEqual(src_brown.detokenize(words), '"Only a (few)", he said;')

    def test_split_token(self):
        self.assertEqual(src_brown.split_token("1/2/cd"), ("1/2", "cd"))
        self.assertEqual(src_brown.split_token("Atlanta's/np$"), ("Atlanta's", "np$"))

    def test_paragraphs_and_headlines(self):
        text = ("\n\n\tThe/at jury/nn said/vbd ./.\nIt/pps agreed/vbd ./.\n\n\n"
                "Merger/nn-hl proposed/vbn-hl\nHowever/wrb ,/, no/at ./.\n")
        self.assertEqual(src_brown.brown_paragraphs(text),
                         ["The jury said. It agreed.", "Merger proposed", "However, no."])


class BibleTest(unittest.TestCase):
    def test_strip_markup_spaces(self):
        self.assertEqual(src_bible.strip_markup("<w>God</w><w>created</w> the"), "God created the")
        self.assertEqual(src_bible.strip_markup("Yahweh<w>will</w>"), "Yahweh will")
        self.assertEqual(src_bible.strip_markup("<w>day</w>\u2019<w>s</w>"), "day\u2019s")
        self.assertEqual(src_bible.strip_markup("<w>rage</w>, and"), "rage, and")
        self.assertEqual(src_bible.strip_markup("\u00b6 And<milestone type=\"line\"/>"), "And")

    def test_parse_and_headings(self):
        text = ("Genesis 1:1: In the <w>beginning</w>.<milestone type=\"line\"/>\n"
                "A Psalm.   Psalms 3:1: <w>LORD</w>, how.\n"
                "A Psalm.   Psalms 3:2: Many.\n"
                "A Psalm.   Esther (Greek) 1:1: Text.\n"
                "(engKJV2006eb)\n")
        verses = src_bible.parse_verses(text)
        self.assertEqual([(v[0], v[1], v[2]) for v in verses],
                         [("Genesis", 1, 1), ("Psalms", 3, 1), ("Psalms", 3, 2),
                          ("Esther (Greek)", 1, 1)])
        docs = src_bible.chapter_docs("kjv", verses)
        self.assertEqual([(d.doc_id, d.text) for d in docs],
                         [("genesis/001", "In the beginning."),
                          ("psalms/003", "LORD, how.\n\nMany."),
                          ("esther-greek/001", "Text.")])


class FortunesTest(unittest.TestCase):
    def test_split_and_text(self):
        text = "First\n\tline two\n%\n%\nSecond\n\n  -- Someone\n%\n"
        entries = src_fortunes.split_fortunes(text)
        self.assertEqual(len(entries), 2)
        self.assertEqual(src_fortunes.fortune_text(entries[0]), "First\nline two")
        self.assertEqual(src_fortunes.fortune_text(entries[1]), "Second\n\n-- Someone")

    def test_offensive_section_never_listed(self):
        self.assertFalse(any("/" in n or n.startswith("off") for n in src_fortunes.ALLOWED))
        self.assertNotIn("ethnic", src_fortunes.ALLOWED)
        self.assertTrue(src_fortunes.BLOCKED_RE.search("some Sexual joke"))
        self.assertFalse(src_fortunes.BLOCKED_RE.search("Essex county"))
        self.assertTrue(src_fortunes.BLOCKED_RE.search("a virgin forest"))
        self.assertFalse(src_fortunes.BLOCKED_RE.search("-- Virginia Woolf"))


class DictdTest(unittest.TestCase):
    def test_b64_number(self):
        self.assertEqual(dictd.b64_number("A"), 0)
        self.assertEqual(dictd.b64_number("b"), 27)
        self.assertEqual(dictd.b64_number("BA"), 64)
        with self.assertRaises(ValueError):
            dictd.b64_number("!")


class JargonTest(unittest.TestCase):
    def test_keep_paragraph(self):
        self.assertFalse(src_jargon.keep_paragraph("Glossary"))
        self.assertFalse(src_jargon.keep_paragraph("alpha geek"))
        self.assertFalse(src_jargon.keep_paragraph("|__|  ||=/_|_\\=||  |__|"))
        self.assertFalse(src_jargon.keep_paragraph("\u2502Version\u2502 Date \u2502"))
        self.assertTrue(src_jargon.keep_paragraph(":chomper: n."))
        self.assertTrue(src_jargon.keep_paragraph("Someone or something that is chomping; a loser."))

    def test_entry_head_runs_into_definition(self):
        blocks = [[":chomper: n."], ["Someone that is chomping; see {loser}."]]
        self.assertEqual(src_jargon.entry_paragraphs(blocks),
                         ["chomper: n. Someone that is chomping; see loser."])

    def test_sections(self):
        lines = ["title", "Chapter\u00a01.\u00a0Intro", "text", "  A", ":a: n."]
        self.assertEqual(src_jargon.sections(lines),
                         [("front", ["title"]), ("Chapter 1. Intro", ["text"]),
                          ("lexicon/A", [":a: n."])])


class AustenStdlibTest(unittest.TestCase):
    def test_chapters_drop_front_matter(self):
        text = "TITLE\n\nby Someone\n\nCHAPTER I\n\nOne.\n\nVOLUME II\n\nChapter 2\n\nTwo.\nTHE END\n"
        chs = src_austen.chapters(text)
        self.assertEqual([[x for x in c if x] for c in chs], [["One."], ["Two."]])

    def test_json_paragraphs(self):
        self.assertEqual(src_stdlib.json_paragraphs("A  b\nc\n\n\n d "), ["A b\nc", "d"])

    def test_sotu_notes(self):
        t = "Thanks. [Applause] We [the States] agree. [laughter.] Go ...... on"
        t = src_stdlib._SOTU_RULE_RE.sub(" ", src_stdlib._SOTU_NOTE_RE.sub(" ", t))
        self.assertEqual(cl.clean_line(t), "Thanks. We [the States] agree. Go on")


if __name__ == "__main__":
    unittest.main()
