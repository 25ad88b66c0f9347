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
                "the account.")[0]["hedge"] == "unconfirmed"
    (declined,) = only("White House officials declined to confirm that the commander was killed.")
    assert (declined["cue"]["text"], declined["hedge"]) == ("declined to confirm", "unconfirmed")
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


def test_reporting_verbs_beyond_said_are_cues_with_their_speakers():
    text = ("Activists blamed government forces for the shelling. The medical group denounced the attack. "
            "The network appealed to the United Nations to act. A study by two universities estimates the toll at 130,000. "
            "The minister was quoted as saying the road was closed. "
            "A senior security official in Mogadishu told dpa that the town had fallen. "
            "A U.S. official told the news agency the target was a commander.")
    found = [(a["cue"]["text"], a["source"]["text"]) for a in only(text)]
    assert found == [("blamed", "Activists"), ("denounced", "The medical group"), ("appealed", "The network"),
                     ("estimates", "A study by two universities"), ("quoted as saying", "The minister"),
                     ("told dpa", "A senior security official in Mogadishu"), ("told the news agency", "A U.S. official")]


def test_nouns_adjectives_and_passives_that_look_like_cues_are_not_attributions():
    assert only("An estimated 400 people fled. The claims could not be checked. Four were reported missing. "
                "The Taliban has not commented on his reported death.") == []


def test_a_relative_clause_speaks_for_the_noun_before_it():
    (attribution,) = only("There was no immediate comment from Russia, which denies targeting civilians.")
    assert (attribution["cue"]["text"], attribution["source"]["text"]) == ("denies", "Russia")
    assert (attribution["source"]["kind"], attribution["hedge"]) == ("official_statement", "denied")


def test_a_verb_joined_by_and_shares_the_speaker_and_reads_its_own_hedge():
    claimed, said = only("Al Shabaab claimed responsibility for the attack and said 26 soldiers had been killed, "
                         "but that could not be confirmed by other sources.")
    assert claimed["source"]["text"] == said["source"]["text"] == "Al Shabaab"
    assert claimed["source"]["kind"] == "named_organisation"
    assert (claimed["hedge"], said["hedge"]) == ("none", "unconfirmed")


def test_what_a_speaker_reports_it_did_is_one_attribution_not_two():
    (attribution,) = only("The activist group said it had counted 22 bodies.")
    assert attribution["claim"]["text"] == "it had counted 22 bodies"


def test_the_official_keeps_the_kind_of_the_person_described_before():
    first, second = only("Four militiamen were killed, police spokesman Abdul Khalil Asir said. "
                         "The attackers fled, the official confirmed.")
    assert second["source"]["text"] == "the official"
    assert (second["source"]["kind"], second["source"]["anonymous"]) == ("named_person", False)
    first, second = only("A military commander in the region said the base fell. Troops withdrew, the official said.")
    assert (first["source"]["kind"], second["source"]["kind"]) == ("anonymous", "anonymous")


def test_a_dateline_is_not_part_of_the_source():
    (attribution,) = only("BEIRUT (AP) – Syrian activists say two people were killed.")
    assert attribution["source"]["text"] == "Syrian activists"


def test_present_tense_passive_with_agent_and_what_clauses_are_cues():
    found = [(a["cue"]["text"], a["source"]["text"]) for a in only(
        "Rights groups accuse the military of razing villages. "
        "This was reported by the head of the regional administration Oleh Kiper, UNN reports. "
        "At least 12 soldiers were killed in what authorities say is the biggest attack.")]
    assert found == [("accuse", "Rights groups"), ("reported", "the head of the regional administration Oleh Kiper"),
                     ("reports", "UNN"), ("say", "authorities")]


def test_a_negated_or_infinitive_verb_is_no_cue():
    assert only("The figures have not been confirmed by other sources. Officials were unable to confirm the toll.") == []


def test_an_office_holder_named_after_the_office_is_a_named_person_and_outlets_are_news():
    kinds = [a["source"]["kind"] for a in only(
        "Two men were missing, the high commissioner of Soum province Mohamed Dah said. "
        "Local media reported the strikes, with some outlets saying nine people had been killed.")]
    assert kinds == ["named_person", "news_agency", "news_agency"]


