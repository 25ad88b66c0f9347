"""The demo content: the reference Idlib article's conflict, places, sources, claims and explainers,
and the desk's published standards.

Records are keyed by a stable handle (slug or label) so that loading twice finds, and
does not duplicate, what the first load made.
"""

from importlib.resources import files
from pathlib import Path

# The reference article ships with the extension, as the sample report of its annotation assistant.
ARTICLE_TEXT_PATH = Path(files("conflicts") / "demo" / "idlib-observation-posts.txt")

CONFLICTS = [
    {
        "slug": "idlib",
        "name": "Syrian war: Idlib",
        "summary": (
            "The struggle for north-west Syria's Idlib province, the last large opposition-held "
            "territory, between the Assad regime backed by Russia and Iran and opposition groups "
            "backed by Turkey."
        ),
        "started_on": "2011-03-15",
    },
    {
        "slug": "nagorno-karabakh",
        "name": "Nagorno-Karabakh conflict",
        "summary": "The conflict between Armenia and Azerbaijan over the Nagorno-Karabakh region.",
        "started_on": "1988-02-20",
    },
]

# Coordinates are WGS 84 decimal degrees; line geometries are GeoJSON [longitude, latitude].
LOCATIONS = [
    {"slug": "syria", "name": "Syria", "kind": "country", "lat": "34.802075", "lon": "38.996815",
     "precision": "country", "geonames_id": 163843, "wikidata_id": "Q858", "osm_id": "relation/184840",
     "conflicts": ["idlib"]},
    {"slug": "idlib-province", "name": "Idlib province", "kind": "province", "parent": "syria",
     "alternative_names": "Idlib\nIdleb\nIdlib Governorate", "lat": "35.829400", "lon": "36.634400",
     "precision": "region", "conflicts": ["idlib"]},
    {"slug": "m4-highway", "name": "M4 highway", "kind": "road", "parent": "syria",
     "alternative_names": "M4 motorway\nAleppo–Latakia highway", "lat": "35.812000", "lon": "36.610000",
     "precision": "approximate", "conflicts": ["idlib"],
     "geometry": {"type": "LineString", "coordinates": [
         [35.7900, 35.5200], [36.0200, 35.6700], [36.3200, 35.8100], [36.6100, 35.8100],
         [36.8000, 35.8600], [37.1300, 36.2000]]}},
    {"slug": "m5-highway", "name": "M5 highway", "kind": "road", "parent": "syria",
     "alternative_names": "M5 motorway\nDamascus–Aleppo highway", "lat": "35.650000", "lon": "36.680000",
     "precision": "approximate", "conflicts": ["idlib"],
     "geometry": {"type": "LineString", "coordinates": [
         [36.7500, 35.1300], [36.6500, 35.4400], [36.6800, 35.6500], [36.8000, 35.8600],
         [37.1300, 36.2000]]}},
    {"slug": "shir-maghar", "name": "Shir Maghar", "kind": "military_post", "parent": "syria",
     "alternative_names": "Sher Mughar\nShir al-Maghar", "lat": "35.585000", "lon": "36.405000",
     "precision": "approximate", "conflicts": ["idlib"]},
    {"slug": "morek", "name": "Morek", "kind": "military_post", "parent": "syria",
     "alternative_names": "Murek\nMurak\nMorek observation post", "lat": "35.382500", "lon": "36.687000",
     "precision": "approximate", "conflicts": ["idlib"]},
    {"slug": "tal-touqan", "name": "Tal Touqan", "kind": "military_post", "parent": "idlib-province",
     "alternative_names": "Tell Tuqan\nTal Tuqan\nTell Touqan", "lat": "35.848000", "lon": "36.956000",
     "precision": "approximate", "conflicts": ["idlib"]},
    {"slug": "sheik-aqil", "name": "Sheik Aqil", "kind": "military_post", "parent": "syria",
     "alternative_names": "Sheikh Aqil\nSheikh Aqeel\nSheikh Akil", "lat": "36.235000", "lon": "36.949000",
     "precision": "approximate", "conflicts": ["idlib"]},
    {"slug": "turkey", "name": "Turkey", "kind": "country", "alternative_names": "Türkiye",
     "lat": "38.963745", "lon": "35.243322", "precision": "country", "geonames_id": 298795,
     "wikidata_id": "Q43", "osm_id": "relation/174737", "conflicts": ["idlib"]},
    {"slug": "russia", "name": "Russia", "kind": "country", "alternative_names": "Russian Federation",
     "lat": "61.524010", "lon": "105.318756", "precision": "country", "geonames_id": 2017370,
     "wikidata_id": "Q159", "osm_id": "relation/60189", "conflicts": ["idlib", "nagorno-karabakh"]},
    {"slug": "iran", "name": "Iran", "kind": "country", "lat": "32.427908", "lon": "53.688046",
     "precision": "country", "geonames_id": 130758, "wikidata_id": "Q794", "osm_id": "relation/304938",
     "conflicts": ["idlib"]},
    {"slug": "armenia", "name": "Armenia", "kind": "country", "lat": "40.069099", "lon": "45.038189",
     "precision": "country", "geonames_id": 174982, "wikidata_id": "Q399", "osm_id": "relation/364066",
     "conflicts": ["nagorno-karabakh"]},
    {"slug": "azerbaijan", "name": "Azerbaijan", "kind": "country", "lat": "40.143105", "lon": "47.576927",
     "precision": "country", "geonames_id": 587116, "wikidata_id": "Q227", "osm_id": "relation/364110",
     "conflicts": ["nagorno-karabakh"]},
]

