"""What an import made of each source object, so a second run updates instead of duplicating."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ImportedObject(models.Model):
    """One source object (a Drupal node, a WordPress comment, a Disqus thread…) and what it became here."""

    source = models.CharField(max_length=100, help_text="Which old site, e.g. drupal7 or wordpress.")
    kind = models.CharField(max_length=20, help_text="page, comment, image or redirect.")
    source_id = models.CharField(max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "imported object"
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "source_id"], name="importers_one_object_per_source_id")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="importers_target")]

    def __str__(self):
        return f"{self.source} {self.kind} {self.source_id}"


class ImportRun(models.Model):
    """One run of an importer: counts only (never addresses), logged in Wagtail's site history."""

    source = models.CharField(max_length=100)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, help_text="Created, updated and skipped, by kind.")

    class Meta:
        verbose_name = "import run"
        ordering = ["-started_at"]

    def __str__(self):
        return f"Import from {self.source} at {self.started_at:%Y-%m-%d %H:%M}"