def test_nobody_claiming_and_blamed_on_are_not_attributions():
    assert only("No one immediately claimed responsibility. No group has claimed the attack. "
                "Most of the attacks were blamed on the Pakistani Taliban.") == []


def test_a_source_keeps_its_acronym_a_role_before_a_name_and_a_reduced_relative_clause():
    found = [(a["source"]["text"], a["source"]["kind"]) for a in only(
        "The Balochistan Liberation Army (BLA), a banned separatist group, claimed responsibility for the raid. "
        "The attack occurred in Karak, local police official Abbas Khan said. "
        "They were killed by members of M23, a rebel group the United Nations says has links to Rwanda.")]
    assert found == [("The Balochistan Liberation Army (BLA), a banned separatist group", "named_organisation"),
                     ("local police official Abbas Khan", "named_person"), ("the United Nations", "named_organisation")]


def test_a_named_channel_security_sources_and_an_acronym_keep_their_kinds():
    kinds = [(a["cue"]["text"], a["source"]["kind"]) for a in only(
        "Rudaw, a local television channel whose reporters were inside the base, said two attackers entered. "
        "An Iraqi base was hit, Iraqi and U.S. security sources tell AFP. "
        "The ship came under attack, the US Central Command (CENTCOM) said. There were no reported injuries.")]
    assert kinds == [("said", "news_agency"), ("tell AFP", "anonymous"), ("said", "named_organisation")]


def test_a_next_sentence_that_quotes_someone_does_not_hedge_the_one_before():
    first, _ = only("Western sources told AFP the rockets were Iranian-made. "
                    "“One contractor died,” a source said, and could not confirm his nationality.")
    assert first["hedge"] == "none"
    (attribution,) = only("The militant group claims to have killed 26 soldiers. These figures have not been confirmed.")
    assert attribution["hedge"] == "unconfirmed"


def test_but_ends_a_clause_before_the_speaker_and_informed_is_a_cue():
    found = [(a["cue"]["text"], a["source"]["text"]) for a in only(
        "It was not clear what the attacks were targeting but an activist in the area said there were no fighters. "
        "Later, the governor informed about two casualties in Vovchansk.")]
    assert found == [("said", "an activist in the area"), ("informed", "the governor")]


def cues_and_sources(text):
    return [(a["cue"]["text"], a["source"]["text"]) for a in only(text)]


def test_the_speaker_quoted_as_saying_is_the_source_of_the_words():
    assert cues_and_sources("The agency quoted a police official as saying that five people had died.") == [
        ("quoted", "The agency"), ("saying", "a police official")]


def test_a_title_before_the_name_belongs_to_the_source_and_how_it_spoke_does_not():
    assert cues_and_sources("The governor, Alexander Bogomaz, writing on the Telegram messaging app, said the town was hit.") == [
        ("said", "The governor, Alexander Bogomaz")]
    assert cues_and_sources("The army, in a statement, said it had killed 20 militants.") == [("said", "The army")]


def test_a_reporting_verb_after_and_keeps_the_subject_of_its_clause():
    assert cues_and_sources("The spokesman said that the chief was called Ghazi Shahid, and explained that the attack "
                            "took place in the city.") == [("said", "The spokesman"), ("explained", "The spokesman")]
    assert cues_and_sources("The Transitional Sovereignty Council condemned the attack and accused the RSF of targeting "
                            "civilians.") == [("accused", "The Transitional Sovereignty Council")]


def test_verbs_with_other_senses_report_only_in_their_reporting_construction():
    assert cues_and_sources("The Observatory put the death toll at 40. Officials described the attack as the deadliest "
                            "this year. Human Rights Watch charged that the army used cluster munitions.") == [
        ("put", "The Observatory"), ("described", "Officials"), ("charged", "Human Rights Watch")]
    assert only("The army put pressure on the town. The police responded to the attack and maintained control. "
                "The police responded.") == []


def test_named_recipients_and_the_outlets_own_witnesses_are_cues():
    assert cues_and_sources("The police chief told parliament that 30 suspects had been arrested. An AFP journalist "
                            "heard three explosions.") == [
        ("told parliament", "The police chief"), ("heard", "An AFP journalist")]


def test_an_outlet_that_could_not_verify_the_reports_leaves_the_paragraph_before_unconfirmed():
    text = ("The governor said the town was shelled. He earlier reported that three homes were damaged.\n\n"
            "Reuters could not independently verify the reports.")
    assert [a["hedge"] for a in only(text)] == ["unconfirmed", "unconfirmed"]


