from __future__ import annotations

from dataclasses import replace

from django import forms
from django.conf import settings
from django.http import QueryDict

from .ingest.edits import EDITABLE, correction, normalise
from .ingest.errors import IngestError
from .ingest.parse import EARLIEST_PUBLISHED, check_published, fingerprint, latest_published
from .ingest.unpack import ZIP_MAGIC, read_manifest
from .jobs.queue import StoredFile
from .models import Article
from .search.base import FACETS, SORTS, UNDATED, SearchQuery


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # Empty files get the pipeline's own clear reason in the report instead.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        required=False, help_text="Text or HTML files, .gz files or .zip archives. Select as many as you like."
    )
    manifest = forms.FileField(
        required=False, help_text="Optional CSV or JSON Lines file: file or text, title, source, url, published, author."
    )
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}), label="Or paste an article")
    source = forms.CharField(required=False, max_length=200, label="Outlet", help_text="Wins over what the text says.")
    title = forms.CharField(required=False, max_length=500, help_text="Only for a single article.")
    published = forms.DateField(required=False, help_text="The day the outlet published it.", widget=forms.DateInput(attrs={"type": "date"}))
    author = forms.CharField(required=False, max_length=200)
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published"].widget.attrs.update(min=EARLIEST_PUBLISHED.isoformat(), max=latest_published().isoformat())

    def clean_published(self):
        published = self.cleaned_data.get("published")
        if published:
            try:
                check_published(published)
            except IngestError as exc:
                raise forms.ValidationError(_sentence(exc)) from None
        return published

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        size, limit = len(text.encode("utf-8")), settings.ARCHIVE_MAX_ARTICLE_BYTES
        if size > limit:
            raise forms.ValidationError(
                f"The pasted text is {size:,} bytes, over the limit of {limit:,} bytes for one article. Nothing was imported."
            )
        return text

    def clean_files(self):
        # Refused before anything is stored: an upload over the limit never reaches the archive.
        limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
        for f in self.cleaned_data.get("files") or []:
            if f.size > limit:
                raise forms.ValidationError(
                    f"{f.name} is {f.size:,} bytes, over the upload limit of {limit:,} bytes. Nothing was imported."
                )
        return self.cleaned_data.get("files") or []

    def clean_manifest(self):
        # A bad manifest stops the whole upload at once, with the reason, before anything is stored.
        manifest = self.cleaned_data.get("manifest")
        if manifest:
            if manifest.size > settings.ARCHIVE_MAX_UPLOAD_BYTES:
                raise forms.ValidationError(f"{manifest.name} is over the upload limit. Nothing was imported.")
            try:
                read_manifest(manifest.read(), manifest.name)
            except IngestError as exc:
                raise forms.ValidationError(f"{exc}. Nothing was imported.") from None
            manifest.seek(0)
        return manifest

    def clean(self):
        data = super().clean()
        if not data.get("files") and not data.get("text", "").strip() and not data.get("manifest"):
            if not self.errors:
                raise forms.ValidationError("Choose files, a manifest, or paste an article.")
        return data

    def metadata(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("source", "title", "published", "author", "url") if self.cleaned_data.get(k)}

    def is_small(self) -> bool:
        """One short pasted text or plain file: imported in the request, so the uploader sees it at once.

        Anything longer goes to a worker: finding the names in a text of a
        megabyte takes most of a minute, longer than a web server waits.
        """
        files = self.cleaned_data.get("files") or []
        text = self.cleaned_data.get("text", "").strip()
        if self.cleaned_data.get("manifest") or len(files) + bool(text) != 1:
            return False
        size = files[0].size if files else len(text.encode("utf-8"))
        if size > settings.ARCHIVE_INLINE_IMPORT_BYTES:
            return False
        return not files or not (files[0].name.lower().endswith(".zip") or _starts_like_zip(files[0]))

    def stored_files(self) -> list[StoredFile]:
        """The files as handed over (a pasted text beside them becomes one more file)."""
        stored = []
        for f in self.cleaned_data.get("files") or []:
            f.seek(0)
            stored.append(StoredFile(f.name, f.read()))
        text = self.cleaned_data.get("text", "")
        if text.strip():
            stored.append(StoredFile("pasted text.txt", text.encode("utf-8")))
        return stored

    def stored_manifest(self) -> StoredFile | None:
        manifest = self.cleaned_data.get("manifest")
        if not manifest:
            return None
        manifest.seek(0)
        return StoredFile(manifest.name, manifest.read())


