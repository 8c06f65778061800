"""Accents never matter in PostgreSQL search: text search configurations with unaccent.

Also fuzzystrmatch, for the words within an edit distance (`word~`, "did you mean").

archive_english and archive_simple copy english and simple with the unaccent
dictionary first; every generated vector is rebuilt with them (a generated
column cannot be altered in place), and so are the postings, the counts and the
words for "did you mean", which derive from the vectors.
"""

import importlib

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import CreateExtension, UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

postings = importlib.import_module("archive.migrations.0006_search_postings")

PROSE, NAMES = "archive_english", "archive_simple"
_WORDS = """
    INSERT INTO archive_searchword (word)
    SELECT DISTINCT w FROM archive_searchdocument d, unnest(tsvector_to_array(to_tsvector('archive_simple',
        concat_ws(' ', d.title, d.body, d.person_names, d.organization_names, d.country_names, d.source_name)))) w
    WHERE w ~ '^[[:alpha:]]{3,60}$' ON CONFLICT DO NOTHING"""


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, copy, dictionary in ((PROSE, "english", "english_stem"), (NAMES, "simple", "simple")):
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {copy})")
        schema_editor.execute(f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
                              f"WITH unaccent, {dictionary}")


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in (PROSE, NAMES):
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def rebuild_derived(apps, schema_editor):
    """Postings, counts and words from the new vectors (no trigger fires for a rebuilt column)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("TRUNCATE archive_searchposting, archive_searchcount, archive_searchword")
    schema_editor.execute("ALTER TABLE archive_searchposting DROP CONSTRAINT archive_searchposting_pkey")
    schema_editor.execute(postings._add_postings("archive_searchdocument")
                          + postings._count(postings._deltas("archive_searchdocument", 1)))
    schema_editor.execute("ALTER TABLE archive_searchposting ADD PRIMARY KEY (lexeme, article_id) INCLUDE (tf, length)")
    schema_editor.execute(_WORDS)


def _vector(expression):
    return models.GeneratedField(db_persist=True, expression=expression,
                                 output_field=django.contrib.postgres.search.SearchVectorField())


_VECTORS = {
    "vector": SearchVector("title", weight="A", config=PROSE)
    + SearchVector("person_names", "organization_names", "country_names", "source_name", weight="B", config=NAMES)
    + SearchVector("body", weight="C", config=PROSE),
    "title_vector": SearchVector("title", config=PROSE),
    "person_vector": SearchVector("person_names", config=NAMES),
    "country_vector": SearchVector("country_names", config=NAMES),
    "organization_vector": SearchVector("organization_names", config=NAMES),
    "source_vector": SearchVector("source_name", config=NAMES),
}


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0006_search_postings'),
    ]

    operations = [
        UnaccentExtension(),
        CreateExtension("fuzzystrmatch"),
        migrations.RunPython(create_configurations, drop_configurations),
        migrations.RemoveIndex(model_name='searchdocument', name='searchdoc_vector'),
        *(migrations.RemoveField(model_name='searchdocument', name=name) for name in _VECTORS),
        *(migrations.AddField(model_name='searchdocument', name=name, field=_vector(expression))
          for name, expression in _VECTORS.items()),
        migrations.AddIndex(model_name='searchdocument', index=GinIndex(fields=['vector'], name='searchdoc_vector')),
        migrations.RunPython(rebuild_derived, migrations.RunPython.noop),
    ]
