from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.shortcuts import render
from django.urls import path, reverse

from .forms import UploadForm
from .ingest.errors import IngestError
from .ingest.import_batch import import_items
from .ingest.parse import Upload
from .ingest.unpack import Manifest, Rejected, read_manifest, unpack
from .search.sync import schedule_index
from .models import (
    Article,
    Country,
    CountryMention,
    Organization,
    OrganizationAlias,
    OrganizationMention,
    Outlet,
    Person,
    PersonAlias,
    PersonMention,
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


class PersonMentionInline(admin.TabularInline):
    model = PersonMention
    extra = 0
    fields = ["person", "spelling", "count"]
    readonly_fields = fields


class CountryMentionInline(admin.TabularInline):
    model = CountryMention
    extra = 0
    fields = ["country", "spelling", "count"]
    readonly_fields = fields


class OrganizationMentionInline(admin.TabularInline):
    model = OrganizationMention
    extra = 0
    fields = ["organization", "spelling", "count"]
    readonly_fields = fields


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "original_name", "created"]
    list_filter = ["outlet", "published", PersonFilter, CountryFilter]
    search_fields = ["title", "body_text", "author"]
    date_hierarchy = "published"
    list_select_related = ["outlet"]
    readonly_fields = ["original_name", "original_type", "original_sha256", "original_size", "upload_metadata",
                       "fingerprint", "created", "updated"]
    inlines = [PersonMentionInline, CountryMentionInline, OrganizationMentionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule_index([form.instance.pk])

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="archive_article_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request):
        outcomes = None
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        if request.method == "POST" and form.is_valid():
            outcomes = list(import_items(_form_items(form)))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
            "form": form,
            "outcomes": outcomes,
            "counts": _count(outcomes or []),
            "max_bytes": settings.ARCHIVE_MAX_UPLOAD_BYTES,
        }
        return render(request, "admin/archive/article/upload.html", context)


def _form_items(form: UploadForm):
    metadata = form.metadata()
    manifest = Manifest()
    upload = form.cleaned_data.get("manifest")
    if upload:
        try:
            manifest = read_manifest(upload.read(), upload.name)
        except IngestError as exc:
            # A bad manifest stops the whole batch before anything is imported.
            yield Rejected(upload.name, str(exc))
            return
    files = form.cleaned_data.get("files") or []
    if len(files) > 1 or manifest.by_file or manifest.texts:
        metadata.pop("title", None)  # one title cannot name many articles
    for f in files:
        if f.size > settings.ARCHIVE_MAX_UPLOAD_BYTES:
            yield Rejected(f.name, f"{f.size:,} bytes is over the upload limit of {settings.ARCHIVE_MAX_UPLOAD_BYTES:,}")
            continue
        yield from unpack(f.name, f.read(), metadata=metadata, manifest=manifest)
    for name, text, row_meta in manifest.texts:
        yield Upload(text.encode("utf-8"), name, "text/plain", {**metadata, **row_meta})
    text = form.cleaned_data.get("text", "")
    if text.strip():
        yield Upload(text.encode("utf-8"), "pasted text", "text/plain", form.metadata())


def _count(outcomes) -> dict:
    counts = {"imported": 0, "duplicate": 0, "rejected": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts


class ReindexArticlesMixin:
    """Searches follow an edit in the admin within the same request: names and aliases are indexed."""

    def _article_ids(self, obj) -> list[int]:
        return list(obj.articles.values_list("pk", flat=True)) if obj.pk else []

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule_index(self._article_ids(form.instance))

    def delete_model(self, request, obj):
        ids = self._article_ids(obj)
        super().delete_model(request, obj)
        schedule_index(ids)

    def delete_queryset(self, request, queryset):
        ids = [pk for obj in queryset for pk in self._article_ids(obj)]
        super().delete_queryset(request, queryset)
        schedule_index(ids)


class AliasInline(admin.TabularInline):
    extra = 1
    fields = ["name"]


class PersonAliasInline(AliasInline):
    model = PersonAlias


class OrganizationAliasInline(AliasInline):
    model = OrganizationAlias


@admin.register(Person)
class PersonAdmin(ReindexArticlesMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "mention_count"]
    search_fields = ["name", "aliases__name"]
    readonly_fields = ["key"]
    inlines = [PersonAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_count=Count("mentions"))

    @admin.display(ordering="mention_count", description="articles")
    def mention_count(self, obj):
        return obj.mention_count


@admin.register(Organization)
class OrganizationAdmin(PersonAdmin):
    inlines = [OrganizationAliasInline]


@admin.register(Country)
class CountryAdmin(ReindexArticlesMixin, admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Outlet)
class OutletAdmin(ReindexArticlesMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
