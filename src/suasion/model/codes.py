"""Looks up PLOVER event types, modes and contexts and their CAMEO codes, Goldstein values and quads."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable
from typing import Any

from suasion import codebooks
from suasion.model.errors import SuasionError

PLOVER_FILE = "events/plover.yaml"
CAMEO_FILE = "events/cameo.tsv"


@functools.lru_cache(maxsize=1)
def _plover() -> dict[str, Any]:
    data = codebooks.load(PLOVER_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise SuasionError("E015", path=PLOVER_FILE, detail="expected a mapping with 'types'")
    return data


@functools.lru_cache(maxsize=1)
def _cameo() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for row in codebooks.load(CAMEO_FILE):
        code = row["code"]
        try:
            table[code] = {
                "label": row["label"],
                "goldstein": float(row["goldstein"]),
                "quad": int(row["quad"]),
                "plover_type": row["plover_type"] or None,
                "plover_mode": row["plover_mode"] or None,
                "plover_context": [c for c in (row["plover_context"] or "").split(";") if c],
            }
        except (TypeError, ValueError) as exc:
            raise SuasionError("E015", path=CAMEO_FILE, detail=f"row {code!r}: {exc}") from exc
    return table


def _type_entry(event_type: str) -> dict[str, Any]:
    types = _plover()["types"]
    key = event_type.strip().upper() if isinstance(event_type, str) else event_type
    if key not in types:
        raise SuasionError("E012", name="event_type", value=event_type,
                           detail="not one of the 16 PLOVER types")
    return types[key]


def _cameo_row(code: str) -> dict[str, Any]:
    # Codes are strings: an int would already have lost the leading zero that tells 010 from 10.
    if not isinstance(code, str) or code not in _cameo():
        raise SuasionError("E012", name="cameo code", value=code,
                           detail="not a CAMEO 1.1b3 code (codes are strings such as '010')")
    return _cameo()[code]


def plover_types() -> dict[str, dict[str, Any]]:
    """The 16 PLOVER types with description, quad, plover_score, cameo, modes (a copy)."""
    return copy.deepcopy(_plover()["types"])


def plover_score(event_type: str) -> float:
    """The type's score on the -10 (conflict) .. +10 (cooperation) scale."""
    return float(_type_entry(event_type)["plover_score"])


def quad_class(event_type: str) -> int:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return int(_type_entry(event_type)["quad"])


def modes(event_type: str) -> list[str]:
    """The canonical mode names of a type (empty for types without modes)."""
    return list(_type_entry(event_type).get("modes") or {})


def canonical_mode(event_type: str, mode: str | None) -> str | None:
    """The canonical name of a mode or one of its aliases for this type; None when unknown."""
    if not mode:
        return None
    wanted = mode.strip().lower().replace("_", "-").replace(" ", "-")
    for name, entry in (_type_entry(event_type).get("modes") or {}).items():
        if wanted == name or wanted in (entry.get("aliases") or ()):
            return name
    return None


def contexts() -> list[str]:
    """The canonical context names."""
    return list(_plover()["contexts"])


def canonical_context(name: str | None) -> str | None:
    """The canonical name of a context or one of its aliases; None when unknown."""
    if not name:
        return None
    wanted = name.strip().lower().replace("-", "_").replace(" ", "_")
    if wanted in _plover()["contexts"]:
        return wanted
    return (_plover().get("context_aliases") or {}).get(wanted)


def _by_context(table: dict[str, str] | None, context: Iterable[str]) -> str | None:
    if not table:
        return None
    for name in context:
        canonical = canonical_context(name)
        if canonical in table:
            return table[canonical]
    return None


def cameo_for(event_type: str, mode: str | None = None, context: Iterable[str] = ()) -> str:
    """The most specific CAMEO code for a type, its mode and the event's contexts.

    Mode and context together beat the mode alone, which beats the type's context codes, which
    beat the type's default code; among contexts the first one (in the given order) that has a
    code wins. Unknown modes and contexts are ignored.
    """
    entry = _type_entry(event_type)
    if isinstance(context, str):
        context = (context,)
    context = tuple(context or ())
    mode_name = canonical_mode(event_type, mode)
    if mode_name is not None:
        mode_entry = entry["modes"][mode_name]
        code = _by_context(mode_entry.get("cameo_by_context"), context) or mode_entry.get("cameo")
        if code:
            return str(code)
    return str(_by_context(entry.get("cameo_by_context"), context) or entry["cameo"])


def goldstein(cameo_code: str) -> float:
    """The Goldstein (1992) value of a CAMEO code, -10 .. +10."""
    return _cameo_row(cameo_code)["goldstein"]


def cameo_label(code: str) -> str:
    """The CAMEO 1.1b3 label of a code."""
    return _cameo_row(code)["label"]


def cameo_quad(code: str) -> int:
    """The CAMEO quad class of a code (from its root: 01-05, 06-08, 09-13, 14-20)."""
    return _cameo_row(code)["quad"]


def cameo_codes() -> list[str]:
    """Every CAMEO 1.1b3 code in the table, roots included, in code order."""
    return list(_cameo())


def plover_for_cameo(code: str) -> tuple[str, str | None] | None:
    """The (PLOVER type, mode or None) a CAMEO code maps to; None for codes with no PLOVER type."""
    row = _cameo_row(code)
    if row["plover_type"] is None:
        return None
    return row["plover_type"], row["plover_mode"]


def plover_context_for_cameo(code: str) -> list[str]:
    """The PLOVER contexts the crosswalk attaches to a CAMEO code."""
    return list(_cameo_row(code)["plover_context"])
