"""Times the influence indicators over a synthetic store of 1,000,000 events built in a temporary folder."""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from suasion.analyze import Analysis, load_events
from suasion.model.records import PLOVER_TYPES
from suasion.store import Store

POWERS = ["USA", "CHN", "RUS"]
COUNTRIES = ["BRA", "ARG", "VEN", "CUB", "NIC", "BOL", "COL", "MEX", "PER", "CHL", "ECU", "URY", "PRY", "HND",
             "SLV", "GTM", "PAN", "DOM", "HTI", "JAM", "ZAF", "NGA", "EGY", "KEN", "ETH", "MLI", "DZA", "AGO",
             "SEN", "GHA", "CIV", "CMR", "TZA", "UGA", "MOZ", "ZWE", "ZMB", "SDN", "LBY", "MAR", "TUN", "BFA",
             "NER", "TCD", "CAF", "COD", "COG", "GAB", "RWA", "SOM", "IND", "IDN", "VNM", "PHL", "SLB", "FJI",
             "PNG", "TUR", "IRN", "SAU"]
CONTEXTS = [[], ["diplomatic"], ["economic"], ["military"], ["health"], ["humanitarian"], ["election"],
            ["misinformation"], ["diplomatic", "economic"], ["military", "diplomatic"], ["energy", "economic"]]
START = dt.date(2015, 1, 1)
DAYS = 3650


def synthetic_events(count: int, seed: int = 11) -> pa.Table:
    """Events of the store's events-table layout: mostly power-country pairs in both directions."""
    rng = np.random.default_rng(seed)
    kind = rng.random(count)
    power = np.array(POWERS, dtype=object)[rng.integers(0, len(POWERS), count)]
    country = np.array(COUNTRIES, dtype=object)[rng.integers(0, len(COUNTRIES), count)]
    other = np.array(COUNTRIES, dtype=object)[rng.integers(0, len(COUNTRIES), count)]
    actor = np.where(kind < 0.6, power, np.where(kind < 0.9, country, other))
    recipient = np.where(kind < 0.6, country, np.where(kind < 0.9, power, country))
    days = rng.integers(0, DAYS, count)
    dates = np.array([(START + dt.timedelta(days=int(d))).isoformat() for d in range(DAYS)], dtype=object)
    day_text = dates[days]
    precision = rng.choice(np.array(["day", "month", "year"], dtype=object), count, p=[0.8, 0.15, 0.05])
    date = np.where(precision == "day", day_text,
                    np.where(precision == "month", [d[:7] for d in day_text], [d[:4] for d in day_text]))
    seen = dates[np.minimum(days + rng.integers(0, 5, count), DAYS - 1)]
    modality = rng.choice(np.array(["asserted", "future", "hypothetical", "negated"], dtype=object), count,
                          p=[0.85, 0.08, 0.04, 0.03])
    event_type = np.array(PLOVER_TYPES, dtype=object)[rng.integers(0, len(PLOVER_TYPES), count)]
    context = [CONTEXTS[i] for i in rng.integers(0, len(CONTEXTS), count)]
    cue = rng.random(count) < 0.001
    sentence = np.where(cue, "Officials met for the first time since 2014, the ministry said.",
                        "Officials of both governments met on Tuesday, the ministry said.")
    ids = np.array([f"evt_{i:09d}" for i in range(count)], dtype=object)
    return pa.table({
        "id": ids, "event_type": event_type, "modality": modality, "mode": pa.nulls(count, pa.string()),
        "context": pa.array(context, pa.list_(pa.string())), "actor_code": actor, "recipient_code": recipient,
        "date": date, "date_precision": precision, "first_seen": seen, "sentence": sentence,
    })


def build_store(path: Path, events: pa.Table) -> None:
    """Load already-clustered synthetic events, one mention and one document each, into a new store.

    The public ingest path (`Store.add`) codes and clusters articles at a few thousand mentions a
    second, which would take most of an hour here; `Store.bulk_load` writes the given events as
    they are.
    """
    count = events.num_rows
    number = pc.utf8_slice_codeunits(events["id"], 4)
    mention_ids = pc.binary_join_element_wise("m", number, "")
    doc_ids = pc.binary_join_element_wise("d", number, "")
    government = pa.array(["GOV"] * count)
    documents = pa.table({
        "doc_id": doc_ids, "content_hash": doc_ids, "source": pa.array(["bench"] * count),
        "language": pa.array(["en"] * count), "date": events["first_seen"],
        "text": pc.binary_join_element_wise("Synthetic report ", number, ". ", events["sentence"], ""),
    })
    mentions = pa.table({
        "id": mention_ids, "doc_id": doc_ids, "event_type": events["event_type"], "context": events["context"],
        "modality": events["modality"], "actor_code": events["actor_code"], "actor_sector": government,
        "recipient_code": events["recipient_code"], "recipient_sector": government, "date": events["date"],
        "date_precision": events["date_precision"], "sentence": events["sentence"],
        "sentence_index": pa.array([0] * count, pa.int32()), "char_start": pa.array([0] * count, pa.int64()),
        "char_end": pc.utf8_length(events["sentence"]), "confidence": pa.array([0.8] * count),
        "coder": pa.array(["bench"] * count), "event_id": events["id"],
    })
    happenings = pa.table({
        "event_id": events["id"], "event_type": events["event_type"], "modality": events["modality"],
        "actor_code": events["actor_code"], "actor_sector": government, "recipient_code": events["recipient_code"],
        "recipient_sector": government, "date": events["date"], "date_precision": events["date_precision"],
        "context": events["context"], "n_mentions": pa.array([1] * count, pa.int32()),
        "n_sources": pa.array([1] * count, pa.int32()), "first_seen": events["first_seen"],
        "last_seen": events["first_seen"], "confidence": pa.array([0.8] * count), "representative_id": mention_ids,
    })
    with Store(path) as store:
        store.bulk_load(documents, mentions, happenings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--period", default="month")
    args = parser.parse_args()
    started = time.perf_counter()
    events = synthetic_events(args.events)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        build_store(path, events)
        print(f"built a store of {args.events:,} synthetic events in {time.perf_counter() - started:.1f} s")
        with Store(path, read_only=True) as store:
            started = time.perf_counter()
            table = load_events(store)
            read = time.perf_counter() - started
            print(f"read {table.num_rows:,} events from the store: {read:.2f} s")
            started = time.perf_counter()
            analysis = Analysis(store, period=args.period)
            frame = analysis.indicators()
            seconds = time.perf_counter() - started
        print(f"indicators over the store ({args.period}): {seconds:.2f} s "
              f"({len(frame):,} rows, {int(frame['events'].sum()):,} counted events)")
        started = time.perf_counter()
        frame = Analysis(table, period=args.period, regions=["latin-america", "africa"]).indicators()
        print(f"indicators for two regions from the events table in memory: "
              f"{time.perf_counter() - started:.2f} s ({len(frame):,} rows)")


if __name__ == "__main__":
    main()
