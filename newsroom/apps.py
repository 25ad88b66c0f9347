"""App configuration for the site's page types."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom site"
    default_auto_field = "django.db.models.BigAutoField"
