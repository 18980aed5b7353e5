"""Countries, regions and powers as the dashboard names them, and the shapes of its region map."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from suasion import codebooks
from suasion.model.errors import SuasionError

DEFAULT_POWERS: tuple[str, ...] = ("USA", "CHN", "RUS")
DEFAULT_REGION = "latin-america"
POWER_COLOURS = {"USA": "#2563eb", "CHN": "#dc2626", "RUS": "#7c3aed"}
_SPARE_COLOURS = ("#0d9488", "#d97706", "#db2777", "#4b5563", "#65a30d")

# Tile positions (column, row) that keep neighbours next to each other, for the regions analysts
# look at most; subregions reuse them. Other regions get an alphabetical grid.
_TILES: dict[str, tuple[int, int]] = {
    # Latin America and the Caribbean
    "BHS": (5, 0), "TCA": (6, 0), "VGB": (8, 0), "AIA": (9, 0), "MAF": (10, 0),
    "MEX": (1, 1), "CUB": (4, 1), "HTI": (5, 1), "DOM": (6, 1), "PRI": (7, 1), "VIR": (8, 1),
    "SXM": (9, 1), "BLM": (10, 1),
    "GTM": (1, 2), "BLZ": (2, 2), "CYM": (3, 2), "JAM": (4, 2), "KNA": (9, 2), "ATG": (10, 2),
    "SLV": (1, 3), "HND": (2, 3), "ABW": (5, 3), "CUW": (6, 3), "BES": (7, 3), "MSR": (9, 3),
    "GLP": (10, 3),
    "NIC": (2, 4), "TTO": (6, 4), "DMA": (10, 4),
    "CRI": (2, 5), "PAN": (3, 5), "COL": (4, 5), "VEN": (5, 5), "GUY": (6, 5), "SUR": (7, 5),
    "GUF": (8, 5), "MTQ": (10, 5),
    "ECU": (3, 6), "PER": (4, 6), "BRA": (5, 6), "LCA": (10, 6), "BRB": (11, 6),
    "CHL": (4, 7), "BOL": (5, 7), "PRY": (6, 7), "VCT": (10, 7),
    "ARG": (5, 8), "URY": (6, 8), "GRD": (10, 8),
    "FLK": (6, 9), "SGS": (7, 10), "BVT": (9, 10),
    # Africa
    "MAR": (2, 0), "DZA": (3, 0), "TUN": (4, 0), "LBY": (5, 0), "EGY": (6, 0),
    "ESH": (1, 1), "MRT": (2, 1), "MLI": (3, 1), "NER": (4, 1), "TCD": (5, 1), "SDN": (6, 1),
    "ERI": (7, 1),
    "CPV": (0, 2), "SEN": (1, 2), "GMB": (2, 2), "BFA": (3, 2), "NGA": (4, 2), "CAF": (5, 2),
    "SSD": (6, 2), "ETH": (7, 2), "DJI": (8, 2),
    "GNB": (1, 3), "GIN": (2, 3), "CIV": (3, 3), "BEN": (4, 3), "CMR": (5, 3), "UGA": (6, 3),
    "KEN": (7, 3), "SOM": (8, 3),
    "SLE": (1, 4), "LBR": (2, 4), "GHA": (3, 4), "TGO": (4, 4), "GNQ": (5, 4), "COD": (6, 4),
    "RWA": (7, 4), "IOT": (10, 4),
    "STP": (3, 5), "GAB": (4, 5), "COG": (5, 5), "BDI": (6, 5), "TZA": (7, 5), "SYC": (9, 5),
    "SHN": (0, 6), "AGO": (5, 6), "ZMB": (6, 6), "MWI": (7, 6), "COM": (8, 6), "MYT": (9, 6),
    "NAM": (5, 7), "ZWE": (6, 7), "MOZ": (7, 7), "MDG": (8, 7), "REU": (9, 7),
    "BWA": (5, 8), "ZAF": (6, 8), "SWZ": (7, 8), "MUS": (9, 8), "ATF": (10, 9),
    "LSO": (6, 9),
}
TILE = 46
TILE_GAP = 4


@dataclass(frozen=True, slots=True)
class Country:
    """A country or territory as events code it (ISO 3166-1 alpha-3)."""

    code: str
    iso2: str | None
    name: str
    regions: tuple[str, ...]
    sovereign: bool  # on the COW or Gleditsch-Ward state lists (territories do not frame a map)


@dataclass(frozen=True, slots=True)
class Region:
    """A region of regions.yaml: its key (as in URLs), code, English name and member codes."""

    key: str
    code: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Shape:
    """One country on the region map: a tile (x, y, size) or an outline (SVG markup)."""

    code: str
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0
    markup: str | None = None  # trusted geometry from an installed package, never article text


@dataclass(frozen=True, slots=True)
class RegionMap:
    """What the overview draws: outlines (`kind` "outline") or tiles, in `view_box` coordinates."""

    kind: str
    view_box: tuple[float, float, float, float]  # x, y, width, height
    shapes: tuple[Shape, ...]
    stroke: float


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country and territory by code."""
    table: dict[str, Country] = {}
    for entry in codebooks.load("actors/countries.yaml"):
        code = str(entry["iso3"])
        names = (entry.get("names") or {}).get("en") or [code]
        table[code] = Country(code=code, iso2=entry.get("iso2"), name=str(names[0]),
                              regions=tuple(entry.get("regions") or ()),
                              sovereign=bool(entry.get("cow") or entry.get("gw")))
    return table


