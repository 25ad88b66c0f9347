"""The desk's vocabulary: read in three queries, whatever the number of records."""

import pytest

from conflicts.assistant import annotations_suggest, vocabulary_load
from conflicts.models import Annotation
from tests.factories import AnonymousSourceFactory, LocationFactory, SourceFactory, make_article


def annotate(page, sequence, record, quote):
    kind = "place" if record.__class__.__name__ == "Location" else "source"
    Annotation.objects.create(page=page, kind=kind, quote=quote, position=sequence * 10, sequence=sequence,
                              **{"location" if kind == "place" else "source": record})


@pytest.mark.parametrize("size", [1, 20])
def test_the_vocabulary_is_read_in_three_queries(site_tree, django_assert_num_queries, size):
    page = make_article(site_tree["news"])
    for n in range(size):
        annotate(page, 2 * n, LocationFactory(alternative_names=f"Spelling {n}"), f"Place quote {n}")
        annotate(page, 2 * n + 1, SourceFactory(), f"a source phrase {n}")
    with django_assert_num_queries(3):
        vocabulary = vocabulary_load()
    assert len(vocabulary.sources) >= size


def test_source_phrases_editors_annotated_before_are_recognised_with_their_record(site_tree):
    page = make_article(site_tree["news"])
    source = AnonymousSourceFactory(public_label="a security source")
    annotate(page, 0, source, "A security source speaking to TRT World")
    text = "A security source speaking to TRT World said the posts would be evacuated."
    (attribution,) = annotations_suggest(text, vocabulary=vocabulary_load())["attributions"]
    assert attribution["source"]["record_id"] == source.pk
    assert (attribution["source"]["kind"], attribution["source"]["anonymous"]) == ("anonymous", True)


def test_places_editors_annotated_before_are_recognised_with_their_record(site_tree):
    page = make_article(site_tree["news"])
    post = LocationFactory(name="Morek", kind="military_post")
    annotate(page, 0, post, "the Murak outpost")
    (place,) = annotations_suggest("Trucks left the Murak outpost at dawn.", vocabulary=vocabulary_load())["places"]
    assert (place["text"], place["location_id"], place["kind"]) == ("the Murak outpost", post.pk, "military_post")


def test_the_vocabulary_never_holds_a_confidential_field(site_tree):
    AnonymousSourceFactory(public_label="a police source", confidential_identity="Officer Secretname")
    vocabulary = vocabulary_load()
    assert "Secretname" not in repr(vocabulary)