SOURCES = [
    {"key": "unconfirmed-reports", "public_label": "unconfirmed reports", "kind": "unspecified_reports",
     "reliability": "F"},
    {"key": "security-source", "public_label": "a security source", "kind": "anonymous",
     "is_anonymous": True, "reliability": "B",
     "anonymity_reason": (
         "The source is not authorised to speak to the media and could face reprisals for doing so."
     ),
     "confidential_identity": "Demo identity: an officer in a regional security service (fictional)",
     "confidential_notes": "Demo notes: contacted through the Ankara bureau; fictional for the demo."},
    {"key": "footage-online", "public_label": "footage online", "kind": "social_media_footage",
     "reliability": "F"},
    {"key": "new-reports", "public_label": "new reports", "kind": "unspecified_reports", "reliability": "F"},
    {"key": "trt-world", "public_label": "TRT World", "kind": "state_media", "reliability": "C"},
]

# Each claim: its statement, where it happens, who says it, and its status history after creation.
CLAIMS = [
    {"key": "withdrawal", "statement": "Turkey is set to withdraw from several observation posts in Idlib province.",
     "places": ["idlib-province", "turkey"],
     "sources": [("unconfirmed-reports", "", 6)], "history": []},
    {"key": "operation-expected",
     "statement": "The withdrawals are related to a Turkish expectation of a new military operation by the Assad regime supported by Russia and Iran.",
     "places": ["idlib-province", "russia", "iran"],
     "sources": [("security-source", "speaking to TRT World", 3)], "history": []},
    {"key": "posts-weak-point",
     "statement": "The observation points are Turkey's weakest point in a military escalation in Idlib because they are far behind the front line.",
     "places": ["idlib-province"],
     "sources": [("security-source", "speaking to TRT World", 3)], "history": []},
    {"key": "reinforcements",
     "statement": "Turkey started sending military reinforcements to Idlib in October, in particular south of the M4 highway.",
     "places": ["idlib-province", "m4-highway"],
     "sources": [("trt-world", "own reporting", 2)],
     "event": ("2020-10-01", None, "month"),
     "history": [("confirmed", "Reinforcement convoys were filmed by several outlets and confirmed by the Turkish defence ministry.")]},
    {"key": "four-checkpoints",
     "statement": "Turkey will begin withdrawing from about four checkpoints: Shir Maghar, Morek, Tal Touqan and Sheik Aqil.",
     "places": ["shir-maghar", "morek", "tal-touqan", "sheik-aqil"],
     "sources": [("security-source", "speaking to TRT World", 3)], "history": []},
    {"key": "russia-unreliable",
     "statement": "Regime-organised demonstrations at the outposts showed Turkey that Russia is no longer reliable.",
     "places": ["idlib-province", "russia"],
     "sources": [("security-source", "speaking to TRT World", 4)], "history": []},
    {"key": "dismantling-begun",
     "statement": "Dismantling and evacuation have begun at four of the outposts.",
     "places": ["morek", "shir-maghar"],
     "sources": [("footage-online", "", 2)],
     "event": ("2020-10-19", None, "week"),
     "history": [("confirmed", "Footage geolocated by the desk to the Morek post; trucks seen removing prefabricated walls.")]},
    {"key": "consolidating",
     "statement": "Turkey is now focusing on consolidating ceasefire lines in Idlib and no longer sees military value in holding the outposts.",
     "places": ["idlib-province"],
     "sources": [("new-reports", "", 3)], "history": []},
    {"key": "troop-figures",
     "statement": "Turkey has deployed between 10,000 and 15,000 troops in the north-west of Idlib.",
     "places": ["idlib-province"],
     "sources": [],
     "event": ("2020-10-01", None, "month"),
     "history": [("disputed", "Estimates published elsewhere range from 7,000 to 20,000; no official figure exists.")]},
]

