"""Staff corrections in the admin: through the write path, kept over reprocessing, with their history."""

from __future__ import annotations

from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from archive.curation import merge, reject
from archive.models import Article, Person
from archive.search import get_backend
from archive.search.base import SearchQuery

from .factories import IndexedTestCase


class _Fields(HTMLParser):
    """The named inputs, textareas and selects of a page's form, with their values."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox", "file") and name != "csrfmiddlewaretoken":
            self.fields[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[name] = attrs.get("value") or "on"
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def _posted_fields(html: str) -> dict:
    parser = _Fields()
    parser.feed(html)
    fields = parser.fields
    for name, value in fields.items():  # a textarea's content starts after one newline, as browsers send it
        if value.startswith("\n"):
            fields[name] = value[1:]
    return {k: v for k, v in fields.items() if not k.startswith(("_", "action", "select_across", "index", "q"))}


def search(q: str) -> list[int]:
    return [hit.id for hit in get_backend().search(SearchQuery(q=q)).hits]


class EditingTestCase(IndexedTestCase):
    """Signed in as staff, with one imported article to correct."""

    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_superuser("editor", "", "pw")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.staff)
        self.article = self.ingest("Harbour quay delayed again", source="Times of Malta", published="2024-01-10")
        self.url = reverse("admin:archive_article_change", args=[self.article.pk])

    def form(self, page_url: str = "", **changes) -> dict:
        """What a browser would post from the change page (management forms and all), with changes."""
        page = self.client.get(page_url or self.url)
        self.assertEqual(page.status_code, 200)
        return {**_posted_fields(page.content.decode()), **changes}

    def save(self, **changes):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, self.form(**changes))
        return response


class ArticleEditTests(EditingTestCase):
    def test_a_corrected_title_is_cleaned_fingerprinted_and_searchable(self):
        before = self.article.fingerprint
        response = self.save(title="  Lighthouse   quay <b>opens</b>\x07 at last ")
        self.assertEqual(response.status_code, 302, response.content[:3000])
        article = Article.objects.get(pk=self.article.pk)
        self.assertEqual(article.title, "Lighthouse quay <b>opens</b> at last")
        self.assertNotEqual(article.fingerprint, before)
        self.assertEqual(search("lighthouse"), [article.pk])
        page = self.client.get(article.get_absolute_url())
        self.assertContains(page, "Lighthouse quay &lt;b&gt;opens&lt;/b&gt; at last")
        self.assertNotContains(page, "<b>opens</b>")

    def test_a_corrected_body_finds_its_names_again_and_keeps_curation(self):
        abela = Person.objects.get(name="Robert Abela")
        borg = Person.objects.get(name="Maria Borg")
        reject(borg)
        body = self.article.body_text + "\n\nLater, Roberta Metsola and Maria Borg visited the new quay."
        self.save(body_text=body)
        article = Article.objects.get(pk=self.article.pk)
        names = set(article.persons.values_list("name", flat=True))
        self.assertIn("Roberta Metsola", names)
        self.assertIn(abela.name, names)
        self.assertNotIn("Maria Borg", names, "a rejected person stays rejected")
        self.assertEqual(search("Metsola"), [article.pk])
        self.assertEqual(article.edited["body_text"], body)

    def test_a_merged_name_in_a_corrected_body_goes_to_the_survivor(self):
        other = self.ingest("Ferry strike ends", extra="Bob Abela spoke about the strike.")
        loser = Person.objects.get(name="Bob Abela")
        winner = Person.objects.get(name="Robert Abela")
        merge(loser, winner)
        self.save(body_text=self.article.body_text + "\n\nBob Abela said so again.")
        self.assertNotIn("Bob Abela", Article.objects.get(pk=self.article.pk).persons.values_list("name", flat=True))
        self.assertTrue(other.pk)

    def test_raw_html_is_never_hand_edited(self):
        self.assertNotIn("body_html", self.client.get(self.url).context["adminform"].form.fields)
        self.save(body_html="<script>alert(1)</script>")
        self.assertEqual(Article.objects.get(pk=self.article.pk).body_html, self.article.body_html)

    def test_bad_values_get_the_form_back_with_the_reason(self):
        cases = {"published": ("9999-12-31", "outside the range"), "title": ("   ", "This field is required"),
                 "body_text": ("\x07", "cannot be empty"), "url": ("javascript:alert(1)", "valid URL")}
        for field, (value, reason) in cases.items():
            with self.subTest(field=field):
                response = self.save(**{field: value})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, reason)
        self.assertEqual(Article.objects.get(pk=self.article.pk).fingerprint, self.article.fingerprint)

    def test_a_correction_that_would_duplicate_another_article_is_refused(self):
        other = self.ingest("Ferry strike ends")
        response = self.save(title=other.title, body_text=other.body_text)
        self.assertContains(response, f"would be the same as #{other.pk}")
        self.assertEqual(Article.objects.get(pk=self.article.pk).title, "Harbour quay delayed again")

    def test_corrections_survive_reprocess_and_the_reextract_action_can_drop_them(self):
        self.save(title="Corrected headline", source="Malta Today", published="2024-01-11")
        with self.captureOnCommitCallbacks(execute=True):
            call_command("reprocess", stdout=open("/dev/null", "w"))
        article = Article.objects.get(pk=self.article.pk)
        self.assertEqual((article.title, article.outlet.name, str(article.published)),
                         ("Corrected headline", "Malta Today", "2024-01-11"))
        changelist = reverse("admin:archive_article_changelist")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(changelist, {"action": "reextract_selected", "_selected_action": [article.pk]})
        self.assertEqual(Article.objects.get(pk=article.pk).title, "Corrected headline")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(changelist, {"action": "reextract_without_corrections", "_selected_action": [article.pk]})
        article = Article.objects.get(pk=article.pk)
        self.assertEqual((article.title, article.outlet.name, article.edited), ("Harbour quay delayed again", "Times of Malta", {}))
        self.assertEqual(search("headline"), [])

    def test_articles_come_in_through_upload_only(self):
        self.assertEqual(self.client.get(reverse("admin:archive_article_add")).status_code, 403)


class HistoryTests(EditingTestCase):
    def test_each_change_is_listed_with_who_when_and_what(self):
        self.save(title="Quay opens at last", published="2024-01-12")
        page = self.client.get(reverse("admin:archive_article_history", args=[self.article.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "editor")
        self.assertContains(page, "Harbour quay delayed again")
        self.assertContains(page, "Quay opens at last")
        records = list(Article.history.filter(id=self.article.pk).order_by("history_date"))
        self.assertEqual([r.history_type for r in records], ["+", "~"])
        self.assertEqual(records[-1].history_user, self.staff)
        delta = records[-1].diff_against(records[0])
        self.assertEqual(sorted(delta.changed_fields), ["published", "title"])

    def test_earlier_metadata_can_be_restored_through_the_write_path(self):
        self.save(title="Quay inaugurated at last")
        self.assertEqual(search("inaugurated"), [self.article.pk])
        first = Article.history.filter(id=self.article.pk).earliest("history_date")
        restore = reverse("admin:archive_article_simple_history", args=[self.article.pk, first.history_id])
        form = self.client.get(restore)
        self.assertContains(form, "Harbour quay delayed again")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(restore, self.form(restore))
        self.assertEqual(response.status_code, 302, response.content[-3000:])
        self.assertEqual(Article.objects.get(pk=self.article.pk).title, "Harbour quay delayed again")
        self.assertEqual(search("inaugurated"), [], "the index follows a restore too")

    def test_curation_is_recorded_per_entity(self):
        person = Person.objects.get(name="Robert Abela")
        change = reverse("admin:archive_person_change", args=[person.pk])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(change, self.form(change, name="Robert Abela (PM)"))
        other = Person.objects.get(name="Maria Borg")
        changelist = reverse("admin:archive_person_changelist")
        self.client.post(changelist, {"action": "reject_selected", "_selected_action": [other.pk]})
        page = self.client.get(reverse("admin:archive_person_history", args=[person.pk]))
        self.assertContains(page, "Robert Abela (PM)")
        self.assertContains(page, "editor")
        rejected = Person.history.filter(id=other.pk).latest("history_date")
        self.assertTrue(rejected.rejected)
        self.assertEqual(rejected.history_user, self.staff)
