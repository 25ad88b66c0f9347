"""Quality, speed and memory of the annotation assistant, printed.

Run: DEBUG=1 .venv/bin/python benchmarks/attribution.py [--show-errors]

Quality is measured on tests/fixtures/attribution/ (published reports with hand-made gold
annotations), on the tuning part and the two held-out parts separately: "held-out" (kept aside
while the rules were first written; its totals have been printed since) and "held-out-2" (added
later, never used to change the rules). --show-errors lists the misses and false suggestions of
the tuning part only, never of a held-out part.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

FIXTURES = ROOT / "tests" / "fixtures" / "attribution"
START_TOLERANCE = 12
MATCHING_RULE = (
    f"A suggested span matches a gold span when the two overlap and their starts are at most "
    f"{START_TOLERANCE} characters apart; each gold span is matched at most once, in text order. "
    "Attributions are matched by their cue; a source counts as right when its span matches the "
    "gold source of the matched attribution (a pronoun's gold source is the earlier mention it "
    "stands for). A figure counts only when its span matches and its low and high equal the "
    "gold's. Hedge, anonymous and kind accuracy are over matched attributions; a claim counts as "
    "right when its characters overlap the gold claim's by at least half of the longer span."
)


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"] and abs(a["start"] - b["start"]) <= START_TOLERANCE


def pair(suggested, gold, same=lambda s, g: True):
    """Greedy one-to-one pairs (suggested index, gold index) in text order."""
    used, pairs = set(), []
    for i, s in enumerate(suggested):
        for j, g in enumerate(gold):
            if j not in used and overlaps(s, g) and same(s, g):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def prf(correct, suggested, gold):
    p = correct / suggested if suggested else 1.0
    r = correct / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def claim_right(s, g):
    shared = max(0, min(s["end"], g["end"]) - max(s["start"], g["start"]))
    return shared >= 0.5 * max(s["end"] - s["start"], g["end"] - g["start"], 1)


def evaluate(names, annotations_suggest, show_errors=False):
    totals = {key: [0, 0, 0] for key in ("cues", "sources", "places", "figures")}
    matched, hedge_ok, anonymous_ok, kind_ok, claim_ok = 0, 0, 0, 0, 0
    for name in names:
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
        got = annotations_suggest(text)
        s_cues = [a["cue"] for a in got["attributions"]]
        g_cues = [a["cue"] for a in gold["attributions"]]
        cue_pairs = pair(s_cues, g_cues)
        totals["cues"] = [x + y for x, y in zip(totals["cues"], (len(cue_pairs), len(s_cues), len(g_cues)), strict=True)]
        right_sources = 0
        for i, j in cue_pairs:
            s, g = got["attributions"][i], gold["attributions"][j]
            matched += 1
            source_ok = overlaps(s["source"], g["source"])
            right_sources += source_ok
            hedge_ok += s["hedge"] == g["hedge"]
            anonymous_ok += s["source"]["anonymous"] == g["source"]["anonymous"]
            kind_ok += s["source"]["kind"] == g["source"]["kind"]
            claim_ok += claim_right(s["claim"], g["claim"])
            if show_errors and not source_ok:
                print(f"  [{name}] source {s['source']['text']!r} for gold {g['source']['text']!r}")
            if show_errors and s["hedge"] != g["hedge"]:
                print(f"  [{name}] hedge {s['hedge']} for gold {g['hedge']} at {s['cue']['text']!r}")
            if show_errors and (s["source"]["kind"], s["source"]["anonymous"]) != (g["source"]["kind"], g["source"]["anonymous"]):
                print(f"  [{name}] kind {s['source']['kind']}/{s['source']['anonymous']} for gold "
                      f"{g['source']['kind']}/{g['source']['anonymous']} at {s['source']['text']!r}")
        totals["sources"] = [x + y for x, y in zip(totals["sources"], (right_sources, len(s_cues), len(g_cues)), strict=True)]
        place_pairs = pair(got["places"], gold["places"])
        totals["places"] = [x + y for x, y in zip(totals["places"], (len(place_pairs), len(got["places"]), len(gold["places"])), strict=True)]
        same_values = lambda s, g: s["low"] == g["low"] and s["high"] == g["high"]  # noqa: E731
        figure_pairs = pair(got["figures"], gold["figures"], same_values)
        totals["figures"] = [x + y for x, y in zip(totals["figures"], (len(figure_pairs), len(got["figures"]), len(gold["figures"])), strict=True)]
        if show_errors:
            for label, s_items, g_items, pairs in (("cue", s_cues, g_cues, cue_pairs), ("place", got["places"], gold["places"], place_pairs),
                                                   ("figure", got["figures"], gold["figures"], figure_pairs)):
                for i, item in enumerate(s_items):
                    if i not in {p[0] for p in pairs}:
                        print(f"  [{name}] false {label}: {item['text']!r} {item.get('low', '')} {item.get('high', '')} @{item['start']}")
                for j, item in enumerate(g_items):
                    if j not in {p[1] for p in pairs}:
                        print(f"  [{name}] missed {label}: {item['text']!r} {item.get('low', '')} {item.get('high', '')} @{item['start']}")
    return totals, matched, hedge_ok, anonymous_ok, kind_ok, claim_ok


def print_quality(title, result):
    totals, matched, hedge_ok, anonymous_ok, kind_ok, claim_ok = result
    print(f"\n{title}")
    print(f"  {'category':<16}{'precision':>10}{'recall':>8}{'F1':>7}   (right / suggested / gold)")
    for key, (correct, suggested, gold) in totals.items():
        p, r, f = prf(correct, suggested, gold)
        print(f"  {key:<16}{p:>10.2f}{r:>8.2f}{f:>7.2f}   ({correct} / {suggested} / {gold})")
    if matched:
        print(f"  hedge accuracy {hedge_ok / matched:.2f}, anonymous accuracy {anonymous_ok / matched:.2f}, "
              f"source kind accuracy {kind_ok / matched:.2f}, claim span right {claim_ok / matched:.2f} "
              f"(over {matched} matched attributions)")


def demo_share(annotations_suggest, vocabulary):
    """The share of load_demo's annotations of the reference article that get a suggestion."""
    from newsroom.demo.content import ARTICLE_ANNOTATIONS, ARTICLE_TEXT_PATH

    text = ARTICLE_TEXT_PATH.read_text(encoding="utf-8")
    got = annotations_suggest(text, vocabulary=vocabulary)
    spans = {
        "claim": [a["claim"] for a in got["attributions"]] + got["figures"],
        "source": [a["source"] for a in got["attributions"]] + [a["cue"] for a in got["attributions"]],
        "place": got["places"],
        "figure": got["figures"],
    }
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][1:-1]
    offsets = [text.index(p) for p in paragraphs]
    covered, cursor, missed = 0, {}, []
    for index, phrase, kind, _key in ARTICLE_ANNOTATIONS:
        start = text.index(phrase, max(cursor.get(index, 0), offsets[index]))
        cursor[index] = start + len(phrase)
        hit = any(s["start"] < start + len(phrase) and start < s["end"] for s in spans[kind])
        covered += hit
        if not hit:
            missed.append(f"{kind}: {phrase}")
    return covered, len(ARTICLE_ANNOTATIONS), missed


