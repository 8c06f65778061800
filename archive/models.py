from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.text import slugify

from archive.entities.identity import match_key
from simple_history.models import HistoricalRecords


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


class Entity(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    # identity.match_key(name): spellings of one name share it (Pashinyan/Pashinian).
    key = models.CharField(max_length=200, db_index=True, editable=False)
    surname_key = models.CharField(max_length=100, db_index=True, editable=False, default="")
    # Curation: a rejected entity is no entity (imports skip it); a merged one
    # lives on as a pointer so that its spellings keep leading to the survivor.
    rejected = models.BooleanField(default=False, help_text="Not a real entity: hidden and never re-created.")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="merged_%(class)ss"
    )
    # Renames, rejections, merges and their undoing: who, when, what (django-simple-history).
    history = HistoricalRecords(inherit=True, excluded_fields=["key", "surname_key"])

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = match_key(self.name)
        self.surname_key = self.key.rsplit(" ", 1)[-1]
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key", "surname_key"}
        super().save(*args, **kwargs)


class EntityQuerySet(models.QuerySet):
    def live(self):
        """Entities that are neither rejected nor merged into another."""
        return self.filter(rejected=False, merged_into=None)


class Person(Entity):
    objects = EntityQuerySet.as_manager()

    class Meta(Entity.Meta):
        verbose_name_plural = "people"

    def get_absolute_url(self) -> str:
        return reverse("archive:person", args=[self.slug])


class Organization(Entity):
    objects = EntityQuerySet.as_manager()

    def get_absolute_url(self) -> str:
        return reverse("archive:organization", args=[self.slug])


class Country(models.Model):
    code = models.CharField("ISO 3166-1 alpha-2", max_length=2, primary_key=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    """Another spelling of a person's or organization's name."""

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = match_key(self.name)
        super().save(*args, **kwargs)


class PersonAlias(Alias):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="unique_person_alias")]
        verbose_name_plural = "person aliases"


class OrganizationAlias(Alias):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_organization_alias")]
        verbose_name_plural = "organization aliases"


class FormerSlug(models.Model):
    """An address a renamed person or organization had: its old page redirects to the new one."""

    # Unique: when an old address is given up twice, it leads to the latest entity that left it.
    slug = models.SlugField(max_length=100, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.slug


class PersonFormerSlug(FormerSlug):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="former_slugs")


class OrganizationFormerSlug(FormerSlug):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="former_slugs")


class Mention(models.Model):
    """How often an article names an entity, and under which spellings."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    count = models.PositiveIntegerField(default=1)
    spelling = models.CharField(max_length=200, help_text="The fullest form the article uses.")
    spellings = models.JSONField(default=dict, help_text="Each form as written, with its count.")

    class Meta:
        abstract = True


class PersonMention(Mention):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_person_mention")]


class CountryMention(Mention):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "country"], name="unique_country_mention")]


class OrganizationMention(Mention):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "organization"], name="unique_organization_mention")]


class Merge(models.Model):
    """A merge done by staff, with what it moved, so that it can be undone."""

    KINDS = [("person", "person"), ("organization", "organization")]
    kind = models.CharField(max_length=20, choices=KINDS)
    source_id = models.BigIntegerField(help_text="The entity merged away.")
    target_id = models.BigIntegerField(help_text="The entity that absorbed it.")
    source_name = models.CharField(max_length=200)
    target_name = models.CharField(max_length=200)
    moved = models.JSONField(default=dict, help_text="Mentions and aliases moved, as they were.")
    created = models.DateTimeField(auto_now_add=True)
    undone = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.source_name} → {self.target_name}"


class NameLock(models.Model):
    """A row per entity name that importers lock (SELECT ... FOR UPDATE) before
    looking the name up or creating it, so that two imports never create the
    same person twice. Plain ORM, so it works on every database; on SQLite,
    whose writers are serialized anyway, it costs a lookup."""

    name = models.CharField(max_length=250, unique=True)

    def __str__(self) -> str:
        return self.name


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


class ImportJob(models.Model):
    """An upload handed to a worker: its files kept verbatim first, then imported item by item.

    The items (ImportItem) are the record of progress: a job's counts are
    counted from them, so the progress page cannot drift from what happened.
    """

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"
        CANCELLED = "cancelled"

    name = models.CharField(max_length=500)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=20, choices=State, default=State.QUEUED, db_index=True)
    # What was uploaded, as stored originals: [{"name", "sha256", "size"}], and the form's metadata.
    files = models.JSONField(default=list)
    manifest = models.JSONField(null=True, blank=True)
    metadata = models.JSONField(default=dict)
    total = models.PositiveIntegerField(null=True, blank=True)  # known once the upload is unpacked
    current = models.CharField(max_length=1000, blank=True)
    reason = models.TextField(blank=True)  # why it failed
    notes = models.TextField(blank=True)  # what happened on the way (a worker lost, a resume)
    cancel_requested = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"Import #{self.pk}: {self.name}"

    def get_absolute_url(self):
        return reverse("admin:archive_importjob_change", args=[self.pk])


class ImportItem(models.Model):
    """One article-to-be of a job, and what became of it (exactly once)."""

    class State(models.TextChoices):
        PENDING = "pending"
        IMPORTED = "imported"
        DUPLICATE = "duplicate"
        REJECTED = "rejected"
        SKIPPED = "skipped"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=1000)
    sha256 = models.CharField(max_length=64, blank=True)  # its bytes in the originals store
    content_type = models.CharField(max_length=100, blank=True)
    metadata = models.JSONField(default=dict)
    state = models.CharField(max_length=20, choices=State, default=State.PENDING)
    reason = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="importitem_job_position")]
        indexes = [models.Index(fields=["job", "state", "position"], name="importitem_job_state")]


class WorkerBeat(models.Model):
    """A running import worker says it is alive; the upload page warns when none is."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started = models.DateTimeField()
    seen = models.DateTimeField(db_index=True)
