"""The hedge the text puts on an attributed claim: none, unconfirmed, unverified, reportedly,
alleged, disputed or denied."""

import re

DENIAL_CUES = re.compile(r"^(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\b", re.I)
# A next sentence that reports someone's words hedges its own claim, not the one before it.
ATTRIBUTING = re.compile(r"\b(?:said|says|told|according to|added|adding)\b")
SHOWS = re.compile(r"\bappear(?:s|ed)? to show\b", re.I)
HEDGES = [
    ("unverified", re.compile(r"\b(?:appear(?:s|ed)? to show|purported(?:ly)?|unverified)", re.I)),
    # The outlet saying it could not verify or confirm a report leaves it unconfirmed.
    ("unconfirmed", re.compile(r"\b(?:unconfirmed|not (?:yet )?(?:been )?confirmed|could not (?:be )?confirm|"
                               r"(?:declined|refused) to confirm|would not confirm|did not confirm|"
                               r"(?:could not|cannot|unable to|not been able to|has not) (?:be )?(?:immediately )?"
                               r"(?:independently )?verif)", re.I)),
    ("alleged", re.compile(r"\b(?:alleged(?:ly)?|allegations?)\b", re.I)),
    ("reportedly", re.compile(r"\breportedly\b", re.I)),
    ("disputed", re.compile(r"\b(?:disputed?|disputes|exaggerat\w+|rejected (?:the|these) (?:claims?|figures?))", re.I)),
]


def hedge_read(cue, source, sentence, following, reported=""):
    """The hedge: a denial cue, or a denial as the reported words, says denied; else the first
    hedge word in the attribution's sentence, then in the sentence after it (where reports
    add "could not be verified")."""
    if DENIAL_CUES.match(cue) or re.match(r"^\s*\S+(?:\s+\S+){0,3}\s+(?:denying|denied|denies)\b", reported):
        return "denied"
    for hedge, pattern in HEDGES:
        if pattern.search(source + " " + sentence):
            return hedge
    if ATTRIBUTING.search(following):
        return "none"
    for hedge, pattern in HEDGES:
        if hedge in ("unverified", "unconfirmed", "disputed") and pattern.search(following) and not SHOWS.search(following):
            return hedge
    return "none"
