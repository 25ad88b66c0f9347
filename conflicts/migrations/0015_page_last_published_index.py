"""An index on Wagtail's pages by last publication: a claim's, place's or conflict's page reads when
the pages it lists last changed by walking down it from the newest, instead of reading every page
that carries a claim cited by thousands."""

from django.db import migrations

INDEX = "conflicts_page_last_published"


class Migration(migrations.Migration):
    dependencies = [
        ("conflicts", "0014_claim_conflict_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (last_published_at)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