# Tallies: each source's figure for one event; `used` is the figure the article itself gives.
# Figures are keyed like claims; the article's own figures are TRT World's, whose report it is.
TALLIES = [
    {
        "name": "Turkish troops in north-west Idlib",
        "conflict": "idlib",
        "event": ("2020-10-01", None, "month"),
        "used": "article",
        "figures": {
            "article": {
                "counts": "troops", "counted": "named_party", "counted_party": "Turkish forces",
                "low": 10_000, "high": 15_000, "words": "between 10,000 and 15,000", "source": "trt-world",
                "places": ["idlib-province"],
            },
            "elsewhere": {
                "counts": "troops", "counted": "named_party", "counted_party": "Turkish forces",
                "low": 7_000, "high": 20_000, "words": "from 7,000 to 20,000", "source": "new-reports",
                "places": ["idlib-province"],
            },
        },
    },
]

# The article's other figures (not in a tally), keyed like the tallies' figures.
FIGURES = {
    "outposts-evacuated": {
        "counts": "posts", "counted": "named_party", "counted_party": "Turkish forces", "best": 4,
        "words": "four of the outposts", "source": "footage-online", "places": ["morek", "shir-maghar"],
        "event": ("2020-10-19", None, "week"),
    },
    "displaced-in-idlib": {
        "counts": "displaced", "counted": "civilians", "low": 4_000_000, "words": "more than 4 million",
        "source": "trt-world", "places": ["idlib-province"], "event": ("2020-10-01", None, "month"),
    },
    "refugees-in-turkey": {
        "counts": "displaced", "counted": "civilians", "best": 3_600_000, "words": "3.6 million",
        "source": "trt-world", "places": ["turkey"], "event": ("2020-10-01", None, "month"),
    },
}

ARTICLE = {
    "slug": "turkey-withdraw-idlib-observation-posts",
    "title": "Turkey set to withdraw from several observation posts in Idlib",
    "byline": "TRT World",
    "dateline": "idlib-province",
    "conflict": "idlib",
    "places": ["idlib-province", "m4-highway", "m5-highway", "shir-maghar", "morek", "tal-touqan",
               "sheik-aqil", "turkey", "russia", "iran", "armenia", "azerbaijan"],
    "first_published_at": "2020-10-19T09:00:00+00:00",
    "related_explainers": ["idlib-observation-posts", "m4-highway", "idlib-ceasefire-2017"],
    "update_log": [
        ("2020-10-19T15:30:00+00:00", "update",
         "Added the names of the four checkpoints Turkey is expected to leave."),
    ],
}

# Annotated spans of the reference article: (paragraph index, exact phrase, kind, record key).
# Paragraph indexes count the article body's paragraphs (the standfirst and credit lines excluded).
# Spans never overlap; within a paragraph each phrase is looked for after the previous span.
ARTICLE_ANNOTATIONS = [
    (0, "Turkey is set to withdraw from several observation posts", "claim", "withdrawal"),
    (0, "Idlib", "place", "idlib-province"),
    (0, "according to some unconfirmed", "source", "unconfirmed-reports"),
    (2, "A security source speaking to TRT World", "source", "security-source"),
    (2, "these withdrawals are clearly related to the Turkish expectation of a new military operation by the Assad regime", "claim", "operation-expected"),
    (2, "Russia", "place", "russia"),
    (2, "Iran", "place", "iran"),
    (3, "the weakest point for Turkey are these observation points because they are way behind the front line", "claim", "posts-weak-point"),
    (3, "the source, who wanted to remain anonymous", "source", "security-source"),
    (4, "Turkey started sending military reinforcements to Idlib", "claim", "reinforcements"),
    (4, "M4 highway", "place", "m4-highway"),
    (5, "more than 4 million internally displaced Syrians", "figure", "displaced-in-idlib"),
    (6, "the source familiar with the situation", "source", "security-source"),
    (7, "Turkey will begin withdrawing from approximately four checkpoints", "claim", "four-checkpoints"),
    (7, "Shir Maghar", "place", "shir-maghar"),
    (7, "Morek", "place", "morek"),
    (7, "Tal Touqan", "place", "tal-touqan"),
    (7, "Sheik Aqil", "place", "sheik-aqil"),
    (8, "Armenia", "place", "armenia"),
    (8, "Azerbaijan", "place", "azerbaijan"),
    (11, "This showed the Turks that Russia is no longer reliable", "claim", "russia-unreliable"),
    (11, "said the security source", "source", "security-source"),
    (12, "Footage online shows", "source", "footage-online"),
    (12, "the dismantling and evacuations", "claim", "dismantling-begun"),
    (12, "four of the outposts", "figure", "outposts-evacuated"),
    (13, "according to new reports", "source", "new-reports"),
    (13, "it is now focusing on consolidating ceasefire lines in Idlib and no longer sees military value in holding those outposts", "claim", "consolidating"),
    (14, "M5", "place", "m5-highway"),
    (15, "Turkey has deployed", "claim", "troop-figures"),
    (15, "between 10,000 and 15,000 troops", "figure", "article"),
    (16, "Turkey", "place", "turkey"),
    (16, "3.6 million Syrians", "figure", "refugees-in-turkey"),
]

