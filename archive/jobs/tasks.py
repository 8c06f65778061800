"""The task a `db_worker` process runs for an import job (Django's tasks API, django-tasks backport)."""

from django_tasks import task


@task()
def run_import_job(job_id: int) -> str:
    from .runner import run_job

    return run_job(job_id)
