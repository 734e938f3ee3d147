"""wagtail-localize's background jobs (translating a page's subtree, synchronising a locale) on
django-q2, the platform's worker, so a request that starts them returns at once.

Enabled by `WAGTAILLOCALIZE_JOBS = {"BACKEND": "mirrors.jobs.DjangoQJobBackend"}`."""

from django.db import transaction
from django_q.tasks import async_task
from wagtail_localize.tasks import BaseJobBackend


class DjangoQJobBackend(BaseJobBackend):
    def __init__(self, options):
        super().__init__(options)
        self.group = options.get("GROUP", "wagtail-localize")

    def enqueue(self, func, args, kwargs):
        # wagtail-localize enqueues inside its own transaction: hand the job to the worker only once
        # the pages it reads are committed, or a fast worker would find them missing.
        transaction.on_commit(lambda: async_task(func, *args, q_options={"group": self.group}, **kwargs))
