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
import src_ru_fortunes  # noqa: E402
import src_ru_html  # noqa: E402
import src_ru_man  # noqa: E402
import src_ru_wesnoth  # noqa: E402
import src_stdlib  # noqa: E402
import repeated_lines  # noqa: E402
import ru_text  # noqa: E402


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


class RussianTextTest(unittest.TestCase):
    def test_cyrillic_words(self):
        for w in ("король", "«Король,", "кто-то", "(ёж)", "Привет!"):
            self.assertTrue(ru_text.is_cyrillic_word(w), w)
        for w in ("king", "GIMP", "Linux-ядро", "a2", "xа"):
            self.assertFalse(ru_text.is_cyrillic_word(w), w)

    def test_share_counts_lettered_words_only(self):
        # 3 Cyrillic words, 1 Latin word; "42" and "—" have no letters and do not count.
        self.assertAlmostEqual(ru_text.cyrillic_share("Откройте меню GIMP и 42 —"), 0.75)
        self.assertEqual(ru_text.cyrillic_share("123 --"), 0.0)

    def test_prose_rule(self):
        self.assertTrue(ru_text.is_russian_prose("Король сказал королеве, что уходит."))
        self.assertFalse(ru_text.is_russian_prose("Король сказал королеве."))      # 3 words
        self.assertFalse(ru_text.is_russian_prose("Run make install then reboot, сказал он"))

    def test_filter_drops_repeats_and_counts(self):
        keep = ru_text.ParagraphFilter()
        p = "Это предложение повторяется на каждой странице руководства."
        self.assertEqual([keep.keep(x) for x in (p, "Next page", p)], [True, False, False])
        self.assertEqual((keep.kept, keep.not_prose, keep.repeats), (1, 1, 1))

    def test_group_pieces(self):
        five = "один два три четыре пять"
        pieces = [("a", [five]), ("b", []), ("c", [five, five]), ("d", [five])]
        docs = ru_text.group_pieces("s", pieces, doc_words=10)
        self.assertEqual([(d.doc_id, d.words()) for d in docs], [("a", 15), ("d", 5)])
        self.assertEqual(docs[0].text, "\n\n".join([five] * 3))

    def test_adding_a_language_keeps_the_english_split(self):
        en = [cl.Doc("en", f"{i:03d}", "x") for i in range(300)]
        ru = [cl.Doc("ru-a", f"{i:03d}", "x") for i in range(200)]
        both = cl.val_keys(en + ru)
        self.assertEqual({k for k in both if k.startswith("en/")}, cl.val_keys(en))
        self.assertEqual(len(both - cl.val_keys(en)), 4)


class RussianHtmlTest(unittest.TestCase):
    def test_blocks_skips_and_spacing(self):
        page = ("<html><head><title>Заголовок</title><script>var x = 1;</script></head><body>"
                "<h1>Глава</h1><p>Выберите <b>Правка</b> . Затем (<i>по желанию</i> ) ещё"
                "<br>новая строка</p><pre>make &amp;&amp; make install</pre>"
                "<ul><li>один &laquo;два&raquo;</li><li>три</li></ul></body></html>")
        self.assertEqual(src_ru_html.html_paragraphs(page),
                         ["Глава", "Выберите Правка. Затем (по желанию) ещё", "новая строка",
                          "один «два»", "три"])

    def test_mallard_page(self):
        page = ("<?xml version=\"1.0\"?><page xmlns=\"http://projectmallard.org/1.0/\">"
                "<info><desc>Краткое описание</desc></info><title>Сеть</title>"
                "<p>Нажмите <gui>Сеть</gui>.</p><code>ip a</code><item><p>Пункт</p></item></page>")
        self.assertEqual(src_ru_html.html_paragraphs(page),
                         ["Краткое описание", "Сеть", "Нажмите Сеть.", "Пункт"])


class RussianManTest(unittest.TestCase):
    def test_roff(self):
        page = "\n".join([
            '.\\" комментарий', '.TH LS 1 "2023" "GNU"', ".SH ИМЯ", "ls \\- выводит список",
            ".SH ОПИСАНИЕ", "Команда \\fBls\\fP выводит", "файлы\\(em все.", ".PP",
            '.B "полужирный текст"', "и \\(lqкавычки\\(rq\\&.", ".nf", "ls \\-l", ".fi",
            "после\\ примера", ".BR ls (1)", ""])
        self.assertEqual(src_ru_man.roff_paragraphs(page), [
            "ls - выводит список", "Команда ls выводит файлы\u2014 все.",
            "полужирный текст и \u201cкавычки\u201d.", "после примера ls(1)"])


