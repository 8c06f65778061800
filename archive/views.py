from __future__ import annotations

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from .ingest.originals import read_original
from .models import Article, Country, Outlet, Person


def home(request):
    context = {
        "articles": Article.objects.select_related("outlet")[:20],
        "total": Article.objects.count(),
        "outlets": Outlet.objects.annotate(n=Count("articles")).order_by("-n")[:10],
        "people": Person.objects.annotate(n=Count("mentions")).order_by("-n")[:10],
        "countries": Country.objects.annotate(n=Count("mentions")).order_by("-n")[:10],
    }
    return render(request, "archive/home.html", context)


def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    context = {
        "article": article,
        "paragraphs": article.body_text.split("\n\n"),
        "people": article.personmention_set.select_related("person").order_by("-count"),
        "countries": article.countrymention_set.select_related("country").order_by("-count"),
        "organizations": article.organizationmention_set.select_related("organization").order_by("-count"),
    }
    return render(request, "archive/article_detail.html", context)


def article_original(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    # Always a download, never rendered: an uploaded HTML page may carry scripts.
    response = HttpResponse(read_original(article.original_sha256), content_type="application/octet-stream")
    name = article.original_name.replace("\\", "/").rsplit("/", 1)[-1] or f"article-{pk}"
    response["Content-Disposition"] = f'attachment; filename="{name.encode("ascii", "replace").decode()}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
