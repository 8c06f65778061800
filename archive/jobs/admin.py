"""The admin's pages for import jobs: the list, one progress page per job, its JSON, its report, and cancel."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from archive.models import ImportItem, ImportJob

from .progress import items_words, progress, state_label
from .queue import cancel_job, recover_stalled_jobs, workers_alive
from .report import report_rows


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state_shown", "items_done", "imported", "duplicates", "rejected", "created", "created_by"]
    list_filter = ["state"]
    list_display_links = ["__str__"]

    def has_add_permission(self, request):
        return False  # jobs come from the upload page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a job is the record of an upload

    def get_queryset(self, request):
        by_state = {
            name: Count("items", filter=Q(items__state=state))
            for name, state in (("n_imported", "imported"), ("n_duplicate", "duplicate"), ("n_rejected", "rejected"))
        }
        done = Count("items", filter=~Q(items__state=ImportItem.State.PENDING))
        return super().get_queryset(request).annotate(n_done=done, **by_state).select_related("created_by")

    def changelist_view(self, request, extra_context=None):
        recover_stalled_jobs()
        extra_context = {**(extra_context or {}), "workers_alive": workers_alive()}
        return super().changelist_view(request, extra_context)

    @admin.display(description="state", ordering="state")
    def state_shown(self, job):
        if job.state == ImportJob.State.FAILED and job.reason:
            return f"{state_label(job)}: {Truncator(job.reason).chars(120)}"
        return state_label(job)

    @admin.display(description="items")
    def items_done(self, job):
        return items_words(job) or f"{job.n_done} of {job.total}"

    @admin.display(ordering="n_imported")
    def imported(self, job):
        return job.n_imported

    @admin.display(ordering="n_duplicate")
    def duplicates(self, job):
        return job.n_duplicate

    @admin.display(ordering="n_rejected")
    def rejected(self, job):
        return job.n_rejected

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/progress.json", view(self.progress_json), name="archive_importjob_progress"),
            path("<int:pk>/report.csv", view(self.report_view), name="archive_importjob_report"),
            path("<int:pk>/cancel/", view(require_POST(self.cancel_view)), name="archive_importjob_cancel"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self._job(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(job),
            "job": job,
            "progress": progress(job),
            "workers_alive": workers_alive(),
            "poll_url": reverse("admin:archive_importjob_progress", args=[job.pk]),
            "report_url": reverse("admin:archive_importjob_report", args=[job.pk]),
        }
        return TemplateResponse(request, "admin/archive/importjob/progress.html", context)

    def progress_json(self, request, pk):
        job = self._job(request, pk)
        return JsonResponse({**progress(job), "workers_alive": workers_alive()})

    def report_view(self, request, pk):
        job = self._job(request, pk)
        response = StreamingHttpResponse(report_rows(job), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="import-job-{job.pk}.csv"'
        return response

    def cancel_view(self, request, pk):
        job = cancel_job(self._job(request, pk))
        if job.state == ImportJob.State.CANCELLED:
            self.message_user(request, "Cancelled. Nothing of it was imported that was not already.")
        elif job.cancel_requested:
            self.message_user(request, "Cancelling: the worker stops at the item it is on; the rest are skipped.")
        else:
            self.message_user(request, f"The job is {job.state} and cannot be cancelled.", messages.WARNING)
        return redirect(job.get_absolute_url())

    def _job(self, request, pk) -> ImportJob:
        if not self.has_view_permission(request):
            raise Http404
        recover_stalled_jobs()
        try:
            return ImportJob.objects.select_related("created_by").get(pk=pk)
        except (ImportJob.DoesNotExist, ValueError):
            raise Http404("No such import job") from None