EXPLAINERS = [
    {
        "slug": "idlib-observation-posts",
        "title": "What are Turkey's observation posts in Idlib?",
        "summary": (
            "Twelve Turkish military posts set up under the 2017 de-escalation deal to monitor the "
            "ceasefire around Idlib, many of them now deep inside territory held by the Syrian regime."
        ),
        "conflict": "idlib",
        "places": ["idlib-province", "shir-maghar", "morek", "tal-touqan", "sheik-aqil", "turkey"],
        "key_claims": ["four-checkpoints", "dismantling-begun"],
        "last_reviewed": "2020-10-20",
        "paragraphs": [
            "Under the de-escalation arrangement agreed in 2017, Turkey set up twelve observation posts "
            "in a ring around the opposition-held north-west of Syria. Each was meant to watch the "
            "ceasefire line and report violations to the guarantor states.",
            "The posts are small fortified compounds, often on high ground, garrisoned by a few "
            "hundred soldiers at most. Among them are Shir Maghar in the hills of northern Hama, "
            "Morek on the M5 highway, Tal Touqan east of Idlib city and Sheik Aqil west of Aleppo.",
            "When regime forces advanced in 2019 and early 2020, several posts were surrounded. They "
            "stayed in place but were cut off, supplied by convoys that needed Russian agreement to pass.",
            "That is why their fate is watched closely: a withdrawal says as much about Turkey's "
            "relationship with Russia as about the military situation on the ground.",
        ],
    },
    {
        "slug": "m4-highway",
        "title": "The M4 highway: why a road matters in Idlib",
        "summary": (
            "The M4 links Aleppo to the Mediterranean port of Latakia and runs through the south of "
            "opposition-held Idlib; control of it has been central to every ceasefire deal."
        ),
        "conflict": "idlib",
        "places": ["m4-highway", "idlib-province", "m5-highway"],
        "key_claims": ["reinforcements"],
        "last_reviewed": "2020-10-20",
        "paragraphs": [
            "The M4 is the main east–west road of northern Syria. It connects Aleppo, the country's "
            "largest city before the war, with Latakia on the coast, passing through Saraqib, Ariha "
            "and Jisr al-Shughur.",
            "Since March 2020 a Russian–Turkish agreement has provided for joint patrols along the "
            "road and a security corridor six kilometres deep on either side of it.",
            "Turkish reinforcements sent in October 2020 were positioned south of the road, in the "
            "Jabal al-Zawiya area, to deter a regime advance towards it.",
            "The M5, running north–south from Damascus to Aleppo, crosses the M4 at Saraqib; the "
            "regime retook the whole of the M5 in early 2020.",
        ],
    },
    {
        "slug": "idlib-ceasefire-2017",
        "title": "The 2017 ceasefire arrangement for Idlib",
        "summary": (
            "How talks in Astana created de-escalation zones in Syria, with Russia, Turkey and Iran "
            "as guarantors, and why the Idlib zone outlived the others."
        ),
        "conflict": "idlib",
        "places": ["idlib-province", "turkey", "russia", "iran"],
        "key_claims": ["withdrawal"],
        "last_reviewed": "2020-10-20",
        "paragraphs": [
            "In May 2017, at talks in Astana, Russia, Turkey and Iran agreed to create four "
            "de-escalation zones in Syria. Idlib and parts of the neighbouring provinces formed the largest.",
            "The guarantors were to monitor the zones: Turkey from the observation posts it built "
            "on the opposition side, Russia and Iran from positions on the regime side.",
            "The other three zones returned to regime control in 2018. The Idlib zone survived, "
            "reinforced by the Sochi memorandum of September 2018, but regime offensives in 2019 and "
            "2020 shrank it sharply.",
        ],
    },
]