def test_a_name_in_apposition_makes_the_source_a_named_person():
    kinds = [(a["source"]["kind"], a["source"]["anonymous"]) for a in only(
        "A spokesman for the police chief of the province, Sanaullah Rouhani, announced the toll. "
        "\"We have lost everything,\" Fatima, a mother of four, told the BBC.")]
    assert kinds == [("named_person", False), ("named_person", False)]


def test_a_speaker_named_after_the_cue_is_the_source_only_when_nothing_else_follows():
    assert cues_and_sources("Ten people were killed, said Dr. Ahmed Saleh, director of the hospital.") == [
        ("said", "Dr. Ahmed Saleh")]
    assert cues_and_sources("Ukraine's military intelligence agency, known as HUR, said the strike hit a depot.") == [
        ("said", "Ukraine's military intelligence agency, known as HUR")]


def test_how_a_source_was_reached_and_what_kind_of_agency_it_is_do_not_change_who_it_is():
    kinds = [(a["source"]["text"], a["source"]["kind"]) for a in only(
        "Residents reached by phone said the fighting continued. "
        "An army spokesman, Brig. Gen. Nabil Abdallah, said the attack was repelled. "
        "Ukraine's military intelligence agency said a depot was hit.")]
    assert kinds == [("Residents reached by phone", "eyewitness"),
                     ("An army spokesman, Brig. Gen. Nabil Abdallah", "named_person"),
                     ("Ukraine's military intelligence agency", "named_organisation")]


def test_a_rejection_is_a_denial_only_of_claims_or_reports():
    assert [(a["cue"]["text"], a["hedge"]) for a in only(
        "Moscow rejected the accusations as lies. The council dismissed two officials. "
        "Russia rejected the peace proposal.")] == [("rejected", "denied")]


def test_he_or_she_with_no_speaker_before_is_the_person_the_text_introduced():
    (attribution,) = only("Mohammed Khan, 45, lost his home in the strike.\n\n\"We have nothing left,\" he said.")
    assert (attribution["source"]["text"], attribution["source"]["kind"]) == ("Mohammed Khan", "named_person")
    assert only("The strike destroyed the market.\n\n\"We have nothing left,\" he said.") == []


def test_credit_lines_and_naming_someone_to_a_post_are_no_attributions():
    assert only("The army named him as its new commander.\n\nAdditional reporting by Jane Doe; editing by John Smith") == []


def test_an_outlets_correspondent_is_a_named_person_and_a_general_staff_an_organisation():
    kinds = [(a["source"]["text"], a["source"]["kind"]) for a in only(
        "Al Jazeera's Hoda Abdel-Hamid, reporting from Amman, said the talks had stalled. "
        "Ukraine's General Staff said 30 clashes took place.")]
    assert kinds == [("Al Jazeera's Hoda Abdel-Hamid", "named_person"), ("Ukraine's General Staff", "named_organisation")]


def test_it_or_the_group_with_no_organisation_speaking_before_is_the_organisation_named_before():
    assert cues_and_sources("Al-Shabab has carried out many attacks in the capital. It said its fighters killed ten "
                            "soldiers.") == [("said", "Al-Shabab")]
    assert cues_and_sources("Fighting raged in Kherson. It said three people died.") == []


def test_a_dash_after_a_quotation_and_a_radio_station_as_recipient():
    assert cues_and_sources("“The town is ours” — the commander said on Monday. The mayor told a local radio station "
                            "that the power was out.") == [("said", "the commander"), ("told a local radio station", "The mayor")]


def test_a_capitalised_verb_reports_only_inside_a_title_case_headline():
    assert cues_and_sources("Russia Denies Striking Hospital in Kharkiv\n\nClaims of shelling grew on Monday.") == [
        ("Denies", "Russia")]


def test_quoted_by_before_the_verb_describes_the_speaker_and_a_passive_quote_names_its_subject():
    assert cues_and_sources("Witnesses quoted by local media said the blast shook buildings.") == [
        ("said", "Witnesses quoted by local media")]
    assert cues_and_sources("Two soldiers were killed, an official was quoted by TASS as saying.") == [
        ("quoted by", "TASS"), ("saying", "an official")]
