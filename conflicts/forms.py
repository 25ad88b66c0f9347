"""The admin form of pages that carry annotations."""

from wagtail.admin.forms import WagtailAdminPageForm

from .spans import annotation_reference_errors, annotation_refs_follow_merges


class ReportingPageForm(WagtailAdminPageForm):
    """Refuses a rich-text body whose annotations name no existing record, with a message, and
    saves spans naming a merged record naming the record kept.

    StreamField bodies check each block (conflicts.blocks.AnnotatedRichTextBlock); a plain
    RichTextField body is checked here.
    """

    def clean(self):
        cleaned_data = super().clean()
        field_name = self.instance.annotated_body_field
        value = cleaned_data.get(field_name)
        if isinstance(value, str):
            for error in annotation_reference_errors(value):
                self.add_error(field_name, error)
            cleaned_data[field_name] = annotation_refs_follow_merges(value)
        return cleaned_data