class ArticleEditForm(forms.ModelForm):
    """Staff's corrections: the metadata and the body as text, never raw HTML.

    Saving goes through the write path (pipeline.edit_article), so values are
    checked here exactly as an import checks them.
    """

    source = forms.CharField(required=False, max_length=200, label="Outlet",
                             help_text="A new name makes a new outlet; an existing one (any case) is reused.")
    body_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 24, "cols": 100}), label="Body",
                                help_text="Plain text, paragraphs separated by a blank line. An article from an HTML "
                                          "page is shown from this text once it is edited; the original stays stored.")

    class Meta:
        model = Article
        fields = ["title", "source", "published", "author", "url", "body_text"]
        widgets = {"published": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"published": "Leave empty when the date is not known."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["source"] = self.instance.outlet.name if self.instance.outlet_id else ""
        self.fields["published"].widget.attrs.update(min=EARLIEST_PUBLISHED.isoformat(), max=latest_published().isoformat())

    def clean(self):
        data = super().clean()
        for field in EDITABLE:
            if field in data and not self.has_error(field):
                try:
                    correction(field, data[field])
                except IngestError as exc:
                    self.add_error(field, _sentence(exc))
        # The article as stored now (on a history page, self.instance is an earlier version).
        current = Article.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        if current and not self.errors and {"title", "body_text"} & set(self.corrections(current)):
            same = fingerprint(correction("title", data["title"]), correction("body_text", data["body_text"]))
            other = Article.objects.filter(fingerprint=same).exclude(pk=self.instance.pk).first()
            if other:
                raise forms.ValidationError(f"With these corrections this article would be the same as #{other.pk} "
                                            f"“{other.title}”. Nothing was changed.")
        return data

    def corrections(self, current: Article) -> dict:
        """The fields whose value differs from the article as stored now."""
        stored = {
            "title": current.title, "source": current.outlet.name if current.outlet_id else "",
            "published": current.published, "author": current.author, "url": current.url, "body_text": current.body_text,
        }
        return {field: self.cleaned_data[field] for field in EDITABLE
                if field in self.cleaned_data and normalise(field, self.cleaned_data[field]) != normalise(field, stored[field])}


def _sentence(error: Exception) -> str:
    """An IngestError's reason ("the published date ...") as a form's message."""
    text = str(error)
    return f"{text[:1].upper()}{text[1:]}."


def _starts_like_zip(upload) -> bool:
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    return head == ZIP_MAGIC


class _ValuesField(forms.Field):
    """A repeatable GET parameter (`?person=a&person=b`) as a tuple of distinct values."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, upper: bool = False, **kwargs):
        self.upper = upper
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> tuple[str, ...]:
        values = value if isinstance(value, (list, tuple)) else [value]
        cleaned = (v.strip() for v in values if isinstance(v, str) and 0 < len(v.strip()) <= 200 and "\x00" not in v)
        return tuple(dict.fromkeys(v.upper() if self.upper else v for v in cleaned))[:20]


class SearchForm(forms.Form):
    """The search page's GET parameters; a bad value is dropped, never an error page."""

    q = forms.CharField(required=False)
    source = _ValuesField()
    person = _ValuesField()
    country = _ValuesField(upper=True)
    organization = _ValuesField()
    # Values whose articles are left out (?not_source=reuters), and the facets whose
    # picked values must all be mentioned (?every=person) rather than any of them.
    not_source = _ValuesField()
    not_person = _ValuesField()
    not_country = _ValuesField(upper=True)
    not_organization = _ValuesField()
    every = _ValuesField()
    undated = forms.ChoiceField(required=False, choices=[(u, u) for u in UNDATED])
    find = forms.CharField(required=False)  # narrows the values listed of the `more` facet
    sort = forms.ChoiceField(required=False, choices=[(s, s) for s in SORTS])
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)
    more = forms.ChoiceField(required=False, choices=[(f, f) for f in FACETS])
    all = forms.BooleanField(required=False)  # only articles with every word: never relax
    copies = forms.ChoiceField(required=False, choices=[("all", "all")])  # every copy of a story as its own hit
    hit = forms.IntegerField(required=False, min_value=0, max_value=2_000_000)  # a hit's place, on its article page

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword, so these two cannot be declared above.
        for name in ("from", "to"):
            self.fields[name] = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
        self.is_valid()  # fills cleaned_data with the valid fields only (a bound form)

    def clean_find(self) -> str:
        return " ".join(self.cleaned_data["find"].split())[:100]

    def clean_q(self) -> str:
        # Long pastes are searched by their first words anyway (querytext.MAX_QUERY_CHARS);
        # cutting here keeps every link on the page short.
        return " ".join(self.cleaned_data["q"].split())[:1000]

    @property
    def bad_page(self) -> bool:
        return self.has_error("page")

    def search_query(self, **changes) -> SearchQuery:
        data = getattr(self, "cleaned_data", {})
        more, find = data.get("more"), " ".join((data.get("find") or "").split())
        query = SearchQuery(
            q=data.get("q") or "",
            # A value both picked and left out is left out.
            filters={name: tuple(v for v in data[name] if v not in (data.get(f"not_{name}") or ()))
                     for name in FACETS if data.get(name)},
            exclude={name: data[f"not_{name}"] for name in FACETS if data.get(f"not_{name}")},
            all_of=frozenset(name for name in data.get("every") or () if name in FACETS),
            undated=data.get("undated") or "",
            facet_search={more: find} if more and find else {},
            date_from=data.get("from"),
            date_to=data.get("to"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            facet_limit=None if data.get("more") else 10,
            match_all=bool(data.get("all")),
            collapse=data.get("copies") != "all",
        )
        return replace(query, **changes)

    def params(self) -> QueryDict:
        """The valid parameters alone, as the query string every link on the page starts from."""
        data = getattr(self, "cleaned_data", {})
        params = QueryDict(mutable=True)
        for name in ("q", *FACETS, *(f"not_{f}" for f in FACETS), "every", "undated", "from", "to", "sort", "all",
                     "copies", "page", "more", "find"):
            value = data.get(name)
            if value in (None, "", (), False) or (name == "sort" and value == "relevance"):
                continue
            if value is True:
                value = "1"
            if isinstance(value, tuple):
                params.setlist(name, list(value))
            else:
                params[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return params
