from __future__ import annotations

from django.test import SimpleTestCase

from archive.ingest.sanitize import clean_html, render_text


class CleanHtmlTests(SimpleTestCase):
    def test_it_removes_script_and_style_with_their_content(self):
        html = "<p>Kept</p><script>alert('x')</script><style>p { color: red }</style>"

        self.assertEqual(clean_html(html), "<p>Kept</p>")

    def test_it_removes_frames_embeds_and_forms_with_their_content(self):
        html = (
            '<iframe src="https://ads.example/">frame</iframe><object data="x.swf">obj</object>'
            '<embed src="x.swf"><form action="/subscribe"><label>Email</label><input name="e"></form>'
            "<p>Story</p>"
        )

        self.assertEqual(clean_html(html), "<p>Story</p>")

    def test_it_removes_event_handlers_style_and_class_attributes(self):
        html = '<p onclick="steal()" style="color:red" class="lead" id="x" onmouseover="x()">Text</p>'

        self.assertEqual(clean_html(html), "<p>Text</p>")

    def test_it_drops_javascript_and_data_urls(self):
        html = (
            '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a>'
            '<a href="java&#x09;script:alert(1)">c</a><a href="data:text/html;base64,PHNjcmlwdD4=">d</a>'
        )

        cleaned = clean_html(html)

        self.assertNotIn("href", cleaned)
        self.assertNotIn("script", cleaned.lower())
        self.assertNotIn("data:", cleaned)

    def test_it_keeps_http_and_mailto_links_with_safe_rel(self):
        html = (
            '<a href="https://example.org/a?b=1&c=2" target="_blank" rel="opener">web</a> '
            '<a href="mailto:desk@example.org">mail</a>'
        )

        self.assertEqual(
            clean_html(html),
            '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">web</a> '
            '<a href="mailto:desk@example.org" rel="nofollow noopener">mail</a>',
        )

    def test_it_drops_relative_links_without_base_url(self):
        self.assertEqual(clean_html('<a href="/story">more</a>'), '<a rel="nofollow noopener">more</a>')

    def test_it_resolves_relative_links_against_base_url(self):
        cleaned = clean_html('<a href="/story">more</a>', base_url="https://news.example/world/a.html")

        self.assertEqual(cleaned, '<a href="https://news.example/story" rel="nofollow noopener">more</a>')

    def test_it_ignores_a_base_url_that_is_not_http(self):
        cleaned = clean_html('<a href="/story">more</a>', base_url="javascript:alert(1)")

        self.assertEqual(cleaned, '<a rel="nofollow noopener">more</a>')

    def test_it_keeps_allowed_text_markup(self):
        html = (
            "<h2>Sub</h2><p><em>a</em> <strong>b</strong> <b>c</b> <i>d</i><br>e</p>"
            "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote>"
            "<figure><figcaption>cap</figcaption></figure><pre><code>x = 1</code></pre>"
            '<table><caption>t</caption><thead><tr><th scope="col">h</th></tr></thead>'
            '<tbody><tr><td colspan="2">v</td></tr></tbody></table>'
        )

        self.assertEqual(clean_html(html), html)

    def test_it_unwraps_unknown_tags_but_keeps_their_text(self):
        html = '<div class="x"><span>Hello</span> <font color="red">world</font> <img src="a.png" onerror="x()"></div>'

        self.assertEqual(clean_html(html), "Hello world")

    def test_it_removes_html_comments(self):
        self.assertEqual(clean_html("<p>a<!-- <script>x</script> -->b</p>"), "<p>ab</p>")


class RenderTextTests(SimpleTestCase):
    def test_it_separates_blocks_with_a_blank_line(self):
        html = "<h2>Title</h2><p>One.</p><ul><li>Two</li><li>Three</li></ul><blockquote><p>Four</p></blockquote>"

        self.assertEqual(render_text(html), "Title\n\nOne.\n\nTwo\n\nThree\n\nFour")

    def test_it_turns_br_into_a_newline_and_collapses_other_whitespace(self):
        html = "<p>  First\n   line<br>second\u00a0 line  </p>"

        self.assertEqual(render_text(html), "First line\nsecond line")

    def test_it_keeps_table_cells_apart(self):
        html = "<table><tr><th>Year</th><th>Votes</th></tr><tr><td>2019</td><td>12</td></tr></table>"

        self.assertEqual(render_text(html), "Year Votes\n\n2019 12")

    def test_it_ignores_script_and_style(self):
        self.assertEqual(render_text("<p>a</p><script>b()</script><style>c{}</style>"), "a")

    def test_it_drops_control_characters(self):
        self.assertEqual(render_text("<p>a\x00b\x0bc</p>"), "abc")
        self.assertEqual(clean_html("<p>a\x01b</p>"), "<p>ab</p>")

    def test_it_returns_empty_text_for_empty_html(self):
        self.assertEqual(render_text(""), "")
        self.assertEqual(render_text("<p> </p>"), "")
