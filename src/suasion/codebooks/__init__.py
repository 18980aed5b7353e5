"""Locates and loads the project's data files (codebooks, lexicons, actor knowledge)."""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent


def path(name: str) -> Path:
    return ROOT / name


@functools.lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Load a YAML, JSON, TSV or CSV codebook by its path relative to this folder (cached)."""
    from suasion.model.errors import SuasionError

    file = ROOT / name
    try:
        if file.suffix in (".yaml", ".yml"):
            with file.open(encoding="utf-8") as fh:
                return yaml.safe_load(fh)
        if file.suffix == ".json":
            return json.loads(file.read_text(encoding="utf-8"))
        if file.suffix in (".tsv", ".csv"):
            with file.open(encoding="utf-8", newline="") as fh:
                rows = csv.DictReader((line for line in fh if not line.startswith("#")),
                                      delimiter="\t" if file.suffix == ".tsv" else ",")
                return [dict(row) for row in rows]
    except (OSError, yaml.YAMLError, json.JSONDecodeError, csv.Error) as exc:
        raise SuasionError("E015", path=name, detail=str(exc)) from exc
    raise SuasionError("E015", path=name, detail="unknown file type")