def demo_vocabulary():
    """The desk's records as load_demo creates them (Locations and Sources), without the
    article's own annotation rows, so the article is not measured against itself."""
    from conflicts.assistant.vocabulary import Vocabulary, vocabulary_add_location, vocabulary_add_source
    from newsroom.demo.content import LOCATIONS, SOURCES

    vocabulary = Vocabulary()
    for number, location in enumerate(LOCATIONS, start=1):
        vocabulary_add_location(
            vocabulary, id=number, name=location["name"], alternative_names=location.get("alternative_names", ""),
            kind=location["kind"], geonames_id=location.get("geonames_id"), latitude=location["lat"], longitude=location["lon"])
    for number, source in enumerate(SOURCES, start=1):
        vocabulary_add_source(vocabulary, id=number, public_label=source["public_label"], kind=source["kind"],
                              is_anonymous=source.get("is_anonymous", False))
    return vocabulary


def speed_ms(annotations_suggest):
    """Median of 20 runs on a body of about 1,500 words, after a first call."""
    from newsroom.demo.content import ARTICLE_TEXT_PATH

    names = [e["name"] for e in json.loads((FIXTURES / "index.json").read_text())["articles"]]
    body = ARTICLE_TEXT_PATH.read_text(encoding="utf-8")
    for name in names:
        if len(body.split()) >= 1500:
            break
        body += "\n\n" + (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    annotations_suggest(body)
    runs = []
    for _ in range(20):
        started = time.perf_counter()
        annotations_suggest(body)
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), len(body.split())


def main():
    import django

    django.setup()
    before = rss_mb()
    from conflicts.assistant import annotations_suggest
    from conflicts.assistant.vocabulary import Vocabulary

    started = time.perf_counter()
    annotations_suggest("Footage online shows fighting in Idlib, 12 people were killed, activists said.")
    first_call = time.perf_counter() - started
    growth = rss_mb() - before

    articles = json.loads((FIXTURES / "index.json").read_text())["articles"]
    tuning = [a["name"] for a in articles if not a["held_out"]]
    held_out = [a["name"] for a in articles if a["held_out"] and a.get("part") != "held-out-2"]
    held_out_2 = [a["name"] for a in articles if a.get("part") == "held-out-2"]
    show = "--show-errors" in sys.argv
    print("Matching rule:", MATCHING_RULE)
    print_quality(f"Tuning part ({len(tuning)} reports)", evaluate(tuning, annotations_suggest, show))
    print_quality(f"Held-out part ({len(held_out)} reports; its totals were printed while the rules were tuned)",
                  evaluate(held_out, annotations_suggest))
    print_quality(f"Held-out part 2 ({len(held_out_2)} reports; never used to change the rules)",
                  evaluate(held_out_2, annotations_suggest))

    covered, total, missed = demo_share(annotations_suggest, demo_vocabulary())
    print(f"\nDemo article, desk records loaded: {covered} of {total} load_demo annotations get a suggestion ({covered / total:.0%})")
    for line in missed:
        print(f"  no suggestion for {line}")
    covered, total, _ = demo_share(annotations_suggest, Vocabulary())
    print(f"Demo article, empty desk (gazetteer only): {covered} of {total} ({covered / total:.0%})")

    median, words = speed_ms(annotations_suggest)
    print(f"\nSpeed: median {median:.1f} ms over 20 runs on a {words}-word body (first call, gazetteer load included: {first_call * 1000:.0f} ms)")
    print(f"Memory: the process grew by {growth:.1f} MB (RSS) importing the assistant and loading its gazetteer")


if __name__ == "__main__":
    main()
