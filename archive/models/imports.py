"""Uploads handed to a worker, their items, and the workers' heartbeats."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from archive.models.articles import Article


class ImportJob(models.Model):
    """An upload handed to a worker: its files kept verbatim first, then imported item by item.

    The items (ImportItem) are the record of progress: a job's counts are
    counted from them, so the progress page cannot drift from what happened.
    """

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"
        CANCELLED = "cancelled"

    name = models.CharField(max_length=500)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=20, choices=State, default=State.QUEUED, db_index=True)
    # What was uploaded, as stored originals: [{"name", "sha256", "size"}], and the form's metadata.
    files = models.JSONField(default=list)
    manifest = models.JSONField(null=True, blank=True)
    metadata = models.JSONField(default=dict)
    total = models.PositiveIntegerField(null=True, blank=True)  # known once the upload is unpacked
    current = models.CharField(max_length=1000, blank=True)
    reason = models.TextField(blank=True)  # why it failed
    notes = models.TextField(blank=True)  # what happened on the way (a worker lost, a resume)
    cancel_requested = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"Import #{self.pk}: {self.name}"

    def get_absolute_url(self):
        return reverse("admin:archive_importjob_change", args=[self.pk])


class ImportItem(models.Model):
    """One article-to-be of a job, and what became of it (exactly once)."""

    class State(models.TextChoices):
        PENDING = "pending"
        IMPORTED = "imported"
        DUPLICATE = "duplicate"
        REJECTED = "rejected"
        SKIPPED = "skipped"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=1000)
    sha256 = models.CharField(max_length=64, blank=True)  # its bytes in the originals store
    content_type = models.CharField(max_length=100, blank=True)
    metadata = models.JSONField(default=dict)
    state = models.CharField(max_length=20, choices=State, default=State.PENDING)
    reason = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="importitem_job_position")]
        indexes = [models.Index(fields=["job", "state", "position"], name="importitem_job_state")]


class WorkerBeat(models.Model):
    """A running import worker says it is alive; the upload page warns when none is."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started = models.DateTimeField()
    seen = models.DateTimeField(db_index=True)
