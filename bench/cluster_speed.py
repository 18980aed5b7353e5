"""Measures event clustering throughput on 100,000 synthetic mentions (and, optionally, through the store)."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import Counter

from suasion.store.clustering import Mention, cluster

COUNTRIES = ["RUS", "CHN", "USA", "BRA", "ARG", "VEN", "CUB", "NIC", "BOL", "COL", "MEX", "PER", "CHL",
             "ECU", "URY", "PRY", "HND", "SLV", "GTM", "PAN", "DOM", "ZAF", "NGA", "EGY", "KEN", "ETH",
             "MLI", "DZA", "AGO", "SEN"]
POWERS = ["RUS", "CHN", "USA"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE", "ACCUSE", "REQUEST", "THREATEN", "SANCTION",
         "MOBILIZE"]
OBJECTS = ["helicopters", "vaccines", "wheat", "fertiliser", "loans", "rifles", "tankers", "satellites",
           "railways", "ports", "scholarships", "turbines", "drones", "reactors", "grain", "credit"]
VERBS = {"CONSULT": "met", "AGREE": "agreed with", "SUPPORT": "praised", "AID": "delivered to",
         "COOPERATE": "worked with", "ACCUSE": "criticised", "REQUEST": "urged", "THREATEN": "warned",
         "SANCTION": "sanctioned", "MOBILIZE": "sent ships towards"}
START = dt.date(2021, 1, 1)


def synthetic_mentions(count: int, seed: int = 7) -> tuple[list[Mention], dict[str, int]]:
    """Happenings each reported by a few articles, with the precision and wording varying;
    returns the mentions and the happening each reports."""
    rng = random.Random(seed)
    mentions: list[Mention] = []
    truth: dict[str, int] = {}
    doc_number = 0
    happening = 0
    while len(mentions) < count:
        happening += 1
        actor, recipient = rng.choice(POWERS), rng.choice(COUNTRIES)
        event_type = rng.choice(TYPES)
        day = START + dt.timedelta(days=rng.randrange(730))
        things = rng.sample(OBJECTS, 2)
        for _ in range(rng.randint(1, 8)):
            doc_number += 1
            published = day + dt.timedelta(days=rng.randint(0, 10))
            precision = rng.choice(["day", "day", "month", None])
            date = {"day": day.isoformat(), "month": day.isoformat()[:7], None: None}[precision]
            sentence = (f"Officials of {actor} {VERBS[event_type]} {recipient} over {things[0]} "
                        f"and {things[1]} {rng.choice(['on Tuesday', 'this week', 'again', ''])}.")
            mentions.append(Mention.of(
                id=f"m{len(mentions)}", doc_id=f"d{doc_number}", event_type=event_type, actor=actor,
                recipient=recipient, modality=rng.choice(["asserted"] * 9 + ["future"]), date=date,
                published=published.isoformat(), language="en", sentence=sentence, names=(actor, recipient),
                sentence_index=rng.randrange(40)))
            truth[mentions[-1].id] = happening
    mentions = mentions[:count]
    return mentions, {m.id: truth[m.id] for m in mentions}


def pairwise(assignment: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of "same event" against "same happening"."""
    def pairs(groups: dict[object, int]) -> int:
        return sum(n * (n - 1) // 2 for n in groups.values())

    together = Counter((assignment[m], truth[m]) for m in truth)
    both = pairs(together)
    predicted = pairs(Counter(assignment[m] for m in truth))
    actual = pairs(Counter(truth.values()))
    return both / predicted if predicted else 1.0, both / actual if actual else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--store", type=int, default=0, metavar="N",
                        help="also ingest N synthetic one-mention articles into an in-memory store")
    args = parser.parse_args()
    mentions, truth = synthetic_mentions(args.mentions)
    started = time.perf_counter()
    assignment = cluster(mentions)
    seconds = time.perf_counter() - started
    events = len(set(assignment.values()))
    precision, recall = pairwise(assignment, truth)
    print(f"clustered {len(mentions):,} mentions into {events:,} events "
          f"({len(set(truth.values())):,} synthetic happenings) in {seconds:.1f} s: "
          f"{len(mentions) / seconds:,.0f} mentions/s")
    print(f"pairwise precision {precision:.3f}, recall {recall:.3f} on the synthetic happenings")
    if args.store:
        store_speed(mentions[: args.store])


def store_speed(mentions: list[Mention]) -> None:
    from suasion.model.records import Actor, Document, Event, Sentence
    from suasion.store import Store

    batch = []
    for m in mentions:
        text = f"Synthetic article {m.doc_id} about {m.event_type} {m.actor} {m.recipient}."
        event = Event(id=m.id, doc_id=m.doc_id, event_type=m.event_type, actor=Actor(m.actor, "GOV"),
                      recipient=Actor(m.recipient, "GOV"), modality=m.modality, date=m.date,
                      sentence=text, char_end=len(text), confidence=0.8, coder="bench")
        batch.append((Document(m.doc_id, text, date=m.published, language="en"), text,
                      [Sentence(m.doc_id, 0, text, 0, len(text))], [event]))
    started = time.perf_counter()
    with Store() as store:
        for start in range(0, len(batch), 64):
            store.add(batch[start:start + 64])
        events = store.counts()["events"]
    seconds = time.perf_counter() - started
    print(f"store: ingested {len(batch):,} one-mention articles ({events:,} events) in batches of 64 "
          f"in {seconds:.1f} s: {len(batch) / seconds:,.0f} mentions/s")


if __name__ == "__main__":
    main()