@functools.lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every region by key, in the codebook's order."""
    table: dict[str, Region] = {}
    for entry in codebooks.load("actors/regions.yaml"):
        name = ((entry.get("names") or {}).get("en") or [entry["key"]])[0]
        name = name[4:] if name.startswith("the ") else name
        table[str(entry["key"])] = Region(key=str(entry["key"]), code=str(entry["code"]),
                                          name=name[:1].upper() + name[1:],
                                          members=tuple(entry.get("members") or ()))
    return table


@functools.lru_cache(maxsize=1)
def _organisations() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in codebooks.load("actors/organisations.yaml") or []:
        english = ((entry.get("names") or {}).get("en") or [entry.get("code")])
        names[str(entry.get("code"))] = str(english[0])
    return names


def actor_name(code: str | None) -> str:
    """A readable name for an actor code: a country, a region, an organisation, else the code."""
    if not code:
        return ""
    if code in countries():
        return countries()[code].name
    for region in regions().values():
        if region.code == code:
            return region.name
    return _organisations().get(code, code)


def power_colours(powers: tuple[str, ...] | list[str]) -> dict[str, str]:
    spare = iter(_SPARE_COLOURS * 4)
    return {power: POWER_COLOURS.get(power) or next(spare) for power in powers}


def region_map(region: Region) -> RegionMap:
    """The map of a region: country outlines from the report's geometry module when its map
    package is installed, else a tile map (geographic tiles for the Americas and Africa, a
    name-ordered grid else)."""
    return _outline_map(region) or _tile_map(region)


def _tile_map(region: Region) -> RegionMap:
    members = [code for code in region.members if code in countries()]
    placed = [code for code in members if code in _TILES]
    if len(placed) == len(members) and members:
        min_col = min(_TILES[c][0] for c in placed)
        min_row = min(_TILES[c][1] for c in placed)
        cells = {code: (_TILES[code][0] - min_col, _TILES[code][1] - min_row) for code in placed}
    else:
        ordered = sorted(members, key=lambda c: countries()[c].name)
        columns = max(1, math.ceil(math.sqrt(len(ordered) * 1.6)))
        cells = {code: (i % columns, i // columns) for i, code in enumerate(ordered)}
    step = TILE + TILE_GAP
    shapes = tuple(Shape(code=code, x=col * step, y=row * step, size=TILE) for code, (col, row) in cells.items())
    width = max((shape.x + TILE for shape in shapes), default=TILE)
    height = max((shape.y + TILE for shape in shapes), default=TILE)
    return RegionMap(kind="tiles", view_box=(-2, -2, width + 4, height + 4), shapes=shapes, stroke=1.5)


@functools.lru_cache(maxsize=32)
def _outline_map(region: Region) -> RegionMap | None:
    try:
        from suasion.export.geometry import country_shapes, frame
    except ImportError:
        return None
    try:
        outlines = country_shapes([code for code in region.members if code in countries()])
    except SuasionError:  # the map package is not installed: tiles will do
        return None
    if not outlines:
        return None
    core = [shape for code, shape in outlines.items() if countries()[code].sovereign]
    x0, y0, x1, y1 = frame(core or outlines.values())
    shapes = tuple(Shape(code=code, markup=outline.markup) for code, outline in outlines.items())
    return RegionMap(kind="outline", view_box=(x0, y0, x1 - x0, y1 - y0), shapes=shapes,
                     stroke=round(max(x1 - x0, y1 - y0) / 900, 3))
