from django.test import SimpleTestCase

from archive.search.snippets import make_snippet


class SnippetTests(SimpleTestCase):
    def test_it_marks_every_form_of_a_query_word_accents_and_case_aside(self):
        snippet = make_snippet("The Government said two governments would meet.", ["government"])
        self.assertEqual(snippet.count("<mark>"), 2)
        self.assertIn("<mark>Government</mark>", snippet)
        self.assertIn("<mark>Élysée</mark>", make_snippet("Talks at the Élysée palace.", ["elysee"]))
        self.assertIn("<mark>ELYSEE</mark>", make_snippet("TALKS AT THE ELYSEE", ["Élysée"]))
        self.assertIn("<mark>Pashinyan</mark>", make_snippet("Nikol Pashinyan spoke.", [], prefixes=("pashin",)))

    def test_it_shows_the_passage_with_most_matches(self):
        text = "Harbour news first. " + "Filler words about nothing much. " * 40 + "The harbour quay and harbour wall."
        snippet = make_snippet(text, ["harbour"])
        self.assertTrue(snippet.startswith("… "))
        self.assertEqual(snippet.count("<mark>harbour</mark>"), 2)

    def test_it_escapes_the_text_and_opens_the_article_when_nothing_matches(self):
        snippet = make_snippet("<b>Bold</b> & plain harbour", ["harbour"])
        self.assertEqual(snippet, "&lt;b&gt;Bold&lt;/b&gt; &amp; plain <mark>harbour</mark>")
        self.assertEqual(make_snippet("Nothing here", ["zeppelin"]), "Nothing here")
