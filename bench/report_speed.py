"""Times `suasion report` on a synthetic store of 1,000,000 events (target: under 60 s).

The store is built once (reused when the file exists; --rebuild to start over) straight from
Arrow tables with `Store.bulk_load`, events given (no clustering): each synthetic article holds
a few one-mention events, so events and mentions map one to one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from suasion.model.codes import quad_class
from suasion.model.records import event_id
from suasion.store import Store
from suasion.store.bulk import BULK_MENTION_SCHEMA
from suasion.store.schema import DOCUMENT_SCHEMA, EVENT_ROW_SCHEMA

POWERS = ("USA", "CHN", "RUS")
COUNTRIES = ("ARG", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "GTM", "HND", "HTI", "JAM", "MEX",
             "NIC", "PAN", "PER", "PRY", "SLV", "TTO", "URY", "VEN", "GUY", "SUR", "BHS", "BRB", "BLZ")
OTHERS = ("ZAF", "NGA", "EGY", "IND", "DEU", "FRA", "GBR", "JPN", "TUR", "IRN")
TYPES = ("CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "SANCTION", "MOBILIZE", "CONCEDE")
TYPE_WEIGHTS = (30, 12, 12, 8, 8, 6, 8, 4, 3, 4, 2, 3)
CONTEXTS = ("diplomatic", "economic", "military", "health", "energy", "technology", "misinformation",
            "humanitarian", "election", "trade")
MODALITIES = ("asserted", "future", "negated", "hypothetical")
MODALITY_WEIGHTS = (88, 6, 3, 3)
VERBS = {"CONSULT": "held talks with", "AGREE": "agreed a plan with", "SUPPORT": "praised", "AID": "sent aid to",
         "COOPERATE": "began joint work with", "REQUEST": "urged", "ACCUSE": "criticised",
         "REJECT": "rejected a proposal from", "THREATEN": "warned", "SANCTION": "imposed sanctions on",
         "MOBILIZE": "sent warships towards", "CONCEDE": "eased restrictions on"}
START = dt.date(2022, 1, 1)
DAYS = 1095
EVENTS_PER_DOC = 4
CHUNK = 100_000


def build(path: Path, events: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    with Store(path) as store:
        for first in range(0, events, CHUNK):
            docs, mentions, rows = [], [], []
            for number in range(first, min(events, first + CHUNK)):
                doc_number = number // EVENTS_PER_DOC
                doc_id = f"d{doc_number:07d}"
                published = START + dt.timedelta(days=(doc_number * 7919) % DAYS)
                if number % EVENTS_PER_DOC == 0:
                    docs.append({"doc_id": doc_id, "content_hash": f"h{doc_number:07d}",
                                 "url": f"https://news.example.org/{published.year}/{doc_id}",
                                 "title": f"Synthetic article {doc_number}", "source": "bench",
                                 "language": "en", "date": published.isoformat(), "origin": "bench",
                                 "text": f"Synthetic article {doc_number}.", "syndication_key": doc_id,
                                 "signature": None})
                mention, row = _event(rng, number, doc_id, published)
                mentions.append(mention)
                rows.append(row)
            store.bulk_load(pa.Table.from_pylist(docs, schema=DOCUMENT_SCHEMA),
                            pa.Table.from_pylist(mentions, schema=BULK_MENTION_SCHEMA),
                            pa.Table.from_pylist(rows, schema=EVENT_ROW_SCHEMA))


def _event(rng: random.Random, number: int, doc_id: str, published: dt.date) -> tuple[dict, dict]:
    power = rng.choice(POWERS)
    country = rng.choice(COUNTRIES) if rng.random() < 0.9 else rng.choice(OTHERS)
    actor, recipient = (power, country) if rng.random() < 0.7 else (country, power)
    if rng.random() < 0.05:  # events the report leaves out: neither side a power
        actor, recipient = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
    event_type = rng.choices(TYPES, TYPE_WEIGHTS)[0]
    day = published - dt.timedelta(days=rng.randint(0, 5))
    precision = rng.choices(("day", "month", None), (70, 20, 10))[0]
    date = {"day": day.isoformat(), "month": day.isoformat()[:7], None: None}[precision]
    context = rng.sample(CONTEXTS, rng.choice((0, 1, 1, 2)))
    cue = " for the first time since 2015" if number % 5000 == 0 else ""
    sentence = (f"Officials of {actor} {VERBS[event_type]} {recipient}{cue} on {day:%d %B}, "
                f"according to statements released by both governments.")
    index = number % EVENTS_PER_DOC
    mention_id = event_id(doc_id, index, event_type, actor, recipient, 0)
    quad = quad_class(event_type)
    common = {"event_type": event_type, "mode": None, "context": context,
              "modality": rng.choices(MODALITIES, MODALITY_WEIGHTS)[0],
              "actor_code": actor, "actor_sector": "GOV", "actor_name": None,
              "recipient_code": recipient, "recipient_sector": "GOV", "recipient_name": None,
              "date": date, "date_precision": precision, "cameo": None, "quad": quad,
              "goldstein": None, "plover_score": None, "confidence": 0.8}
    mention = {**common, "id": mention_id, "doc_id": doc_id, "actor_text": actor, "recipient_text": recipient,
               "sentence": sentence, "sentence_index": index, "char_start": 0, "char_end": len(sentence),
               "coder": "bench", "event_id": mention_id}
    n_mentions = rng.choice((1, 1, 1, 2, 3, 5))
    row = {**common, "event_id": mention_id, "n_mentions": n_mentions,
           "n_sources": rng.randint(1, n_mentions), "first_seen": published.isoformat(),
           "last_seen": published.isoformat(), "representative_id": mention_id}
    return mention, row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "suasion-bench-report.duckdb"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("-o", "--output", default=str(Path(tempfile.gettempdir()) / "suasion-bench-report.html"))
    args = parser.parse_args()
    db = Path(args.db)
    if args.rebuild and db.exists():
        db.unlink()
    if not db.exists():
        started = time.perf_counter()
        build(db, args.events)
        print(f"built a synthetic store of {args.events:,} events in {time.perf_counter() - started:.1f} s: {db}")
    suasion = [str(Path(sys.executable).parent / "suasion")]
    started = time.perf_counter()
    subprocess.run([*suasion, "report", "--db", str(db), "-o", args.output], check=True)
    seconds = time.perf_counter() - started
    size = Path(args.output).stat().st_size
    print(f"suasion report: {seconds:.1f} s for {args.events:,} events ({size / 1_000_000:.1f} MB HTML)")
    started = time.perf_counter()
    png = Path(args.output).with_suffix(".png")
    subprocess.run([*suasion, "-q", "plot", "map", "--db", str(db), "-o", str(png)], check=True)
    print(f"suasion plot map (PNG): {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
