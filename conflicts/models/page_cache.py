"""The generation of every cached output, held in the database so that no missed purge can go unseen."""

from django.db import models


class PageCacheGeneration(models.Model):
    """One row per purge tag (`path:/claims/12/`, `sitemap`): a new random generation on each purge.

    A cached page records the generations of its tags when it was rendered and is served only
    while they are unchanged, so a purge whose cache deletion failed (the cache was unreachable)
    still retires the page: the row is written in the transaction of the change itself.
    """

    tag = models.CharField(max_length=255, primary_key=True)
    generation = models.BigIntegerField()

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return f"{self.tag} @ {self.generation}"