INDEX_PAGES = {
    "home": {"title": "Conflict Desk", "intro": "<p>Reporting on wars and security affairs: who says what, and how sure we are.</p>"},
    "news": {"slug": "news", "title": "News", "intro": "The latest reporting from the desk."},
    "explainers": {"slug": "explainers", "title": "Explainers", "intro": "The background you need to follow the news."},
}

# The desk's published policies, one standards page each under the home page; `policy` is the
# field of the Disclosures setting (conflicts.models.disclosures) that points at the page.
STANDARDS = [
    {
        "slug": "publishing-principles",
        "policy": "publishing_principles",
        "title": "Publishing principles",
        "intro": "What the Conflict Desk reports, how it decides, and what readers can hold it to.",
        "sections": [
            ("Who says what, and how sure we are",
             "We attribute every statement we have not verified ourselves to the party that makes it, "
             "and we say how far we have been able to check it. A claim is marked unconfirmed, "
             "confirmed, disputed, denied or false, and each change of that status is dated and "
             "explained on the claim's own page."),
            ("Independence",
             "We take no payment, access or protection from any party to the conflicts we cover. "
             "Embeds and escorted visits are named as such in the article."),
            ("Harm",
             "We do not publish what would identify a source, a civilian at risk or the position of "
             "people who could be targeted. Graphic material is used only when it is needed to "
             "establish what happened, and carries a warning."),
        ],
    },
    {
        "slug": "corrections-policy",
        "policy": "corrections_policy",
        "title": "Corrections policy",
        "intro": "How we correct mistakes and how readers can see what changed.",
        "sections": [
            ("How corrections are labelled",
             "A factual error is corrected in the text and noted at the foot of the article under "
             "Corrections and updates, with the date and what was wrong. A correction is never made "
             "silently. New information that does not change what was wrong is labelled an update."),
            ("Claims that change status",
             "When a claim we reported is later confirmed, disputed or shown to be false, its status "
             "changes on every page that carries it, and partners syndicating our reporting are told."),
            ("Withdrawals",
             "If a story cannot stand, we withdraw it and leave a notice at its address explaining why."),
            ("Reporting an error",
             "Readers can report an error to the standards desk at standards@conflictdesk.example. "
             "Every report is answered."),
        ],
    },
    {
        "slug": "unnamed-sources",
        "policy": "unnamed_sources_policy",
        "title": "Unnamed sources",
        "intro": "When we grant anonymity, and what we tell readers when we do.",
        "sections": [
            ("Anonymity is the exception",
             "We grant anonymity only when a source would be at risk of harm, arrest or reprisal if "
             "named, and only for information we cannot obtain on the record. Anonymity is not granted "
             "to attack others or to offer opinion."),
            ("What readers are told",
             "An unnamed source is described as precisely as safety allows (\"a security source\", "
             "\"a resident of Saraqib\"), and the article says why anonymity was granted."),
            ("What the desk knows",
             "At least one editor knows the identity of every unnamed source. That identity is kept "
             "encrypted and is never published, shared with partners or stored with the article."),
            ("How sources are graded",
             "Each source carries a reliability grade on the Admiralty scale, from A (reliable) to F "
             "(reliability cannot be judged), and each piece of information a credibility from 1 "
             "(confirmed by other sources) to 6 (truth cannot be judged). A claim from a single "
             "unnamed source stays unconfirmed until we can corroborate it."),
        ],
    },
    {
        "slug": "verification",
        "policy": "verification_policy",
        "title": "Verification and fact-checking",
        "intro": "How we check claims, figures and footage before and after publication.",
        "sections": [
            ("Before publication",
             "Every article passes a sourcing review by the standards desk before it is published: "
             "each claim must be attributed, each source graded and each figure tied to who counts it."),
            ("Footage and images",
             "Footage shared online is checked for its earliest appearance, and its location and date "
             "are established from landmarks, shadows, weather and satellite imagery where possible. "
             "What we could not establish is stated; footage we could not verify is described as such."),
            ("Figures",
             "Casualty and displacement figures are given with their source, the period and place they "
             "cover, and a range where sources differ. We do not present a figure from one party to a "
             "conflict as fact."),
            ("After publication",
             "Open claims are followed until they are settled, and their status is updated on every "
             "page that carries them."),
        ],
    },
]


def article_paragraphs():
    """The reference article split into standfirst, body paragraphs and credit line."""
    lines = [line.strip() for line in ARTICLE_TEXT_PATH.read_text(encoding="utf-8").split("\n\n")]
    lines = [line for line in lines if line]
    standfirst, *body, credit = lines
    return standfirst, body, credit
