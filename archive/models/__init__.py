"""The archive's tables, a module for each part: articles, entities, imports, search tables."""

from archive.models.articles import Article, ArticleQuerySet, CopyBand, Outlet, SavedSearch, Story, unique_slug
from archive.models.entities import (
    Alias, Country, CountryMention, Entity, EntityQuerySet, FormerSlug, Mention, Merge, NameLock, Organization,
    OrganizationAlias, OrganizationFormerSlug, OrganizationMention, Person, PersonAlias, PersonFormerSlug,
    PersonMention,
)
from archive.models.imports import ImportItem, ImportJob, WorkerBeat
from archive.models.search_tables import NAMES, PROSE, SearchCount, SearchDocument, SearchPosting, SearchWord

__all__ = [
    "Alias", "Article", "ArticleQuerySet", "CopyBand", "Country", "CountryMention", "Entity", "EntityQuerySet",
    "FormerSlug", "ImportItem", "ImportJob", "Mention", "Merge", "NAMES", "NameLock", "Organization",
    "OrganizationAlias", "OrganizationFormerSlug", "OrganizationMention", "Outlet", "PROSE", "Person", "PersonAlias",
    "PersonFormerSlug", "PersonMention", "SavedSearch", "SearchCount", "SearchDocument", "SearchPosting",
    "SearchWord", "Story", "WorkerBeat", "unique_slug",
]
