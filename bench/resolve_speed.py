"""Measures knowledge-base load time and actor resolution throughput from a warm cache."""

from __future__ import annotations

import random
import time

from suasion.resolve.actors import ActorResolver
from suasion.resolve.knowledge import build_knowledge

MENTIONS = ["Putin", "Vladimir Putin", "Balsonaro", "Jair Bolsonaro", "Lula", "the Kremlin", "Jane Saki",
            "Anthony Blinken", "the Russian deputy foreign minister", "Brazil's president", "el canciller venezolano",
            "Xi Jinping", "Beijing", "the White House", "Ned Price", "Maduro", "Daniel Ortega", "Casa Rosada",
            "Planalto", "Itamaraty", "U.S. officials", "Chinese consortium", "Brazilian opposition", "Tas",
            "former foreign minister Ernesto Araujo", "Mexican President Andres Manuel Lopez Obrador", "NATO",
            "the Organization of American States", "Sergei Lavrov", "Díaz-Canel"]
DATES = ["2015-06-01", "2019-03-01", "2021-07-15", "2022-02-16", "2023-05-01", "2024-11-20"]


def main() -> None:
    started = time.perf_counter()
    kb = build_knowledge()
    resolver = ActorResolver(kb)  # its name indexes are part of getting ready
    load_seconds = time.perf_counter() - started
    rng = random.Random(3)
    stream = [(rng.choice(MENTIONS), rng.choice(DATES)) for _ in range(200_000)]
    for mention, date in set(stream):
        resolver.lookup_cached(mention, date)
    started = time.perf_counter()
    for mention, date in stream:
        resolver.lookup_cached(mention, date)
    rate = len(stream) / (time.perf_counter() - started)
    print(f"knowledge base: {len(kb.people)} people, {len(kb.countries)} countries, {len(kb.terms)} terms")
    print(f"load: {load_seconds:.2f} s  (target < 1 s)")
    print(f"resolution from a warm cache: {rate:,.0f} mentions/s  (target >= 50,000)")
    cold = [(m, d) for m in MENTIONS for d in DATES]
    started = time.perf_counter()
    for mention, date in cold:
        resolver.lookup(mention, date)
    print(f"resolution without cache: {len(cold) / (time.perf_counter() - started):,.0f} mentions/s")


if __name__ == "__main__":
    main()
