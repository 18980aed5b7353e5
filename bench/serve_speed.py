"""Times the dashboard's JSON API over a synthetic store of 1,000,000 events: p50/p95 per endpoint.

Builds the store in a temporary folder (documents, one mention per event, events, written with
`Store.bulk_load`), starts the
app in this process behind uvicorn on 127.0.0.1, and sends a bounded number of requests: the
same overview again (answered from the per-store cache) and overviews, country pages and
searches over a different period each time (which the cache cannot answer: every one of these
runs its DuckDB aggregates).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from suasion.model.records import PLOVER_TYPES  # noqa: E402
from suasion.model import codes  # noqa: E402
from suasion.store import Store  # noqa: E402
import pyarrow as pa  # noqa: E402

from suasion.store.bulk import BULK_MENTION_SCHEMA  # noqa: E402
from suasion.store.schema import DOCUMENT_SCHEMA, EVENT_ROW_SCHEMA  # noqa: E402

POWERS = ["USA", "CHN", "RUS"]
COUNTRIES = ["ARG", "BOL", "BRA", "CHL", "COL", "CUB", "DOM", "ECU", "GTM", "HND", "HTI", "JAM", "MEX",
             "NIC", "PAN", "PER", "PRY", "SLV", "URY", "VEN", "TTO", "CRI", "GUY", "SUR",
             "AGO", "DZA", "EGY", "ETH", "GHA", "KEN", "MAR", "NGA", "ZAF", "SEN", "TZA", "UGA", "ZWE"]
OTHERS = ["DEU", "FRA", "GBR", "IND", "JPN", "TUR", "IRN", "ESP", "ITA", "EU", "NATO", "UN"]
BATCH = 100_000
DOCS = 50_000


def build_store(path: Path, n_events: int, seed: int = 11) -> None:
    """A schema-valid store with `n_events` events, one mention each, spread over 2015-2024."""
    rng = random.Random(seed)
    scores = {t: codes.plover_score(t) for t in PLOVER_TYPES}
    quads = {t: codes.quad_class(t) for t in PLOVER_TYPES}
    doc_dates = [f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                 for _ in range(DOCS)]
    documents = pa.Table.from_pylist([
        {"doc_id": f"doc{i}", "content_hash": f"h{i}", "url": f"https://news.example/{i}",
         "title": f"Synthetic report {i}", "source": f"outlet{i % 40}", "language": "en",
         "date": doc_dates[i], "origin": None,
         "text": f"Dateline {i}.\nOfficials met today. Talks went on.\nMore text follows.",
         "syndication_key": f"doc{i}", "signature": None} for i in range(DOCS)], schema=DOCUMENT_SCHEMA)
    mention_parts, event_parts = [], []
    for start in range(0, n_events, BATCH):
        mentions, events = [], []
        for i in range(start, min(start + BATCH, n_events)):
            roll = rng.random()
            if roll < 0.6:
                pair = [rng.choice(POWERS), rng.choice(COUNTRIES)]
                if rng.random() < 0.3:
                    pair.reverse()
            else:
                pair = rng.sample(COUNTRIES + OTHERS + POWERS, 2)
            event_type = rng.choice(PLOVER_TYPES)
            doc = rng.randrange(DOCS)
            dated = rng.random() < 0.5
            mention_id, event_key = f"m{i}", f"e{i}"
            common = {"event_type": event_type, "mode": None, "modality": rng.choice(
                ("asserted",) * 8 + ("future", "negated")), "actor_code": pair[0], "actor_sector": "GOV",
                "actor_name": None, "recipient_code": pair[1], "recipient_sector": "GOV",
                "recipient_name": None, "date": doc_dates[doc] if dated else None,
                "date_precision": "day" if dated else None,
                "context": rng.choice(([], ["economic"], ["military"], ["diplomatic"])),
                "cameo": None, "quad": quads[event_type], "goldstein": None,
                "plover_score": scores[event_type], "confidence": 0.6}
            mentions.append({**common, "id": mention_id, "doc_id": f"doc{doc}", "actor_text": pair[0],
                             "recipient_text": pair[1], "sentence": "Officials met today.",
                             "sentence_index": 1, "char_start": 13, "char_end": 33, "coder": "bench",
                             "event_id": event_key})
            events.append({**common, "event_id": event_key, "n_mentions": 1, "n_sources": 1,
                           "first_seen": doc_dates[doc], "last_seen": doc_dates[doc],
                           "representative_id": mention_id})
        mention_parts.append(pa.Table.from_pylist(mentions, schema=BULK_MENTION_SCHEMA))
        event_parts.append(pa.Table.from_pylist(events, schema=EVENT_ROW_SCHEMA))
    with Store(path) as store:
        store.bulk_load(documents, pa.concat_tables(mention_parts), pa.concat_tables(event_parts))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        json.loads(response.read())
    return (time.perf_counter() - started) * 1000


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    # The machine's load says how far other work on it skews the numbers.
    load = os.getloadavg()[0]
    return (f"p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ordered)}, "
            f"load {load:.1f} on {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per measured series")
    args = parser.parse_args()

    import uvicorn

    from suasion.serve import create_app

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        build_store(db, args.events)
        print(f"built a store of {args.events:,} events in {time.perf_counter() - started:.1f} s")
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            warm = [_timed_get(f"{base}/api/overview?region=latin-america") for _ in range(args.requests)]
            print(f"overview, repeated (cached)             {_percentiles(warm)}")
            years = [(y, m) for y in range(2015, 2025) for m in range(1, 13)]
            cold = [_timed_get(f"{base}/api/overview?region=latin-america&since={y}-{m:02d}&until=2024")
                    for y, m in years[: args.requests]]
            print(f"overview, a new period each time (cold) {_percentiles(cold)}")
            africa = [_timed_get(f"{base}/api/overview?region=africa&since={2015 + i % 10}")
                      for i in range(args.requests)]
            print(f"overview africa, mixed periods          {_percentiles(africa)}")
            country = [_timed_get(f"{base}/api/countries/VEN?since={2015 + i % 10}") for i in range(args.requests)]
            print(f"country page data                       {_percentiles(country)}")
            search = [_timed_get(f"{base}/api/events?recipient=BRA&q=officials&since={2015 + i % 10}&limit=50")
                      for i in range(args.requests)]
            print(f"event search with free text             {_percentiles(search)}")
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
