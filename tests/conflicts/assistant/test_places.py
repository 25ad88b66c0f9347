"""Places: the desk's Locations first, then the gazetteer, then places the text describes."""

from conflicts.assistant import annotations_suggest
from conflicts.assistant.gazetteer import gazetteer_lookup
from conflicts.assistant.vocabulary import Vocabulary, vocabulary_add_location


def places(text, vocabulary=None):
    return annotations_suggest(text, vocabulary=vocabulary)["places"]


def test_a_desk_location_is_found_under_its_alternative_spelling_with_its_id():
    vocabulary = Vocabulary()
    vocabulary_add_location(vocabulary, id=41, name="Sheik Aqil", alternative_names="Sheikh Aqil\nSheikh Aqeel",
                            kind="military_post", geonames_id=None, latitude="36.235", longitude="36.949")
    (place,) = places("Troops left the Sheikh Aqeel post on Monday.", vocabulary)
    assert (place["text"], place["location_id"], place["kind"]) == ("Sheikh Aqeel", 41, "military_post")
    assert (place["latitude"], place["longitude"]) == (36.235, 36.949)


def test_a_place_the_desk_has_not_recorded_is_proposed_from_the_gazetteer():
    (place,) = places("Air strikes hit the port of Hodeidah overnight.")
    assert place["text"] == "Hodeidah"
    assert place["location_id"] is None
    assert (place["kind"], place["geonames_id"]) == ("city", 79415)
    assert (place["latitude"], place["longitude"]) == (14.79781, 42.95452)
    assert place["precision"] == "settlement"


def test_a_country_is_proposed_with_its_geonames_id():
    (place,) = places("The drones were launched from Yemen.")
    assert (place["text"], place["kind"], place["geonames_id"], place["precision"]) == ("Yemen", "country", 69543, "country")


def test_a_place_the_text_calls_a_village_is_proposed_and_found_again():
    found = places("Shells fell on the village of Latamneh. Residents of Latamneh fled.")
    assert [(p["text"], p["kind"]) for p in found] == [("Latamneh", "village"), ("Latamneh", "village")]


def test_names_inside_organisations_demonyms_and_people_are_not_places():
    text = ("The head of the Kherson Regional Military Administration, Oleksandr Prokudin, said Syrian and Somali "
            "officials met. Writing by Tom Perry.")
    assert places(text) == []


def test_a_compass_direction_is_part_of_the_name_and_alone_is_no_place():
    found = [(p["text"], p["kind"]) for p in places("Shelling hit El-Fasher, the capital of North Darfur, and northeastern Kunar.")]
    assert found == [("El-Fasher", "city"), ("North Darfur", "region"), ("Kunar", "region")]


def test_a_name_inside_an_organisations_name_is_no_place_at_any_mention():
    found = [p["text"] for p in places("The Pakistan Defense Ministry spoke. The Pakistan Taliban did not. "
                                       "Troops left Pakistan. The al-Fashir Resistance Committees said so.")]
    assert found == ["Pakistan"]


def test_a_place_the_text_describes_keeps_the_kind_the_text_gives():
    found = {p["text"]: p["kind"] for p in places("Gunmen stormed the village of Kuda in Adamawa state. "
                                                  "Militants took Janaale, an agriculturally-rich region.")}
    assert found == {"Kuda": "village", "Adamawa": "province", "Janaale": "region"}


def test_a_persons_title_keeps_the_places_it_names():
    text = '"All of them are civilians," Oleh Synehubov, governor of the Kharkiv region, said.'
    assert [p["text"] for p in places(text)] == ["Kharkiv"]


def test_english_words_at_a_sentence_start_are_not_places():
    assert places("More than 300,000 people have fled. Most were women.") == []


def test_a_country_ending_in_i_is_not_read_as_a_demonym_and_a_base_is_a_military_post():
    found = {p["text"]: p["kind"] for p in places("Jihadists attacked the army's Nassoumbou base near the border with Mali.")}
    assert found == {"Nassoumbou": "military_post", "Mali": "country"}


def test_a_place_in_a_persons_title_stays_a_place():
    text = "Two men were missing, the high commissioner of Soum province Mohamed Dah said."
    assert [p["text"] for p in places(text)] == ["Soum"]


def test_a_people_is_no_place_and_a_police_station_or_province_named_before_its_kind_is():
    found = {p["text"]: p["kind"] for p in places(
        "Baloch separatists raided a compound. Militants attacked the Chaudhwan police station. "
        "The Khyber Pakhtunkhwa provincial police chief spoke. Tehreek-e-Taliban Pakistan (TTP) denied it.")}
    assert found == {"Chaudhwan": "military_post", "Khyber Pakhtunkhwa": "province"}


def test_state_as_an_adjective_makes_no_place_of_the_word_before_it():
    assert [place["text"] for place in places("Saudi state TV said the RSF attacked a village in Gezira state.")] == ["Gezira"]


def test_a_town_spelt_otherwise_is_found_after_a_word_that_places_it():
    (place,) = places("A bomb exploded at a school in Peshwar on Tuesday.")
    assert (place["text"], place["kind"]) == ("Peshwar", "city")
    assert gazetteer_lookup("Peshawar").geonames_id == place["geonames_id"]
    assert places("He fought against the regime of Siad Barre.") == []
