"""The archive's articles, their outlets and stories, and the searches staff follow."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from archive.models.entities import Country, Organization, Person


def unique_slug(model: type[models.Model], name: str, *, field: str = "slug") -> str:
    """A slug for `name` not yet used by any row of `model` ("putin", "putin-2", ...)."""
    base = slugify(name, allow_unicode=False)[:80] or "item"
    slug, n = base, 1
    while model.objects.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.exclude(published=None)

    def mentioning(self, entity: Person | Organization | Country) -> ArticleQuerySet:
        field = {"Person": "persons", "Organization": "organizations", "Country": "countries"}
        return self.filter(**{field[type(entity).__name__]: entity})


class Article(models.Model):
    title = models.CharField(max_length=500)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    published = models.DateField(null=True, blank=True, db_index=True)
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    language = models.CharField(max_length=16, blank=True)
    body_text = models.TextField()
    body_html = models.TextField(blank=True, help_text="Sanitized HTML, when the original was an HTML page.")

    # The upload exactly as it came: its bytes live under the data directory,
    # named by their SHA-256 (see archive/ingest/originals.py).
    original_name = models.CharField(max_length=500)
    original_type = models.CharField(max_length=100, blank=True)
    original_sha256 = models.CharField(max_length=64, db_index=True)
    original_size = models.PositiveBigIntegerField()
    upload_metadata = models.JSONField(default=dict, blank=True, help_text="What the uploader gave with the file.")

    fingerprint = models.CharField(max_length=64, unique=True, help_text="Hash of the cleaned title and text.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    # What staff corrected by hand (metadata fields, "body_text"): kept over `reprocess`.
    edited = models.JSONField(default=dict, blank=True, editable=False)

    # The story this article is a copy of (archive/copies): its other outlets' versions share it.
    story = models.ForeignKey("Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    story_curated = models.BooleanField(
        default=False, help_text="Placed in its story by staff: grouping never moves it, reprocess included."
    )

    persons = models.ManyToManyField("Person", through="PersonMention", related_name="articles")
    countries = models.ManyToManyField("Country", through="CountryMention", related_name="articles")
    organizations = models.ManyToManyField("Organization", through="OrganizationMention", related_name="articles")

    objects = ArticleQuerySet.as_manager()
    # Who changed which metadata when (django-simple-history): the metadata only,
    # not the text, which the stored original and `edited` keep.
    history = HistoricalRecords(excluded_fields=[
        "body_text", "body_html", "language", "original_name", "original_type", "original_sha256", "original_size",
        "upload_metadata", "fingerprint", "created", "updated", "edited",
        # A story can go (with its last copy): a move between stories is recorded by its reason.
        "story", "story_curated",
    ])

    class Meta:
        ordering = ["-published", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def web_url(self) -> str:
        """The article's original address when it is a web address, to link to; "" otherwise.

        Imports refuse any other kind, but an address stored before that, or read
        from a page, must never become a link that runs script ("javascript:").
        """
        return self.url if urlsplit(self.url).scheme.lower() in ("http", "https") else ""

    def get_absolute_url(self) -> str:
        return reverse("archive:article", args=[self.pk])


class Story(models.Model):
    """One story as several outlets published it: its articles are copies of each other."""

    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return f"Story {self.pk}"

    def copies(self) -> ArticleQuerySet:
        """Its articles, the earliest first (by publication day, then by when they came)."""
        return self.articles.order_by(models.F("published").asc(nulls_last=True), "created", "pk")


class SavedSearch(models.Model):
    """A search staff follow: its parameters as the search page's query string, and how far they have read."""

    name = models.CharField(max_length=200, unique=True)
    query = models.CharField(max_length=2000, help_text="The search page's parameters, e.g. q=talks&country=AM.")
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    # The newest article (by id: ids grow as articles are added) when staff last looked.
    seen_up_to = models.BigIntegerField(default=0, editable=False)
    seen = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:search") + "?" + self.query


class CopyBand(models.Model):
    """One band of an article's MinHash signature (archive/copies/signature.py): the
    articles that share a band with a new one are the candidates for its story."""

    pk = models.CompositePrimaryKey("key", "article")
    key = models.BigIntegerField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
