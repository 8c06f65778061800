from __future__ import annotations

import gzip
import json
import re
import unittest
from collections import Counter
from pathlib import Path

from django.test import SimpleTestCase

from archive.ingest.errors import IngestError
from archive.ingest.html import looks_like_html, parse_html
from archive.ingest.sanitize import render_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "html"

# Made-up story text: enough words for trafilatura to see an article.
STORY = (
    "<p>The town council voted on Tuesday evening to repair the old river bridge, "
    "ending a debate that had divided residents for most of the year.</p>"
    "<p>Supporters said the repairs would keep the market road open for farmers, "
    "while critics argued that the money should go to the primary school instead.</p>"
    "<p>Work is expected to start in the spring and to last about four months, "
    "according to the engineer who presented the plan to the council.</p>"
)


def make_page(head: str = "", article: str = STORY, lang: str = "") -> str:
    """Return a whole page with navigation, an article and a footer."""
    lang_attribute = f' lang="{lang}"' if lang else ""
    return (
        f"<!DOCTYPE html><html{lang_attribute}><head><meta charset='utf-8'>{head}</head><body>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
        f"<article>{article}</article>"
        '<footer><p>Copyright Example Media. <a href="/privacy">Privacy</a></p></footer>'
        "</body></html>"
    )


class LooksLikeHtmlTests(SimpleTestCase):
    def test_it_accepts_documents_and_fragments(self):
        for text in (
            "<!DOCTYPE html>\n<html><body><p>x</p></body></html>",
            "\ufeff<html lang='en'><head><title>x</title></head></html>",
            "<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>",
            "  <p>A paragraph</p><p>and another</p>",
            "<DIV class='story'>Upper case</DIV>",
        ):
            with self.subTest(text=text):
                self.assertTrue(looks_like_html(text))

    def test_it_rejects_plain_text_with_angle_brackets(self):
        for text in (
            "Turnout was < 40% in the city and > 60% in the villages.",
            "Dear <reader>, the results are in.",
            "I <3 this town",
            "Plain headline\n\nA story that later quotes <p>markup</p> in passing.",
            "",
        ):
            with self.subTest(text=text):
                self.assertFalse(looks_like_html(text))


class ParseHtmlBodyTests(SimpleTestCase):
    def test_it_separates_paragraphs_with_a_blank_line(self):
        page = parse_html(make_page())

        self.assertEqual(len(page.body_text.split("\n\n")), 3)
        self.assertTrue(page.body_text.startswith("The town council voted"))

    def test_it_derives_body_text_from_body_html(self):
        page = parse_html(make_page(article="<h2>Costs</h2>" + STORY + "<ul><li>Stone</li><li>Steel</li></ul>"))

        self.assertEqual(page.body_text, render_text(page.body_html))

    def test_it_leaves_out_navigation_and_footer(self):
        page = parse_html(make_page())

        self.assertNotIn("Home", page.body_text)
        self.assertNotIn("Copyright", page.body_text)

    def test_it_leaves_out_related_links(self):
        related = (
            '<ul><li><a href="/a">Mayor opens new library</a></li>'
            '<li><a href="/b">Floods close the valley road</a></li></ul>'
        )

        page = parse_html(make_page(article=STORY + related))

        self.assertNotIn("library", page.body_text)

    def test_it_removes_scripts_handlers_and_javascript_links_from_body_html(self):
        article = (
            '<p onclick="steal()" style="color: red">The town council voted on Tuesday evening to repair the '
            'old river bridge, <a href="javascript:alert(1)">ending</a> a debate that had divided residents.</p>'
            "<script>document.write('injected')</script><style>p { display: none }</style>" + STORY
        )

        page = parse_html(make_page(article=article))

        for forbidden in ("<script", "<style", "onclick", "javascript:", "style=", "injected"):
            self.assertNotIn(forbidden, page.body_html)
        self.assertIn("ending", page.body_text)

    def test_it_parses_broken_html(self):
        text = "<html><head><title>Bridge vote</title><body><article><p>The council <b>voted <i>on Tuesday" + STORY

        page = parse_html(text)

        self.assertEqual(page.title, "Bridge vote")
        self.assertIn("voted on Tuesday", page.body_text)

    def test_it_survives_control_characters(self):
        page = parse_html("\x00<p>Bridge\x01 vote</p>")

        self.assertEqual(page.body_text, "Bridge vote")

    def test_it_takes_a_fragment_as_the_whole_article(self):
        page = parse_html("<h1>Bridge vote</h1><p>Short story.</p><ul><li>Stone</li><li>Steel</li></ul>")

        self.assertEqual(page.title, "Bridge vote")
        self.assertEqual(page.body_text, "Short story.\n\nStone\n\nSteel")

    def test_it_raises_when_the_page_has_no_text(self):
        for text in (
            "<html><head><title>Empty</title></head><body><div></div></body></html>",
            "<html><body><script>x()</script></body></html>",
            "  ",
        ):
            with self.subTest(text=text), self.assertRaises(IngestError):
                parse_html(text)


