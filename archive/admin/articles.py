"""Articles in the admin: their corrections, their stories, re-extraction, and the upload page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from simple_history.admin import SimpleHistoryAdmin

from archive.copies.curation import join, split_off
from archive.forms import ArticleEditForm, UploadForm
from archive.ingest.edits import labels
from archive.ingest.errors import IngestError
from archive.ingest.import_batch import import_items
from archive.ingest.parse import Upload
from archive.ingest.pipeline import DuplicateArticle, edit_article, reprocess_article
from archive.ingest.unpack import unpack
from archive.jobs.queue import create_job, workers_alive
from archive.models import (
    Article, Country, CountryMention, ImportJob, OrganizationMention, Person, PersonMention,
)


class _TopEntityFilter(admin.SimpleListFilter):
    """The most-mentioned entities only: a sidebar of thousands of names helps nobody."""

    model = None
    field = ""

    def lookups(self, request, model_admin):
        top = self.model.objects.annotate(n=Count("mentions")).order_by("-n")[:30]
        return [(str(e.pk), f"{e.name} ({e.n})") for e in top]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()}).distinct()
        return queryset


class PersonFilter(_TopEntityFilter):
    title = "person"
    parameter_name = "person"
    model = Person
    field = "persons__pk"


class CountryFilter(_TopEntityFilter):
    title = "country"
    parameter_name = "country"
    model = Country
    field = "countries__pk"


class _MentionInline(admin.TabularInline):
    """What the extraction found: shown, never edited here (curate the entity, or correct the text)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PersonMentionInline(_MentionInline):
    model = PersonMention
    fields = readonly_fields = ["person", "spelling", "count"]


class CountryMentionInline(_MentionInline):
    model = CountryMention
    fields = readonly_fields = ["country", "spelling", "count"]


class OrganizationMentionInline(_MentionInline):
    model = OrganizationMention
    fields = readonly_fields = ["organization", "spelling", "count"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    """Articles come in through Upload; staff correct their metadata and text, always through the write path."""

    form = ArticleEditForm
    list_display = ["title", "outlet", "published", "original_name", "created"]
    list_filter = ["outlet", "published", PersonFilter, CountryFilter]
    search_fields = ["title", "body_text", "author"]
    date_hierarchy = "published"
    list_select_related = ["outlet"]
    readonly_fields = ["corrected", "other_copies", "original_name", "original_type", "original_sha256", "original_size",
                       "upload_metadata", "language", "fingerprint", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "source", "published", "author", "url", "body_text", "corrected"]}),
        ("Its story", {"fields": ["other_copies"]}),
        ("The original, as uploaded", {"fields": ["original_name", "original_type", "original_sha256", "original_size",
                                                   "upload_metadata", "language", "fingerprint", "created", "updated"]}),
    ]
    inlines = [PersonMentionInline, CountryMentionInline, OrganizationMentionInline]
    actions = ["reextract_selected", "reextract_without_corrections", "split_off_stories", "join_stories"]
    history_list_display = ["title", "outlet", "published", "author", "url"]

    def has_add_permission(self, request):
        return False  # Upload articles is the way in

    @admin.display(description="Corrected by hand")
    def corrected(self, obj):
        return labels(obj.edited) or "nothing: as extracted from the original"

    def save_model(self, request, obj, form, change):
        current = Article.objects.get(pk=obj.pk)
        changes = form.corrections(current)
        try:
            edit_article(current, changes)
        except (IngestError, DuplicateArticle) as exc:  # checked by the form already; the rules may have moved since
            messages.error(request, f"Nothing was changed: {exc}")
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # The mentions are derived by edit_article, never posted: nothing of the formsets is saved.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @admin.display(description="Other copies")
    def other_copies(self, obj):
        copies = [a for a in obj.story.copies().select_related("outlet") if a.pk != obj.pk] if obj.story else []
        if not copies:
            return "none: no other outlet's copy of this story is in the archive"
        listed = format_html_join(
            mark_safe("<br>"), '<a href="{}">{}</a> — {}, {}',
            ((reverse("admin:archive_article_change", args=[a.pk]), a.title, a.outlet or "unknown outlet",
              a.published or "undated") for a in copies),
        )
        return format_html("{}{}", listed, " (placed by hand)" if obj.story_curated else "")

    @admin.action(description="Split off their stories: not copies of the others")
    def split_off_stories(self, request, queryset):
        for article in queryset.order_by("pk"):
            split_off(article)
        messages.info(request, f"{queryset.count()} article(s) now stand as stories of their own (kept over reprocess).")

    @admin.action(description="Join their stories into one: copies of one story")
    def join_stories(self, request, queryset):
        articles = list(queryset)
        if len(articles) < 2:
            messages.warning(request, "Select at least two articles to join their stories.")
            return
        story = join(articles)
        messages.info(request, f"Joined into one story of {story.articles.count()} articles (kept over reprocess).")

    @admin.action(description="Re-extract from the original (corrections kept)")
    def reextract_selected(self, request, queryset):
        self._reextract(request, queryset, keep=True)

    @admin.action(description="Re-extract from the original, dropping corrections")
    def reextract_without_corrections(self, request, queryset):
        self._reextract(request, queryset, keep=False)

    def _reextract(self, request, queryset, *, keep: bool) -> None:
        done, problems = 0, []
        for article in queryset.order_by("pk"):
            edited = article.edited
            if not keep:
                article.edited = {}
            try:
                reprocess_article(article, reason="re-extracted from the original" + ("" if keep else ", corrections dropped"))
                done += 1
            except (IngestError, DuplicateArticle, OSError) as exc:
                article.edited = edited
                problems.append(f"#{article.pk}: kept as it was: {exc}")
        messages.info(request, f"Re-extracted {done} article{'s' if done != 1 else ''} from the original.")
        for problem in problems:
            messages.warning(request, problem)

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="archive_article_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request):
        """One pasted text or one file imports here and now; anything bigger becomes a job for a worker."""
        outcomes = None
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        if request.method == "POST" and form.is_valid():
            if not form.is_small():
                job = create_job(form.stored_files(), manifest=form.stored_manifest(), metadata=form.metadata(),
                                 user=request.user)
                return redirect(job.get_absolute_url())
            outcomes = list(import_items(_form_items(form)))
        if form.has_error("text"):  # a paste over the limit is not sent back to the browser
            form.data = form.data.copy()
            form.data["text"] = ""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
            "form": form,
            "outcomes": outcomes,
            "counts": _count(outcomes or []),
            "max_bytes": settings.ARCHIVE_MAX_UPLOAD_BYTES,
            "workers_alive": workers_alive(),
            "recent_jobs": ImportJob.objects.all()[:5],
        }
        return render(request, "admin/archive/article/upload.html", context)


def _form_items(form: UploadForm):
    """The items of a small upload (one file or a pasted text), imported in the request."""
    metadata = form.metadata()
    for f in form.cleaned_data.get("files") or []:
        f.seek(0)
        yield from unpack(f.name, f.read(), metadata=metadata)
    text = form.cleaned_data.get("text", "")
    if text.strip():
        yield Upload(text.encode("utf-8"), "pasted text", "text/plain", metadata)


def _count(outcomes) -> dict:
    counts = {"imported": 0, "duplicate": 0, "rejected": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts
