import datetime

from django.test import SimpleTestCase

from archive.ingest.errors import IngestError
from archive.ingest.furniture import is_furniture
from archive.ingest.text import parse_text

STORY = (
    "The harbour authority said on Tuesday that the new quay would open next spring, "
    "two years later than planned."
)
SECOND = "Local fishermen welcomed the decision but asked for compensation for the delay."


class ParseTextTests(SimpleTestCase):
    def test_it_takes_the_first_line_as_title_without_trailing_debris(self):
        article = parse_text(f"Harbour quay delayed again -\n\n\nHarbour quay delayed again\n\n{STORY}\n\n{SECOND}\n")
        self.assertEqual(article.title, "Harbour quay delayed again")
        self.assertEqual(article.body, f"{STORY}\n\n{SECOND}")

    def test_it_drops_a_repeated_headline_with_a_counter(self):
        article = parse_text(f"Quay delayed\n\nQuay delayed 0\n\n{STORY}")
        self.assertNotIn("Quay delayed 0", article.body)
        self.assertTrue(article.body.startswith("The harbour authority"))

    def test_it_reads_the_outlet_from_a_parenthesised_dateline(self):
        article = parse_text(f"Quay delayed\n\n(Port Gazette) – {STORY}")
        self.assertEqual(article.source, "Port Gazette")
        self.assertIn(STORY, article.body)

    def test_it_reads_the_outlet_from_a_slash_dateline(self):
        article = parse_text(f"Quay delayed\n\nValletta /Harbour News/. {STORY}")
        self.assertEqual(article.source, "Harbour News")

    def test_it_reads_an_agency_dateline(self):
        article = parse_text(f"Quay delayed\n\nVALLETTA (Reuters) - {STORY}")
        self.assertEqual(article.source, "Reuters")

    def test_it_has_no_outlet_when_the_text_names_none(self):
        self.assertEqual(parse_text(f"Quay delayed\n\n{STORY}").source, "")

    def test_it_reads_a_labelled_date_line_and_drops_it(self):
        article = parse_text(f"Quay delayed\n\nPorts\nPost At: Dec 28/2023 12:07PM\n\n{STORY}")
        self.assertEqual(article.published, datetime.date(2023, 12, 28))
        self.assertNotIn("Post At", article.body)
        self.assertNotIn("Ports", article.body)

    def test_it_reads_a_header_line_that_is_only_a_date(self):
        article = parse_text(f"Quay delayed\n\n5 March 2024\n\n{STORY}")
        self.assertEqual(article.published, datetime.date(2024, 3, 5))

    def test_it_never_takes_an_event_date_from_the_story(self):
        article = parse_text(f"Quay delayed\n\nOn October 3, 2021 the board met. {STORY}\n\nPublished 2021 plans failed.")
        self.assertIsNone(article.published)

    def test_it_drops_bylines_and_author_widgets_but_keeps_a_real_author(self):
        article = parse_text(f"Quay delayed\n\nPhoto of author\n\nBy admin\n\n{STORY}")
        self.assertEqual(article.author, "")
        self.assertEqual(article.body, STORY)
        self.assertEqual(parse_text(f"Quay delayed\n\nBy Maria Borg\n\n{STORY}").author, "Maria Borg")

    def test_it_reads_bylines_with_roles_and_several_authors_out_of_the_story(self):
        for byline, author in (
            ("By Maria Borg, Science Editor", "Maria Borg"),
            ("Maria Borg, Health Correspondent", "Maria Borg"),
            ("By Maria Borg and Ivo Kerstenbach", "Maria Borg; Ivo Kerstenbach"),
            ("By Maria Borg – Harbour Agency reporter", "Maria Borg"),
            ("By Harbour Agency Staff", ""),
        ):
            with self.subTest(byline):
                article = parse_text(f"Quay delayed\n\n{byline}\n\n{STORY}")
                self.assertEqual((article.author, article.body), (author, STORY))

    def test_a_first_line_of_story_that_opens_with_by_stays_story(self):
        opening = "By Tuesday the ferry had gone."
        self.assertEqual(parse_text(f"Quay delayed\n\n{opening}\n\n{STORY}").body, f"{opening}\n\n{STORY}")

    def test_it_drops_category_crumbs(self):
        article = parse_text(f"Quay delayed\n\n| News, Politics, Malta\n\n{STORY}")
        self.assertEqual(article.body, STORY)

    def test_it_drops_comment_prompts_cookie_notices_and_job_ads(self):
        text = "\n\n".join([
            "Quay delayed", STORY, SECOND,
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            '"Port Weekly" seeks local specialists from Gozo. Send CV, cover letter and writing sample to jobs@example.org.',
            'Our website uses cookies. By clicking on "I accept cookies", you consent to our use of cookies.',
            "Disclaimer: The copyright of this article belongs to the original author.",
            "Editor’s choice",
        ])
        self.assertEqual(parse_text(text).body, f"{STORY}\n\n{SECOND}")

    def test_it_drops_read_more_debris_glued_to_a_link(self):
        text = f"Quay delayed\n\n{STORY}\n\nFerries are late againRead more Ferries are late again\n\n{SECOND}"
        self.assertEqual(parse_text(text).body, f"{STORY}\n\n{SECOND}")

    def test_it_drops_a_row_of_sharing_buttons(self):
        for row in ("Share: Facebook | X | Email", "Facebook Twitter WhatsApp Print", "Share this article: WhatsApp, Email"):
            with self.subTest(row=row):
                self.assertEqual(parse_text(f"Quay delayed\n\n{STORY}\n\n{row}\n\n{SECOND}").body, f"{STORY}\n\n{SECOND}")
        self.assertFalse(is_furniture("X and Email were the two options the council liked."))

    def test_it_keeps_story_sentences_that_merely_mention_furniture_words(self):
        for sentence in [
            "Students who read more books did better in the exams, the study found.",
            "The minister said the cookies sold at the fair raised money for the school.",
            "He told reporters he would leave a reply to the court's letter for his lawyers.",
        ]:
            with self.subTest(sentence=sentence):
                self.assertFalse(is_furniture(sentence))
                self.assertIn(sentence, parse_text(f"Title\n\n{sentence}\n\n{STORY}").body)

    def test_it_keeps_results_lists_and_lone_names(self):
        text = f"Golf results\n\nAnn Vella\n\n{STORY}\n\n67 Mark Borg, Paul Zammit, Joe Grech\n\nJohn Camilleri, Tony Bugeja\n\nMaria Azzopardi"
        body = parse_text(text).body
        for kept in ("Ann Vella", "67 Mark Borg, Paul Zammit, Joe Grech", "John Camilleri, Tony Bugeja", "Maria Azzopardi"):
            self.assertIn(kept, body)

    def test_it_keeps_subheadings_inside_the_story(self):
        article = parse_text(f"Quay delayed\n\n{STORY}\n\nRisky plans\n\n{SECOND}")
        self.assertIn("Risky plans", article.body)

    def test_it_rejects_a_text_with_nothing_but_furniture(self):
        with self.assertRaisesMessage(IngestError, "no article text"):
            parse_text("Title\n\nLeave a Reply\n\nShare this:")