def make_mo(pairs):
    """A little-endian GNU .mo file built from the format's description (independent of
    the parser): header, original-string table, translation table, then the strings."""
    import struct
    n = len(pairs)
    ids_at, strs_at = 28, 28 + 8 * n
    data_at = strs_at + 8 * n
    blob, ids, strs = b"", [], []
    for table, index in ((ids, 0), (strs, 1)):
        for p in pairs:
            raw = p[index].encode("utf-8")
            table.append((len(raw), data_at + len(blob)))
            blob += raw + b"\0"
    head = struct.pack("<5I", 0x950412de, 0, n, ids_at, strs_at) + struct.pack("<2I", 0, 0)
    tables = b"".join(struct.pack("<2I", *e) for e in ids + strs)
    return head + tables + blob


class RussianWesnothTest(unittest.TestCase):
    def test_parse_mo(self):
        pairs = [("", "Content-Type: text/plain; charset=UTF-8\n"), ("King", "Король"),
                 ("ctx\x04Queen", "Королева")]
        self.assertEqual(src_ru_wesnoth.parse_mo(make_mo(pairs), "t.mo"), pairs)

    def test_parse_mo_rejects_damage(self):
        good = make_mo([("a", "б")])
        with self.assertRaises(ValueError):
            src_ru_wesnoth.parse_mo(b"\0" * 40, "t.mo")                 # bad magic
        with self.assertRaises(ValueError):
            src_ru_wesnoth.parse_mo(good[:-4], "t.mo")                   # cut short
        with self.assertRaises(ValueError):
            src_ru_wesnoth.parse_mo(good[:20], "t.mo")                   # no header

    def test_clean_markup(self):
        text = ("<header>text='Рельеф'</header>\n@Пункт меню\nСмотри <ref>dst=terrain "
                "text='рельеф местности'</ref> и <b>жирный</b> текст &amp; всё")
        self.assertEqual(src_ru_wesnoth.clean_markup(text),
                         "Рельеф\nПункт меню\nСмотри рельеф местности и жирный текст всё")


class RussianFortunesTest(unittest.TestCase):
    def test_word_filter(self):
        for bad in ("Сука!", "секс и город", "заебали все", "пьёт водку"):
            self.assertTrue(src_ru_fortunes.BLOCKED_RE.search(bad), bad)
        for ok in ("хлебу и учёбу", "ожидать", "барсука", "хуже некуда", "небо"):
            self.assertFalse(src_ru_fortunes.BLOCKED_RE.search(ok), ok)

    def test_excluded_files_are_not_read(self):
        import tempfile
        with tempfile.TemporaryDirectory() as root:
            folder = os.path.join(root, src_ru_fortunes.FORTUNE_SUBDIR)
            os.makedirs(folder)
            for name in ("life", "life.dat", "sex", "armenian", "work"):
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write("x\n%\n")
            os.symlink("life", os.path.join(folder, "life.u8"))
            os.symlink("work", os.path.join(folder, "job"))
            self.assertEqual(src_ru_fortunes.fortune_files(root)[1], ["life", "work"])


