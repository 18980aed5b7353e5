"""Times `suasion extract` over generated news sentences: sentences per second on one core, peak RSS."""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ["Russian President Vladimir Putin", "China", "The United States", "Brazil's foreign minister",
          "Venezuelan officials", "The Kremlin", "Argentine President Alberto Fernández", "Beijing",
          "Nicaragua", "The State Department", "Cuban leader Miguel Díaz-Canel", "Mexico", "Washington",
          "Colombia's government", "The European Union", "NATO", "Bolivia", "Moscow", "Honduras"]
ACTS = ["met with {r} on Tuesday", "spoke by phone with {r}", "accused {r} of interfering in its election",
        "signed a trade agreement with {r}", "sold tanks and warships to {r}", "urged {r} to postpone the visit",
        "threatened to impose sanctions on {r}", "could deploy troops to {r}", "did not rule out sending warships to {r}",
        "delivered vaccines to {r} last month", "is scheduled to visit {r} next week", "rejected a proposal from {r}",
        "held joint military exercises with {r}", "expressed concern about {r}", "broke diplomatic relations with {r}",
        "praised {r} for its support", "promised to increase cooperation with {r}", "denied sending weapons to {r}"]
TAILS = ["", ", officials said.", ", according to state media.", " amid rising tensions.", ", the ministry said on Monday."]


def sentences(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        actor = rng.choice(ACTORS)
        recipient = rng.choice([a for a in ACTORS if a != actor])
        text = f"{actor} {rng.choice(ACTS).format(r=recipient.replace('The ', 'the '))}{rng.choice(TAILS)}"
        out.append(text if text.endswith(".") else text + ".")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=6000)
    parser.add_argument("--per-article", type=int, default=12)
    args = parser.parse_args()
    texts = sentences(args.sentences)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bench.jsonl"
        with data.open("w", encoding="utf-8") as fh:
            for n in range(0, len(texts), args.per_article):
                fh.write(json.dumps({"id": f"bench-{n}", "date": "2022-02-16",
                                     "text": " ".join(texts[n:n + args.per_article])}) + "\n")
        exe = str(Path(sys.executable).with_name("suasion"))
        command = [exe, "--quiet", "extract", str(data), "-o", str(Path(tmp) / "out.jsonl")]
        if shutil.which("taskset"):
            command = ["taskset", "-c", "0", *command]
        started = time.perf_counter()
        subprocess.run(command, check=True)
        elapsed = time.perf_counter() - started
        events = sum(1 for _ in open(Path(tmp) / "out.jsonl", encoding="utf-8"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rate = len(texts) / elapsed
    print(f"sentences: {len(texts)}  events: {events}  seconds: {elapsed:.2f} (one core, start-up included)")
    print(f"sentences per second: {rate:.0f}  (target >= 300)")
    print(f"peak RSS: {peak_mb:.0f} MB  (target < 1024)")


if __name__ == "__main__":
    main()