class ParseHtmlFallbackTests(SimpleTestCase):
    def test_a_page_whose_text_only_the_declared_article_body_holds_is_kept(self):
        body = " ".join(["The council voted to repair the bridge after a year of debate."] * 6)
        head = _json_ld({"@type": "NewsArticle", "headline": "Bridge vote", "articleBody": body})
        page = parse_html(make_page(head + "<title>Bridge vote</title>", article="<div id='app'></div>"))
        self.assertIn("The council voted to repair the bridge", page.body_text)

    def test_a_paywalls_teaser_gives_way_to_the_whole_story_its_json_ld_declares(self):
        opening = "The harbour board voted on Tuesday to spend four million on a new breakwater for the marina."
        rest = ["Work will start in spring and take two years, the board's chair said.",
                "Fishermen had asked for the wall since the storms of 2019 flooded the quay.",
                "A <b onclick='steal()'>second</b> phase would add berths for forty more boats."] * 3  # fmt: skip
        head = _json_ld({"@type": "NewsArticle", "headline": "Breakwater", "articleBody": "\n\n".join([opening, *rest])})
        article = f"<h1>Breakwater</h1><p>{opening}</p><div class='paywall'>Subscribe to read more.</div>"
        page = parse_html(make_page(head, article=article))
        self.assertIn("forty more boats", page.body_text)
        self.assertEqual(page.body_text.count("The harbour board voted"), 1)
        self.assertIn("A second phase", page.body_text)  # markup in the declared text is sanitized as any page's
        self.assertNotIn("steal", page.body_html)
        # A declared body that is another text, or no longer than the page's, changes nothing.
        for declared in (" ".join(rest), opening):
            head = _json_ld({"@type": "NewsArticle", "headline": "Breakwater", "articleBody": declared})
            self.assertNotIn("forty more boats", parse_html(make_page(head, article=article)).body_text.replace(opening, ""))

    def test_a_page_without_text_is_refused_with_what_it_says_about_itself(self):
        head = (
            '<meta property="og:title" content="Council votes to repair bridge">'
            '<meta property="article:published_time" content="2020-01-20T10:00:08+08:00">'
            '<meta name="author" content="Ann Smith">'
        )
        with self.assertRaises(IngestError) as caught:
            parse_html(make_page(head, article="<div id='app'></div>"))
        message = str(caught.exception)
        for part in ("No article text", "Council votes to repair bridge", "2020-01-20", "Ann Smith"):
            self.assertIn(part, message)


@unittest.skipUnless(CORPUS.is_dir(), "../shared/corpus/html not found: acceptance test skipped")
class ParseHtmlBenchmarkTests(SimpleTestCase):
    """Token F1 of body_text against the hand-made article bodies of the benchmark pages."""

    def test_it_extracts_article_bodies_with_average_f1_of_at_least_085(self):
        truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
        scores = {}
        for page_id, gold in truth.items():
            text = gzip.decompress((CORPUS / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
            scores[gold["url"]] = _token_f1(parse_html(text).body_text, gold["articleBody"])

        average = sum(scores.values()) / len(scores)
        worst = sorted(scores.items(), key=lambda item: item[1])[:3]
        self.assertGreaterEqual(average, 0.85, f"average F1 {average:.3f}; worst {worst}")


def _json_ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _token_f1(predicted: str, expected: str) -> float:
    """Return F1 of the multisets of lowercased word tokens, as the benchmark counts them."""
    predicted_tokens = Counter(re.findall(r"\w+", predicted.lower()))
    expected_tokens = Counter(re.findall(r"\w+", expected.lower()))
    common = sum((predicted_tokens & expected_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(predicted_tokens.values())
    recall = common / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)
