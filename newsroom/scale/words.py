"""The vocabulary generated coverage is written in: places, sources and claims of a war desk."""

PLACE_PREFIXES = ["Tal", "Kafr", "Jisr", "Maarat", "Ain", "Deir", "Khan", "Tell", "Jabal", "Saraqib", "Ariha", "Ras"]
PLACE_ROOTS = [
    "Touqan", "Nabl", "Shughur", "Numan", "Issa", "Hamra", "Sheikhoun", "Aqil", "Ruwayha", "Sijna",
    "Batabo", "Qmenas", "Halla", "Zawiya", "Safra", "Marrin", "Haddad", "Barisha", "Sarmin", "Taftanaz",
]
PLACE_KINDS = ["village", "village", "town", "town", "city", "military_post", "road", "border_crossing"]

CONFLICTS = [
    ("Syrian war: Aleppo", "aleppo", "Fighting for Aleppo province and the M5 corridor north of Idlib."),
    ("Libyan civil war", "libya", "The war between rival governments in Tripoli and the east of Libya."),
    ("Yemeni civil war", "yemen", "The war between the Houthi movement and the internationally recognised government."),
    ("Sahel insurgency", "sahel", "Armed groups and state forces across Mali, Burkina Faso and Niger."),
]

# (public label, kind, anonymity reason or "")
SOURCE_PATTERNS = [
    ("a security source", "anonymous", "Not authorised to speak to the press."),
    ("a local official in {place}", "anonymous", "Fears reprisals from armed groups."),
    ("a military source", "anonymous", "Not authorised to speak to the press."),
    ("footage online from {place}", "social_media_footage", ""),
    ("state media", "state_media", ""),
    ("residents of {place}", "eyewitness", ""),
    ("the defence ministry", "official_statement", ""),
    ("a spokesperson for the {place} council", "named_organisation", ""),
    ("a monitoring group", "named_organisation", ""),
    ("new reports", "unspecified_reports", ""),
    ("a news agency", "news_agency", ""),
    ("our correspondent in {place}", "own_reporting", ""),
]
HOW_OBTAINED = ["speaking to the desk", "in a statement", "on social media", "at a press conference", ""]

ACTORS = [
    "Regime forces", "Turkish troops", "Opposition fighters", "Russian aircraft", "Militia units",
    "Government forces", "Rebel groups", "Drones", "Artillery units", "Coalition aircraft",
]
ACTIONS = [
    "shelled positions near", "withdrew from the post at", "advanced on", "struck a convoy outside",
    "surrounded the observation post at", "reinforced the lines around", "cut the road to",
    "evacuated civilians from", "set up a checkpoint at", "fired rockets at",
]
WHEN = ["on Monday", "on Tuesday", "overnight", "at dawn", "late on Friday", "this week", "on Sunday"]
FILLER = [
    "The area has changed hands several times since the ceasefire.",
    "Aid groups say thousands of families have fled the fighting.",
    "Neither side has commented publicly on the reports.",
    "The road links the province with the coast and the border crossings.",
    "Independent verification of events on the ground remains difficult.",
    "Talks between the guarantor powers are expected later this month.",
]
FIGURE_COUNTS = [("killed", "civilians"), ("displaced", "families"), ("troops", "soldiers"), ("wounded", "people")]
STATUS_NOTES = {
    "confirmed": "Confirmed by two independent sources.",
    "disputed": "Other sources give a different account.",
    "denied": "Denied by the party concerned.",
    "false": "Footage shows this account is false.",
}
