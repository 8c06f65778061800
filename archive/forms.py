from __future__ import annotations

from django import forms


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
    published = forms.DateField(required=False, help_text="YYYY-MM-DD", widget=forms.DateInput(attrs={"type": "date"}))
    author = forms.CharField(required=False, max_length=200)
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if not data.get("files") and not data.get("text", "").strip() and not data.get("manifest"):
            raise forms.ValidationError("Choose files, a manifest, or paste an article.")
        return data

    def metadata(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("source", "title", "published", "author", "url") if self.cleaned_data.get(k)}
