"""hedge_near: whether the sentence holding a statement hedges or attributes it, in the assistant's words."""

import pytest

from conflicts.assistant import hedge_near

TEXT = (
    "Turkish troops left the Morek post on Friday. "
    "According to some unconfirmed reports, Russia will take over the post. "
    "The army reportedly moved south.\n\n"
    "A security source said the convoy was hit. Troops allegedly fired first."
)


def span(phrase):
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize(("phrase", "hedge"), [
    ("Turkish troops left the Morek post", ""),
    ("Russia will take over the post", "unconfirmed"),
    ("moved south", "reportedly"),
    ("the convoy was hit", "said"),
    ("fired first", "allegedly"),
])
def test_a_statement_is_hedged_by_its_own_sentence_only(phrase, hedge):
    assert hedge_near(TEXT, *span(phrase)) == hedge


def test_a_statement_across_two_sentences_is_hedged_by_either():
    start = TEXT.index("on Friday")
    end = TEXT.index("According") + len("According")
    assert hedge_near(TEXT, start, end) == "unconfirmed"


def test_a_word_that_reports_only_in_its_reporting_construction_attributes_nothing_elsewhere():
    text = "Turkey put 5,000 troops near the border. The army named a new commander. Officials put the toll at 40."
    assert hedge_near(text, 0, 10) == ""
    assert hedge_near(text, text.index("a new commander"), text.index("a new commander") + 5) == ""
    assert hedge_near(text, text.index("the toll"), text.index("the toll") + 8) == "put"