class RussianPartTest(unittest.TestCase):
    """build_corpus's Russian table on a fake CACHE/deb with two unpacked packages: the
    versions and licences are read from them, absent packages are skipped with a reason,
    and writing the split twice gives the same bytes."""

    def make_cache(self, root):
        def put(pkg, rel, data, version="1.0-1"):
            path = os.path.join(root, "deb", pkg, "root", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
            with open(os.path.join(root, "deb", pkg, "VERSION"), "w", encoding="utf-8") as f:
                f.write(version + "\n")
        line = "Старый король долго смотрел на тёмную реку %d."
        fortunes = "\n%\n".join(line % i for i in range(55)) + "\n"
        put("fortunes-ru", src_ru_fortunes.FORTUNE_SUBDIR + "/life", fortunes.encode("utf-8"))
        put("fortunes-ru", "usr/share/doc/fortunes-ru/copyright", b"License: GPL-2\n")
        pairs = [("", "header")] + [(f"id{i:03d}", (line % i) + " Королева ответила ему.")
                                    for i in range(45)]
        put("wesnoth-1.16-httt", src_ru_wesnoth.LOCALE_SUBDIR + "/wesnoth-httt.mo",
            make_mo(pairs), version="1:1.16.9-1")
        put("wesnoth-1.16-httt", "usr/share/doc/wesnoth-1.16-httt/copyright",
            b"it under the terms of the GNU General Public License version 2\n",
            version="1:1.16.9-1")

    def test_fake_packages(self):
        import tempfile
        import build_corpus
        import packages
        with tempfile.TemporaryDirectory() as root:
            self.make_cache(root)
            ctx = packages.Context(root, [])
            docs, infos = build_corpus.read_sources(ctx, build_corpus.russian_sources())
            by_name = {i["name"]: i for i in infos}
            self.assertEqual(by_name["ru-fortunes"]["status"], "ok")
            self.assertEqual(by_name["ru-fortunes"]["version"], "1.0-1")
            self.assertTrue(by_name["ru-fortunes"]["licence_check"].startswith("verified"))
            self.assertEqual(by_name["ru-wesnoth-httt"]["version"], "1:1.16.9-1")
            self.assertTrue(by_name["ru-wesnoth-httt"]["licence_check"].startswith("verified"))
            self.assertTrue(by_name["ru-man"]["status"].startswith("skipped"))
            # 55 fortunes of 8 words: 25 + 25 + 5 (40 words < 50: dropped); 45 strings: 40 + 5.
            self.assertEqual(sorted(d.key() for d in docs),
                             ["ru-fortunes/life/000", "ru-fortunes/life/001",
                              "ru-wesnoth-httt/wesnoth-httt/000",
                              "ru-wesnoth-httt/wesnoth-httt/001"])
            outputs = []
            for run in ("a", "b"):
                out = os.path.join(root, run)
                build_corpus.write_split_files(list(reversed(docs)) if run == "b" else docs, out)
                outputs.append([open(os.path.join(out, n), "rb").read()
                                for n in ("train.txt", "val.txt", "documents.tsv")])
            self.assertEqual(outputs[0], outputs[1])


class RepeatedLinesTest(unittest.TestCase):
    """A line occurring more than MAX_LINE_REPEATS times in one source is boilerplate."""

    SIGNATURE = "-- Евгений Кащеев"

    def test_limit_is_a_strict_more_than(self):
        self.assertEqual(repeated_lines.MAX_LINE_REPEATS, 100)
        limit = repeated_lines.MAX_LINE_REPEATS
        # limit + 1 fortunes signed SIGNATURE, the first `limit` of them also "-- Толстой",
        # 5 documents a piece; the last document's last fortune is the signature alone.
        docs = []
        for start in range(0, limit + 1, 5):
            paras = []
            for i in range(start, min(start + 5, limit + 1)):
                lines = [f"Фраза номер {i}.", self.SIGNATURE]
                if i < limit:
                    lines.insert(1, "-- Толстой")
                paras.append("\n".join(lines))
            docs.append(cl.Doc("ru-fortunes", f"{start:03d}", "\n\n".join(paras)))
        docs.append(cl.Doc("ru-fortunes", "last", "Один.\n\n  " + self.SIGNATURE + "  \n\nДва."))
        kept, dropped = repeated_lines.drop_repeated_lines(docs)
        self.assertEqual(dropped, {self.SIGNATURE: limit + 2})
        self.assertEqual([d.key() for d in kept], [d.key() for d in docs])
        self.assertEqual(kept[0].text, "\n\n".join(f"Фраза номер {i}.\n-- Толстой"
                                                     for i in range(5)))
        self.assertEqual(kept[-2].text, "Фраза номер 100.")
        self.assertEqual(kept[-1].text, "Один.\n\nДва.")        # the emptied paragraph is gone
        self.assertFalse(any(self.SIGNATURE in d.text for d in kept))
        self.assertEqual(sum(d.text.count("-- Толстой") for d in kept), limit)
        for d in kept:
            self.assertIsNone(cl.check_doc(d), d.key())

    def test_nothing_repeated_enough(self):
        docs = [cl.Doc("kjv", str(i), "And the LORD spake unto Moses, saying,\nVerse %d." % i)
                for i in range(71)]
        kept, dropped = repeated_lines.drop_repeated_lines(docs)
        self.assertEqual(dropped, {})
        self.assertEqual([d.text for d in kept], [d.text for d in docs])
        self.assertIsNone(repeated_lines.note(dropped))

    def test_note(self):
        self.assertEqual(repeated_lines.note({"-- A": 150, "-- B": 300}),
                         "450 copies of 2 boilerplate lines dropped (a line occurring more than "
                         "100 times in this source): \"-- B\" ×300, \"-- A\" ×150")

    def test_build_corpus_drops_a_fortune_signature(self):
        """Through build_corpus.read_sources on a fake fortunes-ru: 120 signed fortunes."""
        import tempfile
        import build_corpus
        import packages
        with tempfile.TemporaryDirectory() as root:
            folder = os.path.join(root, "deb", "fortunes-ru", "root",
                                  src_ru_fortunes.FORTUNE_SUBDIR)
            os.makedirs(folder)
            with open(os.path.join(root, "deb", "fortunes-ru", "VERSION"), "w") as f:
                f.write("1.0-1\n")
            entries = [f"Старый король долго смотрел на тёмную реку {i}.\n"
                       f"\t\t{self.SIGNATURE}" for i in range(120)]
            with open(os.path.join(folder, "life"), "w", encoding="utf-8") as f:
                f.write("\n%\n".join(entries) + "\n")
            table = [t for t in build_corpus.russian_sources() if t[0] == "ru-fortunes"]
            docs, infos = build_corpus.read_sources(packages.Context(root, []), table)
            self.assertEqual(len(docs), 5)               # 120 fortunes of 8 words, 25 a document
            self.assertFalse(any(self.SIGNATURE in d.text for d in docs))
            self.assertEqual(sum(d.text.count("Старый король") for d in docs), 120)
            self.assertIn("120 copies of 1 boilerplate lines dropped", "\n".join(infos[0]["notes"]))


if __name__ == "__main__":
    unittest.main()
