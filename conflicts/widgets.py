"""Admin widgets that choose records without listing them: a form costs the same with ten or a million.

`MultipleRecordChooser` picks several records (a many-to-many field) through the record's Wagtail
chooser modal; `RecordAutocomplete` picks one by typing, for forms shown inside a chooser modal.
Both render only the records already chosen.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse


def _chosen(widget, value):
    """(value, label) of the chosen records, in one query; values that name no record are dropped."""
    iterator = widget.choices
    queryset, field = getattr(iterator, "queryset", None), getattr(iterator, "field", None)
    if queryset is None or not value:
        return []
    to_python = queryset.model._meta.pk.to_python
    ids = []
    for item in value:
        try:
            ids.append(to_python(item))
        except (TypeError, ValueError, ValidationError):
            continue
    return [(str(obj.pk), field.label_from_instance(obj)) for obj in queryset.filter(pk__in=ids)] if ids else []


class MultipleRecordChooser(forms.SelectMultiple):
    """Several records chosen through a Wagtail chooser modal (its multiple-choice mode)."""

    template_name = "conflicts/widgets/multiple_record_chooser.html"

    def __init__(self, chooser_url_name, *, choose_text="Choose", attrs=None):
        super().__init__(attrs)
        self.chooser_url_name = chooser_url_name
        self.choose_text = choose_text

    def optgroups(self, name, value, attrs=None):
        options = [self.create_option(name, pk, label, True, index) for index, (pk, label) in
                   enumerate(_chosen(self, value))]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(chooser_url=reverse(self.chooser_url_name), choose_text=self.choose_text)
        return context

    class Media:
        js = ["wagtailadmin/js/chooser-modal.js", "conflicts/js/record-choosers.js"]
        css = {"all": ["conflicts/css/record-choosers.css"]}


class RecordAutocomplete(forms.Select):
    """One record chosen by typing part of its name: the matches come from `autocomplete_url_name`."""

    template_name = "conflicts/widgets/record_autocomplete.html"

    def __init__(self, autocomplete_url_name, *, attrs=None):
        super().__init__(attrs)
        self.autocomplete_url_name = autocomplete_url_name

    def optgroups(self, name, value, attrs=None):
        options = [self.create_option(name, "", "---------", not value or value == [""], 0)]
        options += [self.create_option(name, pk, label, True, index + 1) for index, (pk, label) in
                    enumerate(_chosen(self, value))]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["autocomplete_url"] = reverse(self.autocomplete_url_name)
        return context

    class Media:
        js = ["conflicts/js/record-choosers.js"]
        css = {"all": ["conflicts/css/record-choosers.css"]}


def places_chooser():
    return MultipleRecordChooser("wagtailsnippetchoosers_conflicts_location:choose", choose_text="Choose places")


def conflicts_chooser():
    return MultipleRecordChooser("wagtailsnippetchoosers_conflicts_conflict:choose", choose_text="Choose conflicts")
