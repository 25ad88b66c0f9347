"""Figures: counts with their range and what they count; dates, ages and distances are none."""

from conflicts.assistant import annotations_suggest


def figures(text):
    return [(f["text"], f["low"], f["high"], f["counts"]) for f in annotations_suggest(text)["figures"]]


def test_a_range_gives_low_and_high():
    assert figures("Turkey has deployed between 10,000 and 15,000 troops in the northwest of Idlib.") == [
        ("between 10,000 and 15,000", 10000, 15000, "troops")]


def test_at_least_gives_a_low_and_nearly_a_high():
    assert figures("At least seven civilians were killed.") == [("At least seven", 7, None, "killed")]
    assert figures("Nearly 190,000 people have been killed in Syria.") == [("Nearly 190,000", None, 190000, "killed")]


def test_vague_counts_keep_their_words_and_no_numbers():
    assert figures("Dozens of people were wounded in the blast.") == [("Dozens", None, None, "wounded")]


def test_number_words_digits_and_millions_are_read():
    assert figures("Three officers and twenty-five soldiers were missing; 3.6 million refugees remain.") == [
        ("Three", 3, 3, "officers"), ("twenty-five", 25, 25, "missing"), ("3.6 million", 3600000, 3600000, "displaced")]


def test_what_is_counted_follows_the_casualty_word():
    assert figures("The shelling killed 13 children and injured four others.") == [
        ("13", 13, 13, "killed"), ("four", 4, 4, "wounded")]


def test_dates_ages_distances_durations_and_percentages_are_not_figures():
    text = ("On October 7, 2023, a 62-year-old man walked 30 km over two weeks; 12 percent of the "
            "houses in 2014 and one of them, the Hermes 900 drone.")
    assert figures(text) == []


def test_the_counted_noun_is_found_past_adjectives_and_compounds():
    assert figures("Four other senior Taliban militants were also killed.") == [("Four", 4, 4, "killed")]
    assert figures("Ularamu lost three brothers-in-law in the attack.") == [("three", 3, 3, "brothers-in-law")]
    assert figures("The blockade hit the five Darfur states.") == [("five", 5, 5, "states")]


def test_a_toll_put_at_a_number_counts_the_dead():
    assert figures("A study estimates the death toll at approximately 130,000.") == [
        ("approximately 130,000", 130000, 130000, "killed")]
    assert figures("Another resident said so, putting the death toll at 21.") == [("21", 21, 21, "killed")]


def test_a_year_after_a_preposition_is_not_a_figure():
    assert figures("An attack on a school in 2014 left 145 people dead.") == [("145", 145, 145, "killed")]


def test_people_forced_from_their_homes_are_displaced():
    assert figures("The conflict forced millions from their homes.") == [("millions", None, None, "displaced")]


def test_a_number_risen_to_far_from_its_noun_and_a_partitive_count_are_read():
    assert figures("The number of people killed in earlier airstrikes on the city of Khan Sheikoun had risen to 13.") == [
        ("13", 13, 13, "killed")]
    assert figures("Two of the wounded are in severe condition.") == [("Two", 2, 2, "wounded")]


def test_martyred_injured_and_groups_named_as_such_are_counted():
    assert figures("Three citizens were martyred. A drone injures one, the governor said. "
                   "The army killed dozens of jihadists and 5 Taliban.") == [
        ("Three", 3, 3, "killed"), ("one", 1, 1, "wounded"), ("dozens", None, None, "killed"), ("5", 5, 5, "taliban")]


def test_dozens_multiply_and_the_word_after_the_number_says_what_it_counts():
    assert figures("A dozen soldiers and two dozen militants died. There were 45 dead and 120 injured.") == [
        ("A dozen", 12, 12, "soldiers"), ("two dozen", 24, 24, "killed"), ("45", 45, 45, "killed"),
        ("120", 120, 120, "wounded")]
