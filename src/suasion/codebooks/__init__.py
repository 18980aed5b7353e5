"""Locates and loads the project's data files (codebooks, lexicons, actor knowledge)."""

from __future__ import annotations

import csv
import re
import functools
import json
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent


class DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML 1.2 booleans only: 'on', 'no', 'yes', 'off' stay words (lexicons are full of them)."""


DataLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))


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
                return yaml.load(fh, Loader=DataLoader)  # noqa: S506 - a safe loader
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
