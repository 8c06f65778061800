"""The people, organizations and countries articles name: their spellings, mentions and merges."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from archive.entities.identity import match_key
from archive.models.articles import Article
from simple_history.models import HistoricalRecords


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
