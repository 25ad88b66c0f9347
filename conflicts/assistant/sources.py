"""What kind of source a source phrase names, in the project's SourceKind values."""

import re

from ..choices import SourceKind

PRONOUNS = frozenset(["he", "she", "it", "they", "him", "her", "them", "the source", "the sources", "the group"])
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
ORGANISATION_PRONOUNS = frozenset(["it", "the group"])
PERSON_KINDS = (SourceKind.NAMED_PERSON, SourceKind.ANONYMOUS, SourceKind.EYEWITNESS)

FOOTAGE = re.compile(r"\b(?:footage|video|videos|images|photos|photographs|pictures|satellite imagery)\b", re.I)
STATE_MEDIA = re.compile(
    r"\b(?:state media|state-run|state TV|state television|state news agency|official media|National News Agency|"
    r"SANA|TASS|RIA Novosti|IRNA|KCNA|Al-Masirah|al-Masirah|TRT|Houthi media|media outlets|state broadcaster)\b", re.I)
NEWS_AGENCIES = re.compile(
    r"^(?:the\s+)?(?:Reuters|AFP|Agence France-Presse|AP|Associated Press|Xinhua|Anadolu|Anadolu Agency|Ukrinform|UNN|"
    r"Interfax|Interfax-Ukraine|Yonhap|Kyodo|DPA|EFE|ANSA|PTI|IANS|[A-Z][\w-]* news agency|Xinhua news agency)\b")
OWN_REPORTING = re.compile(r"\b(?:AFP|Reuters|AP|BBC|CNN)\s+(?:tally|journalist|correspondent|reporter|photographer|count)\b")
REPORTS = re.compile(r"^(?:as\s+)?(?:reported|reports|new reports|unconfirmed|some unconfirmed|media reports|local reports)\b", re.I)
EYEWITNESS = re.compile(r"\b(?:residents?|witness(?:es)?|eyewitness(?:es)?|villagers?|survivors?|a man|a woman|locals)\b", re.I)
ANONYMOUS = re.compile(
    r"\b(?:sources?|officials?|official|activists?|an? (?:police )?officer|officers|diplomats?|an? (?:security|military|"
    r"intelligence|government|local|senior|tribal) \w+|medics?|doctors?|aid workers?|monitors?)\b", re.I)
OFFICIAL = re.compile(r"^(?:the\s+)?(?:[A-Z]\w+\s+)?(?:authorities|police|government|Kremlin|Moscow|Kyiv|Washington|officials)\b|"
                      r"\bauthorities\b|^(?:the\s+)?police\b", re.I)
ORGANISATION = re.compile(
    r"\b(?:Ministry|ministry|Observatory|observatory|Army|army|military|Forces|forces|Agency|Commission|Council|"
    r"Organization|Organisation|UN|United Nations|OCHA|UNICEF|WHO|ICRC|Red Cross|Committee|Office|group|Group|"
    r"movement|Hezbollah|Hamas|Houthis?|Taliban|al-Shabaab|al Shabaab|Al-Shabab|PKK|RSF|IDF|Pentagon|"
    r"Defense|Defence|Civil Defense|Civil Defence|report|statement|monitor|Observatory)\b")
TITLE = re.compile(
    r"\b(?:President|Minister|Major|Maj\.|Gen\.|General|Colonel|Col\.|Lt\.|Sheikh|Mr|Mrs|Ms|Dr|Governor|Gov\.|Mayor|"
    r"Inspector|commander|spokesman|spokeswoman|spokesperson|head|chief|director|secretary)\b", re.I)
CAPITALISED_NAME = re.compile(r"\b[A-Z][a-z’'-]{1,40}(?:\s+(?:al-|el-|bin\s+|Abu\s+)?[A-Z][a-z’'-]{1,40})+\b")


def source_kind(phrase):
    """The SourceKind a source phrase reads as, and whether it names nobody."""
    if FOOTAGE.search(phrase):
        return SourceKind.SOCIAL_MEDIA_FOOTAGE, False
    if OWN_REPORTING.search(phrase):
        return SourceKind.OWN_REPORTING, False
    if REPORTS.search(phrase):
        return SourceKind.UNSPECIFIED_REPORTS, False
    if STATE_MEDIA.search(phrase):
        return SourceKind.STATE_MEDIA, False
    if NEWS_AGENCIES.search(phrase):
        return SourceKind.NEWS_AGENCY, False
    if _names_person(phrase):
        return SourceKind.NAMED_PERSON, False
    if EYEWITNESS.search(phrase):
        return SourceKind.EYEWITNESS, True
    if ORGANISATION.search(phrase) and not re.search(r"\b(?:source|official)\b", phrase):
        return SourceKind.NAMED_ORGANISATION, False
    if OFFICIAL.search(phrase):
        return SourceKind.OFFICIAL_STATEMENT, False
    if ANONYMOUS.search(phrase):
        return SourceKind.ANONYMOUS, True
    if re.match(r"^[A-Z]", phrase) and not re.match(r"^(?:The|A|An)\b", phrase):
        return SourceKind.NAMED_ORGANISATION, False
    return SourceKind.ANONYMOUS, True


def _names_person(phrase):
    head = phrase.split(",")[0]
    if ORGANISATION.search(head) and not TITLE.search(head):
        return False
    names = [name for name in CAPITALISED_NAME.findall(head) if not re.match(r"^(?:The|A|An)\s", name)]
    if TITLE.search(head) and names:
        return True
    if len(head.split()) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", head.strip()) and not ORGANISATION.search(head):
        return head.strip() not in ("Moscow", "Kyiv", "Washington", "Activists", "Authorities", "Police", "Officials")
    return bool(names) and len(head.split()) <= 4 and not re.search(r"\b(?:Syrian|Russian|Turkish|Israeli|Lebanese|Kenyan|Somali|Yemeni|Ukrainian|Iranian)\b", head)


def is_pronoun(phrase):
    return phrase.strip().lower() in PRONOUNS
