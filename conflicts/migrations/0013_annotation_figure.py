"""The figure annotation: a fourth kind of annotated span, tied to a Figure."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def remove_figure_annotations(apps, schema_editor):
    """Before the figure column goes, its rows go: they are rebuilt from the text on the next publish."""
    apps.get_model("conflicts", "Annotation").objects.filter(kind="figure").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('conflicts', '0012_page_cache_generation'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='annotation',
            name='annotation_record_matches_kind',
        ),
        migrations.AddField(
            model_name='annotation',
            name='figure',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='annotations', to='conflicts.figure'),
        ),
        migrations.AlterField(
            model_name='annotation',
            name='kind',
            field=models.CharField(choices=[('claim', 'Claim'), ('source', 'Source'), ('place', 'Place'), ('figure', 'Figure')], max_length=8),
        ),
        migrations.RunPython(migrations.RunPython.noop, reverse_code=remove_figure_annotations),
        migrations.AddConstraint(
            model_name='annotation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('claim__isnull', False), ('figure__isnull', True), ('kind', 'claim'), ('location__isnull', True), ('source__isnull', True)), models.Q(('claim__isnull', True), ('figure__isnull', True), ('kind', 'source'), ('location__isnull', True), ('source__isnull', False)), models.Q(('claim__isnull', True), ('figure__isnull', True), ('kind', 'place'), ('location__isnull', False), ('source__isnull', True)), models.Q(('claim__isnull', True), ('figure__isnull', False), ('kind', 'figure'), ('location__isnull', True), ('source__isnull', True)), _connector='OR'), name='annotation_record_matches_kind', violation_error_message='An annotation refers to exactly one record, of its kind.'),
        ),
    ]
