"""A suggested figure as the fields of a Figure record: the vocabulary's kind, the range, the words."""

import pytest

from conflicts.assistant import figure_fields, figures_find


@pytest.mark.parametrize(("text", "expected"), [
    ("between 10,000 and 15,000 troops", {"counts": "troops", "counted": "combatants", "low": 10_000,
                                          "best": None, "high": 15_000}),
    ("at least seven civilians were killed", {"counts": "killed", "counted": "unspecified", "low": 7,
                                              "best": None, "high": None}),
    ("12 vehicles", {"counts": "vehicles", "counted": "unspecified", "low": None, "best": 12, "high": None}),
    ("dozens of people", {"counts": "other", "counted": "unspecified", "low": None, "best": None, "high": None}),
])
def test_a_suggested_figure_becomes_a_record_of_the_fixed_vocabulary(text, expected):
    fields = figure_fields(figures_find(text)[0])
    assert {key: fields[key] for key in expected} == expected
    assert fields["words"] == figures_find(text)[0]["text"]


def test_other_counts_keep_what_is_counted_as_their_label_and_fractions_are_not_counts():
    fields = figure_fields({"text": "1.5 people", "low": 1.5, "high": 1.5, "counts": "people"})
    assert (fields["counts"], fields["counts_label"], fields["best"], fields["low"]) == ("other", "people", None, None)
