"""The tables of the PostgreSQL search backend (archive/search/postgres.py); created on PostgreSQL only."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F

from archive.models.articles import Article


# PostgreSQL text search configurations (migration 0007): english and simple, each
# with unaccent before its dictionary, so that Arsène is found as Arsene.
PROSE = "archive_english"
NAMES = "archive_simple"


class SearchDocument(models.Model):
    """An article as the PostgreSQL search backend sees it (only created on PostgreSQL).

    The database keeps the weighted text vectors in step with the text columns
    itself (generated columns); archive/search/postgres.py fills the rest.
    """

    # No database constraint and no cascade: the table exists on PostgreSQL only,
    # and documents of deleted articles are removed by the search backend
    # (signals.py), as with any engine.
    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    version = models.CharField(max_length=40)
    labels = models.JSONField(default=dict)
    title = models.TextField()
    body = models.TextField()
    source_name = models.TextField(blank=True)
    person_names = models.TextField(blank=True)
    country_names = models.TextField(blank=True)
    organization_names = models.TextField(blank=True)
    # Facet values: stable keys (slugs, ISO codes), never analysed text.
    source = models.CharField(max_length=100, blank=True)
    persons = ArrayField(models.CharField(max_length=100), default=list)
    countries = ArrayField(models.CharField(max_length=2), default=list)
    organizations = ArrayField(models.CharField(max_length=100), default=list)
    published = models.DateField(null=True)
    month = models.CharField(max_length=7, blank=True)
    story = models.IntegerField(null=True, help_text="The article's story: a collapsing search keeps one hit of it.")
    # Title above names above body; names unstemmed (NAMES), prose stemmed (PROSE);
    # both fold accents and case (migration 0007).
    vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=PROSE)
        + SearchVector("person_names", "organization_names", "country_names", "source_name", weight="B", config=NAMES)
        + SearchVector("body", weight="C", config=PROSE),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    title_vector = models.GeneratedField(
        expression=SearchVector("title", config=PROSE), output_field=SearchVectorField(), db_persist=True
    )
    person_vector = models.GeneratedField(
        expression=SearchVector("person_names", config=NAMES), output_field=SearchVectorField(), db_persist=True
    )
    country_vector = models.GeneratedField(
        expression=SearchVector("country_names", config=NAMES), output_field=SearchVectorField(), db_persist=True
    )
    organization_vector = models.GeneratedField(
        expression=SearchVector("organization_names", config=NAMES), output_field=SearchVectorField(),
        db_persist=True,
    )
    source_vector = models.GeneratedField(
        expression=SearchVector("source_name", config=NAMES), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        required_db_vendor = "postgresql"
        indexes = [
            GinIndex(fields=["vector"], name="searchdoc_vector"),
            GinIndex(fields=["persons"], name="searchdoc_persons"),
            GinIndex(fields=["countries"], name="searchdoc_countries"),
            GinIndex(fields=["organizations"], name="searchdoc_organizations"),
            models.Index(fields=["source"], name="searchdoc_source"),
            # The two date sorts, undated articles last either way, for searches without text.
            models.Index(fields=["published", "article_id"], name="searchdoc_oldest"),
            models.Index(F("published").desc(nulls_last=True), F("article_id").desc(), name="searchdoc_newest"),
            # Counting the stories of the whole index from the index alone (browsing with copies collapsed).
            models.Index(fields=["story"], name="searchdoc_story"),
        ]


class SearchWord(models.Model):
    """The words of the indexed text, for fuzzy terms and "did you mean" (PostgreSQL only)."""

    word = models.CharField(max_length=60, primary_key=True)

    class Meta:
        required_db_vendor = "postgresql"
        indexes = [GinIndex(fields=["word"], name="searchword_trigram", opclasses=["gin_trgm_ops"])]


class SearchPosting(models.Model):
    """A lexeme of an indexed document, with what BM25 needs to rank it (PostgreSQL only).

    Database triggers (migration 0006) add and remove these rows as
    SearchDocument.vector changes, so they always hold exactly that vector's
    lexemes. The primary key (lexeme, article_id) includes tf and length, so
    ranking reads the index alone.
    """

    pk = models.CompositePrimaryKey("lexeme", "article_id")
    lexeme = models.TextField(db_collation="C")  # byte order, so that LIKE 'prefix%' can use the index
    article_id = models.IntegerField()
    # Occurrences in the document, a title occurrence counting twice (as Whoosh's field_boost=2).
    tf = models.SmallIntegerField()
    length = models.IntegerField(help_text="Lexeme occurrences in the whole document.")

    class Meta:
        required_db_vendor = "postgresql"


class SearchCount(models.Model):
    """How many indexed documents have each facet value and month, and two totals (PostgreSQL only).

    Kept by the same triggers as SearchPosting: facet "" holds "documents" (their
    number) and "words" (the sum of their lengths, for BM25's average length).
    """

    pk = models.CompositePrimaryKey("facet", "value")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)
    n = models.BigIntegerField()

    class Meta:
        required_db_vendor = "postgresql"
