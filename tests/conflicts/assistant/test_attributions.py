"""Attributions: cues, source phrases (pronouns resolved or dropped), claims, hedges, kinds."""

from conflicts.assistant import annotations_suggest


def only(text):
    return annotations_suggest(text)["attributions"]


def test_a_pronoun_is_replaced_by_the_speaker_named_before_it():
    text = ("Rami Abdelrahman, head of the observatory, told Reuters that government forces shelled the town.\n\n"
            "The position was the scene of fighting, he said.")
    first, second = only(text)
    assert second["cue"]["text"] == "said"
    assert second["source"] == first["source"]
    assert second["source"]["text"] == "Rami Abdelrahman, head of the observatory"
    assert second["source"]["kind"] == "named_person"
    assert second["claim"]["text"] == "The position was the scene of fighting"


def test_a_pronoun_with_no_speaker_before_it_gives_no_suggestion():
    assert only("He said ten rockets fell on the cemetery.") == []
    assert only("It said the strike hit a school.") == []


def test_it_is_resolved_to_an_organisation_not_to_a_person():
    text = ("The Defense Ministry said eight fighters were killed. Mahmoud al-Hamawi says three others were wounded. "
            "It said the operation would continue.")
    attributions = only(text)
    assert [a["source"]["text"] for a in attributions] == ["The Defense Ministry", "Mahmoud al-Hamawi", "The Defense Ministry"]


def test_a_quoted_claim_is_the_quoted_words_and_the_source_follows_the_cue():
    (attribution,) = only("“The toll might rise because several others were critically injured,” "
                          "said the Syrian Observatory for Human Rights.")
    assert attribution["source"]["text"] == "the Syrian Observatory for Human Rights"
    assert attribution["source"]["kind"] == "named_organisation"
    assert attribution["source"]["anonymous"] is False
    assert attribution["claim"]["text"] == "The toll might rise because several others were critically injured"
    assert attribution["hedge"] == "none"


def test_according_to_and_told_outlet_are_cues_with_their_sources():
    text = ("Al-Shabab fighters have killed at least eight officers, according to a police officer. "
            "A local official told AFP that those killed were two brothers.")
    according, told = only(text)
    assert (according["cue"]["text"], according["source"]["text"]) == ("according to", "a police officer")
    assert (according["source"]["kind"], according["source"]["anonymous"]) == ("anonymous", True)
    assert according["claim"]["text"] == "Al-Shabab fighters have killed at least eight officers"
    assert (told["cue"]["text"], told["source"]["text"]) == ("told AFP", "A local official")
    assert told["claim"]["text"] == "those killed were two brothers"


def test_footage_that_shows_is_a_social_media_source():
    (attribution,) = only("Footage online shows that the dismantling of four of the outposts has begun.")
    assert attribution["cue"]["text"] == "shows"
    assert attribution["source"]["text"] == "Footage online"
    assert attribution["source"]["kind"] == "social_media_footage"


def test_hedges_are_read_from_the_text():
    assert only("The authorities denied carrying out the attack.")[0]["hedge"] == "denied"
    assert only("Footage posted online appeared to show five bodies in a street.")[0]["hedge"] == "unverified"
    assert only("Turkey will withdraw, according to some unconfirmed reports.")[0]["hedge"] == "unconfirmed"
    assert only("Three people were killed, the governor said. Reuters could not independently verify "
                "the account.")[0]["hedge"] == "unverified"
    assert only("Troops allegedly fired on the crowd, residents said.")[0]["hedge"] == "alleged"


def test_a_participle_takes_the_speaker_of_its_sentence():
    first, second = only("Pro-Houthi media outlets confirmed the airstrike, saying two people were killed.")
    assert second["cue"]["text"] == "saying"
    assert second["source"]["text"] == "Pro-Houthi media outlets"
    assert second["claim"]["text"] == "two people were killed"


def test_words_that_only_look_like_cues_are_not_attributions():
    assert only("Six officers were confirmed dead. The drone attack claimed the lives of three children.") == []
    assert only("Officials were denying reports of shelling.")[0]["source"]["text"] == "Officials"


def test_an_anonymous_source_speaking_to_an_outlet_is_anonymous_not_the_outlet():
    (attribution,) = only("A security source speaking to TRT World said the posts would be evacuated.")
    assert attribution["source"]["text"] == "A security source speaking to TRT World"
    assert (attribution["source"]["kind"], attribution["source"]["anonymous"]) == ("anonymous", True)
    (attribution,) = only("Two officials, speaking on condition of anonymity, told Reuters the convoy was hit.")
    assert (attribution["source"]["kind"], attribution["source"]["anonymous"]) == ("anonymous", True)


def test_the_kind_is_read_from_the_source_phrases_own_noun():
    kinds = {a["source"]["text"]: a["source"]["kind"] for a in only(
        "The Sudan Doctors Network said seven children were wounded. "
        "Health authorities and local residents said the camp was hit. "
        "The New York Times reported that four fighters were killed. "
        "The regional governor said the shelling continued.")}
    assert kinds == {"The Sudan Doctors Network": "named_organisation",
                     "Health authorities and local residents": "official_statement",
                     "The New York Times": "news_agency", "The regional governor": "named_person"}
