"""Which story an article is a copy of, decided as it is stored and again when it is derived anew.

Candidates are the articles that share a band of its MinHash sketch (CopyBand
rows, so the lookup is one indexed query at any archive size and every process
sees the same index); each is then compared exactly, word sequence by word
sequence, and the article joins the story of the closest one that holds
`THRESHOLD` of the shorter text's sequences. Staff's placements
(`Article.story_curated`) are never undone.
"""

from __future__ import annotations

from django.db.models import Count

from archive.models import Article, CopyBand, Story

from .signature import band_keys, containment, shingles

# The share of the shorter text's word sequences the other must hold: measured on the
# copies test set (bench/copies.py), where copies hold 0.56-1.0 of each other's
# sequences and different stories of one subject rarely more than 0.5.
THRESHOLD = 0.6
# Texts with fewer sequences than this (about 25 words) are too short to call copies.
MIN_SEQUENCES = 20
# Candidates compared exactly, most shared bands first.
_CANDIDATES = 20


def place(article: Article, *, bands_stored: bool = False) -> list[int]:
    """Store the article's bands and put it in its story; return the ids of other articles given a story.

    With `bands_stored`, its bands are in place already (group_copies --all stores every
    article's first, so that the first of a story placed again finds the others).
    """
    sequences, keys = _sketch(article)
    if not bands_stored:
        store_bands(article, keys)
    if article.story_curated:
        return []
    copies = _closest_copies(article, sequences, keys)
    if article.story_id:
        if any(copy.story_id == article.story_id for copy in copies):
            return []  # still a copy of its story: stay (a reprocess must not shuffle stories)
        # Placed again: a copy that staff put in another story was set apart from this one.
        copies = [copy for copy in copies if not copy.story_curated]
    changed = []
    if copies:
        closest = copies[0]
        if closest.story_id is None:  # stored before stories existed
            closest.story = Story.objects.create()
            Article.objects.filter(pk=closest.pk).update(story=closest.story)
            changed.append(closest.pk)
        elif not Article.objects.filter(story=closest.story_id).exclude(pk__in=(closest.pk, article.pk)).exists():
            changed.append(closest.pk)  # its story gains a first copy, which its search document says
        _move(article, closest.story)
    elif article.story_id is None or Article.objects.filter(story=article.story_id).exclude(pk=article.pk).exists():
        _move(article, Story.objects.create())
    return changed


def store_bands(article: Article, keys: list[int] | None = None) -> None:
    """Replace the article's bands with those of its text now."""
    if keys is None:
        keys = _sketch(article)[1]
    CopyBand.objects.filter(article=article).delete()
    CopyBand.objects.bulk_create([CopyBand(key=key, article=article) for key in keys])


def _sketch(article: Article) -> tuple[set[str], list[int]]:
    sequences = shingles(article.body_text)
    return sequences, sorted(set(band_keys(sequences))) if len(sequences) >= MIN_SEQUENCES else []


def _closest_copies(article: Article, sequences: set[str], keys: list[int]) -> list[Article]:
    """The articles this one is a copy of, closest first."""
    if not keys:
        return []
    shared = (
        CopyBand.objects.filter(key__in=keys).exclude(article=article)
        .values("article").annotate(n=Count("key")).order_by("-n", "article")[:_CANDIDATES]
    )  # fmt: skip
    ids = [row["article"] for row in shared]
    found = []
    for other in Article.objects.filter(pk__in=ids).only("pk", "body_text", "story_id", "story_curated"):
        share = containment(sequences, shingles(other.body_text))
        if share >= THRESHOLD:
            found.append((share, other))
    found.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return [other for _, other in found]


def _move(article: Article, story: Story) -> None:
    """Put the article in `story`, and drop the story it leaves if nothing else is in it."""
    left = article.story_id
    article.story = story
    Article.objects.filter(pk=article.pk).update(story=story)
    if left and left != story.pk and not Article.objects.filter(story=left).exists():
        Story.objects.filter(pk=left).delete()
