"""Single charts as files: SVG natively, PNG by converting that SVG with cairosvg."""

from __future__ import annotations

from pathlib import Path

from suasion.export import charts
from suasion.export.report_data import ReportData
from suasion.model.errors import SuasionError

FORMATS = ("svg", "png")
PNG_SCALE = 2.0  # pixels per SVG unit: sharp on high-density screens and in slides


def chart_svg(data: ReportData, what: str, power: str | None = None, country: str | None = None) -> str:
    """One chart of `charts.CHARTS` as an SVG document.

    `power` picks the map's shading (default: the leading power) and limits the timeline and
    lever charts to that power; `country` limits the timeline to that country.
    """
    if what not in charts.CHARTS:
        raise SuasionError("E012", name="chart", value=what, detail=f"expected one of {', '.join(charts.CHARTS)}")
    if power is not None and power not in data.scope.powers:
        raise SuasionError("E012", name="power", value=power,
                           detail=f"expected one of the report's powers: {', '.join(data.scope.powers)}")
    if country is not None and country not in data.scope.countries:
        raise SuasionError("E012", name="country", value=country,
                           detail=f"not a country of {data.scope.region_name} (ISO3 codes such as BRA)")
    if what == "map":
        return charts.map_svg(data, power or "lead")
    if what == "heatmap":
        return charts.heatmap_svg(data)
    if what == "timeline":
        return charts.timeline_svg(data, countries=[country] if country else None, power=power)
    if what == "network":
        return charts.network_svg(data)
    return charts.levers_svg(data, power=power)


def output_format(path: str | Path) -> str:
    """svg or png, from the file name; SuasionError E034 for anything else."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise SuasionError("E034", fmt=suffix or str(path), choices=", ".join(FORMATS))
    return suffix


def write_chart(svg: str, path: str | Path) -> Path:
    """Write an SVG document as .svg, or rendered to .png."""
    target = Path(path)
    if output_format(target) == "svg":
        target.write_text(svg, encoding="utf-8")
        return target
    target.write_bytes(svg_to_png(svg))
    return target


def svg_to_png(svg: str, scale: float = PNG_SCALE) -> bytes:
    """PNG bytes of an SVG document (cairosvg over the system cairo library, fully offline)."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: the cairo shared library is missing
        raise SuasionError("E012", name="output", value="png",
                           detail=f"PNG needs cairosvg and the cairo library (Debian: libcairo2): {exc}; "
                                  "write .svg instead") from exc
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
