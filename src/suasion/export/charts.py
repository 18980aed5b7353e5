"""SVG charts of great-power influence: choropleth map, heatmap, timelines, network, lever bars.

Every chart is a standalone SVG document (presentation attributes only, no CSS, scripts, fonts
or images: it renders the same inline in the report, in a browser, or through cairosvg to PNG).
Chart elements link to evidence through a `Links` object; the base class links nowhere.
"""

from __future__ import annotations

import calendar
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from suasion.export.geometry import CountryShape, country_shapes, frame
from suasion.export.report_data import ReportData, is_sovereign, lever_label, lever_names

FONT = "'Segoe UI','Helvetica Neue',Helvetica,Arial,'DejaVu Sans',sans-serif"
INK = "#1d2733"
MUTED = "#5f6f81"
GRID = "#e1e6ec"
EMPTY = "#e4e8ec"  # a country with no recorded event
NEUTRAL = "#aab4bf"  # a country with events but no leading power
BACKGROUND = "#ffffff"
LIGHT = "#f3f5f8"
POWER_LAND = "#f6f7f9"  # the powers' own territory: orientation only
_POWER_COLORS = {"USA": "#1f5f9e", "CHN": "#c33b2f", "RUS": "#6a4c9c"}
_EXTRA_COLORS = ("#1b8a6b", "#c98a12", "#4d7d1e", "#8a5a2b", "#3d6f8f", "#a13f73")
_LEVER_COLORS = {"diplomatic": "#8aa1b8", "economic": "#2a8c80", "military": "#8c3b2e",
                 "health_humanitarian": "#d9a52b", "information": "#8a76b3", "other": "#cdd4db"}
_EXTRA_LEVER_COLORS = ("#5b8c3a", "#b3662d", "#3f6f9a", "#9a4f7d")
WIDTH = 760


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def lever_color(lever: str) -> str:
    if lever in _LEVER_COLORS:
        return _LEVER_COLORS[lever]
    others = [name for name in lever_names() if name not in _LEVER_COLORS]
    return _EXTRA_LEVER_COLORS[(others.index(lever) if lever in others else 0) % len(_EXTRA_LEVER_COLORS)]


def power_color(power: str, powers: Sequence[str]) -> str:
    if power in _POWER_COLORS:
        return _POWER_COLORS[power]
    others = [p for p in powers if p not in _POWER_COLORS]
    index = others.index(power) if power in others else 0
    return _EXTRA_COLORS[index % len(_EXTRA_COLORS)]


def mix(first: str, second: str, t: float) -> str:
    """The colour t of the way from first to second (#rrggbb)."""
    t = min(1.0, max(0.0, t))
    a = [int(first[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(second[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def ramp(color: str, t: float) -> str:
    """A sequential scale from near-white through the colour to a darker shade of it."""
    t = min(1.0, max(0.0, t))
    if t <= 0.75:
        return mix("#eef2f6", color, t / 0.75)
    return mix(color, mix(color, "#0b0f14", 0.45), (t - 0.75) / 0.25)


def scaled(value: float, maximum: float) -> float:
    """Square-root scaling: a few very active dyads do not wash out the others."""
    return math.sqrt(value / maximum) if maximum > 0 and value > 0 else 0.0


def text_color(fill: str) -> str:
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else INK


def text_width(content: str, size: float) -> float:
    """A generous estimate of rendered text width (no font metrics offline)."""
    return len(content) * size * 0.58


def influence_text(value: float) -> str:
    return f"{value:.1f}"


def max_influence(data: ReportData) -> float:
    return float(data.dyads["influence"].max()) if len(data.dyads) else 0.0


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def month_label(month: str, short: bool = True) -> str:
    year, number_ = month.split("-")
    name = calendar.month_abbr[int(number_)] if short else calendar.month_name[int(number_)]
    return f"{name} {year}"


class Links:
    """Where chart elements point (an anchor such as "#ev-USA-BRA"); None: nowhere."""

    def dyad(self, power: str, country: str) -> str | None:
        return None

    def month(self, power: str, country: str, month: str) -> str | None:
        return None

    def lever(self, power: str, country: str | None, lever: str) -> str | None:
        return None


def linked(href: str | None, body: str, label: str | None = None) -> str:
    if not href:
        return body
    aria = f' aria-label="{esc(label)}"' if label else ""
    return f'<a href="{esc(href)}"{aria}>{body}</a>'


def document(width: float, height: float, body: str, title: str, css_class: str = "chart") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" font-family="{esc(FONT)}" role="img">'
            f'<title>{esc(title)}</title><rect width="100%" height="100%" fill="{BACKGROUND}"/>{body}</svg>')


def text(x: float, y: float, content: object, size: float = 12, fill: str = INK, anchor: str = "start",
         weight: str = "normal", extra: str = "") -> str:
    bold = f' font-weight="{weight}"' if weight != "normal" else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}"{bold}{extra}>'
            f'{esc(content)}</text>')


def heading(title: str, subtitle: str | None, width: float, titled: bool = True) -> tuple[str, float]:
    """A chart's title block and the height it takes (a small margin when untitled: the page titles it)."""
    if not titled:
        return "", 14
    parts = [text(16, 26, title, 16, INK, weight="600")]
    if subtitle:
        parts.append(text(16, 45, subtitle, 11.5, MUTED))
    return "".join(parts), 58 if subtitle else 40


# -- map ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MapStyle:
    """How one country looks in one map mode."""

    fill: str
    tooltip: str
    href: str | None


def map_modes(data: ReportData) -> list[str]:
    return ["lead", *data.scope.powers]


def map_countries(data: ReportData) -> list[str]:
    """The countries a map draws: the region's (powers excluded: the map is about the others)."""
    return list(data.scope.countries)


def map_styles(data: ReportData, links: Links) -> dict[str, dict[str, MapStyle]]:
    """For each mode (lead or a power) and country: fill, tooltip and evidence link."""
    powers = list(data.scope.powers)
    dyads = {(row.power, row.country): row for row in data.dyads.itertuples(index=False)}
    leaders = {row.country: row for row in data.countries.itertuples(index=False)}
    maximum = max_influence(data)
    styles: dict[str, dict[str, MapStyle]] = {mode: {} for mode in map_modes(data)}
    for country in map_countries(data):
        name = data.names.get(country, country)
        summary = "; ".join(
            f"{p} influence {influence_text(dyads[(p, country)].influence)}, {dyads[(p, country)].events} events"
            for p in powers if (p, country) in dyads)
        if country not in leaders:
            for mode in styles:
                styles[mode][country] = MapStyle(EMPTY, f"{name}: no recorded event", None)
            continue
        lead = leaders[country]
        leader = lead.leader if isinstance(lead.leader, str) else None
        busiest = max((p for p in powers if (p, country) in dyads), key=lambda p: dyads[(p, country)].events)
        if leader:
            fill = mix("#ffffff", power_color(leader, powers), 0.3 + 0.7 * scaled(lead.influence, maximum))
            tip = (f"{name}: {leader} leads, with {lead.leader_share:.0%} of the powers' cooperative engagement "
                   f"({summary})")
        else:
            fill = NEUTRAL
            tip = f"{name}: no leading power ({summary})"
        styles["lead"][country] = MapStyle(fill, tip, links.dyad(leader or busiest, country))
        for power in powers:
            row = dyads.get((power, country))
            if row is None:
                styles[power][country] = MapStyle(EMPTY, f"{name}: no event with {power}", None)
                continue
            fill = ramp(power_color(power, powers), scaled(row.influence, maximum)) if row.influence > 0 else LIGHT
            tip = (f"{name}–{power}: influence {influence_text(row.influence)}, {row.events} events "
                   f"({row.share:.0%} of the powers' cooperative engagement)")
            styles[power][country] = MapStyle(fill, tip, links.dyad(power, country))
    return styles


def map_frame(data: ReportData, shapes: dict[str, CountryShape]) -> tuple[float, float, float, float]:
    """Around the region's states (territories such as Bouvet Island would stretch it); for the
    world, around the states with events."""
    core = [shape for code, shape in shapes.items() if is_sovereign(code)]
    if data.scope.region == "world":
        active = set(data.countries["country"])
        core = [shape for shape in core if shape.iso3 in active] or core
    return frame(core or shapes.values())


def map_svg(data: ReportData, mode: str = "lead", links: Links | None = None, legend: bool = True,
            width: float = WIDTH, element_id: str | None = None) -> str:
    """The region's countries shaded by one power's influence, or by the leading power ("lead")."""
    links = links or Links()
    if mode not in map_modes(data):
        mode = "lead"
    codes = map_countries(data)
    shapes = country_shapes(codes)
    power_shapes = country_shapes(data.scope.powers)
    styles = map_styles(data, links)[mode]
    x0, y0, x1, y1 = map_frame(data, shapes)
    title = (f"Leading power by country, {data.scope.region_name}" if mode == "lead"
             else f"{data.names.get(mode, mode)}: influence by country, {data.scope.region_name}")
    head, top = heading(title, period_text(data), width) if legend else ("", 8)
    scale = (width - 32) / (x1 - x0)
    map_height = (y1 - y0) * scale
    stroke = 0.7 / scale
    with_events = set(data.countries["country"])
    # The powers are drawn as outlines for orientation; the region's countries carry the data.
    body = [f'<g class="power" fill="{POWER_LAND}" stroke="#c3ccd6"><title>{esc(data.names.get(code, code))} '
            f'(great power)</title>{shape.markup}</g>' for code, shape in power_shapes.items()]
    for code in codes:
        if code not in shapes:
            continue
        style = styles[code]
        group = (f'<g class="country" data-c="{esc(code)}" fill="{style.fill}"><title>{esc(style.tooltip)}</title>'
                 f'{shapes[code].markup}</g>')
        if code in with_events:
            # An <a> even without href: the report's script points it at the selected power's evidence.
            href = f' href="{esc(style.href)}"' if style.href else ""
            group = f'<a data-c="{esc(code)}"{href}>{group}</a>'
        body.append(group)
    clip = f"clip-{element_id or 'map'}"
    transform = f"translate({16 - x0 * scale:.3f},{top - y0 * scale:.3f}) scale({scale:.5f})"
    map_body = (f'<defs><clipPath id="{esc(clip)}"><rect x="16" y="{top:.1f}" width="{width - 32:.1f}" '
                f'height="{map_height:.1f}"/></clipPath></defs><g clip-path="url(#{esc(clip)})">'
                f'<g transform="{transform}" stroke="#ffffff" stroke-width="{stroke:.3f}" '
                f'stroke-linejoin="round">{"".join(body)}</g></g>')
    height = top + map_height + 8
    legend_svg = ""
    if legend:
        legend_svg, legend_height = map_legend(data, mode, 16, height + 6, width - 32)
        height += legend_height + 12
    ident = f' id="{esc(element_id)}"' if element_id else ""
    return document(width, height, head + map_body + legend_svg, title).replace("<svg ", f"<svg{ident} ", 1)


def map_legend(data: ReportData, mode: str, x: float, y: float, width: float) -> tuple[str, float]:
    powers = list(data.scope.powers)
    parts: list[str] = []
    if mode == "lead":
        entries = [(power_color(p, powers), f"{data.names.get(p, p)} leads", INK) for p in powers]
        entries += [(NEUTRAL, "no leader (tie, or no positive influence)", MUTED), (EMPTY, "no recorded event", MUTED)]
        cursor, line = x, y
        for fill, label, ink in entries:
            needed = 28 + text_width(label, 12)
            if cursor > x and cursor + needed > x + width:
                cursor, line = x, line + 20
            parts.append(f'<rect x="{cursor:.1f}" y="{line:.1f}" width="14" height="14" rx="2" fill="{fill}"/>')
            parts.append(text(cursor + 20, line + 11.5, label, 12, ink))
            cursor += needed + 10
        parts.append(text(x, line + 34, "Paler: the leading power's influence there is lower.", 11, MUTED))
        return "".join(parts), line - y + 40
    maximum = max_influence(data)
    color = power_color(mode, powers)
    steps = 60
    bar_width = min(320.0, width * 0.5)
    for i in range(steps):
        parts.append(f'<rect x="{x + i * bar_width / steps:.2f}" y="{y:.1f}" width="{bar_width / steps + 0.4:.2f}" '
                     f'height="12" fill="{ramp(color, (i + 0.5) / steps)}"/>')
    for fraction in (0.0, 0.25, 0.5, 1.0):
        value = maximum * fraction
        tick_x = x + bar_width * scaled(value, maximum) if maximum else x
        parts.append(f'<line x1="{tick_x:.1f}" x2="{tick_x:.1f}" y1="{y + 12:.1f}" y2="{y + 16:.1f}" '
                     f'stroke="{MUTED}"/>')
        parts.append(text(tick_x, y + 28, influence_text(value), 11, MUTED, "middle"))
    parts.append(text(x + bar_width + 16, y + 10.5, "influence (square-root scale)", 12, MUTED))
    swatch_x = x + bar_width + 16
    parts.append(f'<rect x="{swatch_x:.1f}" y="{y + 18:.1f}" width="14" height="12" fill="{LIGHT}" stroke="{GRID}"/>')
    parts.append(text(swatch_x + 20, y + 28, "0 or below", 11, MUTED))
    parts.append(f'<rect x="{swatch_x + 110:.1f}" y="{y + 18:.1f}" width="14" height="12" fill="{EMPTY}"/>')
    parts.append(text(swatch_x + 130, y + 28, "no recorded event", 11, MUTED))
    return "".join(parts), 34


def period_text(data: ReportData) -> str:
    if not data.months:
        return "no events in the period"
    return (f"{month_label(data.months[0])} – {month_label(data.months[-1])} · "
            f"{data.stats.get('counted', 0):,} events between {', '.join(data.scope.powers)} and "
            f"{data.scope.region_name}")


# -- heatmap -----------------------------------------------------------------------------------

def heatmap_svg(data: ReportData, links: Links | None = None, width: float = WIDTH, titled: bool = True) -> str:
    """Countries (rows, busiest first) by powers (columns): influence shade and value, and events."""
    links = links or Links()
    powers = list(data.scope.powers)
    title = f"Influence by power and country, {data.scope.region_name}"
    head, top = heading(title, "Large figure: influence (-50 to 100) over the period; small figure: events "
                        "counted, conflict included.", width, titled)
    label_width = 170.0
    total_width = 110.0
    cell_width = max(84.0, min(200.0, (width - 32 - label_width - total_width) / max(1, len(powers))))
    row_height = 26.0
    dyads = {(row.power, row.country): row for row in data.dyads.itertuples(index=False)}
    maximum = max_influence(data)
    parts = [head]
    y = top + 6
    for index, power in enumerate(powers):
        cx = 16 + label_width + index * cell_width + cell_width / 2
        parts.append(f'<rect x="{cx - 34:.1f}" y="{y - 1:.1f}" width="8" height="8" rx="1.5" '
                     f'fill="{power_color(power, powers)}"/>')
        parts.append(text(cx - 22, y + 7, power, 12, INK, weight="600"))
    parts.append(text(16 + label_width + len(powers) * cell_width + 12, y + 7, "events · lead", 11.5, MUTED))
    y += 18
    if data.countries.empty:
        parts.append(text(16, y + 18, "No events between these powers and the region's countries.", 12, MUTED))
        y += 30
    for row in data.countries.itertuples(index=False):
        parts.append(text(16, y + row_height / 2 + 4.5, row.name, 12.5, INK))
        for index, power in enumerate(powers):
            x = 16 + label_width + index * cell_width
            dyad = dyads.get((power, row.country))
            if dyad is None:
                parts.append(f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell_width - 2:.1f}" '
                             f'height="{row_height - 2:.1f}" fill="{LIGHT}"/>')
                parts.append(text(x + cell_width / 2, y + row_height / 2 + 4, "–", 11, "#b3bcc6", "middle"))
                continue
            fill = ramp(power_color(power, powers), scaled(dyad.influence, maximum)) if dyad.influence > 0 else LIGHT
            ink = text_color(fill)
            tip = (f"{power}–{row.name}: influence {influence_text(dyad.influence)}; {dyad.events} events "
                   f"({dyad.quad_1} verbal coop., {dyad.quad_2} material coop., {dyad.quad_3} verbal conflict, "
                   f"{dyad.quad_4} material conflict); {dyad.share:.0%} of the powers' cooperative engagement")
            cell = (f'<g class="cell" data-power="{esc(power)}" data-country="{esc(row.country)}" '
                    f'data-events="{dyad.events}" data-influence="{dyad.influence:.4f}"><title>{esc(tip)}</title>'
                    f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell_width - 2:.1f}" height="{row_height - 2:.1f}" '
                    f'fill="{fill}"/>'
                    + text(x + cell_width / 2 - 4, y + row_height / 2 + 4.5, influence_text(dyad.influence), 12.5,
                           ink, "end",
                           weight="600")
                    + text(x + cell_width / 2 + 2, y + row_height / 2 + 4, f"{dyad.events:,} ev", 10.5, ink)
                    + "</g>")
            parts.append(linked(links.dyad(power, row.country), cell, tip))
        x = 16 + label_width + len(powers) * cell_width + 12
        parts.append(text(x, y + row_height / 2 + 4.5, f"{row.events:,}", 12, INK))
        leader = row.leader if isinstance(row.leader, str) else None
        if leader:
            chip_x = x + 44
            parts.append(f'<rect x="{chip_x:.1f}" y="{y + 6:.1f}" width="38" height="{row_height - 12:.1f}" rx="7" '
                         f'fill="{power_color(leader, powers)}"/>')
            parts.append(text(chip_x + 19, y + row_height / 2 + 3.8, leader, 10.5, "#ffffff", "middle", "600"))
        else:
            parts.append(text(x + 63, y + row_height / 2 + 4, "none", 10.5, MUTED, "middle"))
        y += row_height
    missing = len(data.scope.countries) - len(data.countries) if data.scope.region != "world" else 0
    if missing > 0:
        parts.append(text(16, y + 18, f"{missing} other countries of the region: no recorded event with "
                          f"these powers.", 11, MUTED))
        y += 22
    return document(width, y + 14, "".join(parts), title)


# -- timelines ---------------------------------------------------------------------------------

def timeline_svg(data: ReportData, links: Links | None = None, countries: Sequence[str] | None = None,
                 power: str | None = None, width: float = WIDTH, limit: int | None = None,
                 titled: bool = True) -> str:
    """Monthly events per dyad: one small chart per country, one line per power."""
    links = links or Links()
    powers = [power] if power else list(data.scope.powers)
    chosen = list(countries) if countries else list(data.countries["country"])
    if limit:
        chosen = chosen[:limit]
    title = (f"Monthly events, {', '.join(data.names.get(c, c) for c in chosen)}" if countries and len(chosen) <= 3
             else f"Monthly events by country, {data.scope.region_name}")
    head, top = heading(title, period_text(data), width, titled)
    columns = 1 if len(chosen) == 1 else 2
    panel_width = (width - 32 - (columns - 1) * 24) / columns
    panel_height = 150.0 if columns == 2 else 230.0
    legend = []
    cursor = 16.0
    for p in powers:
        legend.append(f'<line x1="{cursor:.1f}" x2="{cursor + 18:.1f}" y1="{top + 2:.1f}" y2="{top + 2:.1f}" '
                      f'stroke="{power_color(p, data.scope.powers)}" stroke-width="2.5"/>')
        legend.append(text(cursor + 24, top + 6, data.names.get(p, p), 12))
        cursor += 40 + 7 * len(data.names.get(p, p))
    parts = [head, *legend]
    top += 22
    monthly = data.monthly[data.monthly["power"].isin(powers)]
    by_country = {country: frame_ for country, frame_ in monthly.groupby("country")}
    if not chosen or not data.months:
        parts.append(text(16, top + 20, "No events in the period.", 12, MUTED))
        return document(width, top + 40, "".join(parts), title)
    for index, country in enumerate(chosen):
        x = 16 + (index % columns) * (panel_width + 24)
        y = top + (index // columns) * (panel_height + 18)
        parts.append(_timeline_panel(data, by_country.get(country), country, powers, links, x, y,
                                     panel_width, panel_height))
    rows = math.ceil(len(chosen) / columns)
    return document(width, top + rows * (panel_height + 18) + 4, "".join(parts), title)


def _timeline_panel(data: ReportData, monthly: pd.DataFrame | None, country: str, powers: Sequence[str],
                    links: Links, x: float, y: float, width: float, height: float) -> str:
    months = data.months
    plot_x, plot_y = x + 34, y + 26
    plot_width, plot_height = width - 44, height - 50
    counts: dict[str, list[int]] = {p: [0] * len(months) for p in powers}
    position = {month: i for i, month in enumerate(months)}
    if monthly is not None:
        for row in monthly.itertuples(index=False):
            if row.power in counts and row.month in position:
                counts[row.power][position[row.month]] = int(row.events)
    peak = max([1, *(max(values) for values in counts.values())])
    total = sum(sum(values) for values in counts.values())
    parts = [text(x, y + 12, data.names.get(country, country), 13, INK, weight="600"),
             text(x + width, y + 12, f"{total:,} event{'' if total == 1 else 's'}", 11, MUTED, "end")]
    step = plot_width / max(1, len(months) - 1)
    for fraction in (0.0, 0.5, 1.0):
        gy = plot_y + plot_height * (1 - fraction)
        parts.append(f'<line x1="{plot_x:.1f}" x2="{plot_x + plot_width:.1f}" y1="{gy:.1f}" y2="{gy:.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        value = peak * fraction
        if fraction == 0.0 or value.is_integer():
            parts.append(text(plot_x - 6, gy + 3.5, f"{value:,.0f}", 10, MUTED, "end"))
    for i, label in _month_ticks(months):
        tx = plot_x + i * step
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{plot_y + plot_height:.1f}" '
                     f'y2="{plot_y + plot_height + 4:.1f}" stroke="{MUTED}" stroke-width="1"/>')
        parts.append(text(tx, plot_y + plot_height + 15, label, 10, MUTED, "middle"))
    for power in powers:
        values = counts[power]
        if not any(values):
            continue
        color = power_color(power, data.scope.powers)
        coords = [(plot_x + i * step if len(months) > 1 else plot_x + plot_width / 2,
                   plot_y + plot_height * (1 - v / peak)) for i, v in enumerate(values)]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="1.8" '
                     f'stroke-linejoin="round" stroke-opacity="0.9"/>')
        for (px, py), value, month in zip(coords, values, months):
            if not value:
                continue
            tip = f"{power}–{data.names.get(country, country)}, {month_label(month, False)}: {value} events"
            dot = (f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.2" fill="{color}" stroke="#ffffff" '
                   f'stroke-width="1" data-power="{esc(power)}" data-country="{esc(country)}" '
                   f'data-month="{esc(month)}" data-events="{value}"><title>{esc(tip)}</title></circle>')
            parts.append(linked(links.month(power, country, month), dot, tip))
    return "".join(parts)


def _month_ticks(months: Sequence[str]) -> list[tuple[int, str]]:
    if len(months) <= 1:
        return [(0, month_label(months[0]))] if months else []
    if len(months) <= 8:
        return [(i, month_label(m)) for i, m in enumerate(months)][::max(1, len(months) // 4)]
    years = [(i, m[:4]) for i, m in enumerate(months) if m.endswith("-01")]
    if len(years) >= 2:
        stride = max(1, math.ceil(len(years) / 6))
        return years[::stride]
    return [(i, month_label(m)) for i, m in enumerate(months)][::max(1, len(months) // 4)]


# -- network -----------------------------------------------------------------------------------

def network_svg(data: ReportData, links: Links | None = None, width: float = WIDTH, limit: int = 40,
                titled: bool = True) -> str:
    """Powers in the middle, countries on a ring next to the power that leads them; edge width:
    the dyad's events; node size: the country's events."""
    links = links or Links()
    powers = list(data.scope.powers)
    title = f"Network of powers and countries, {data.scope.region_name}"
    countries = data.countries.head(limit)
    note = (f"The {limit} busiest countries of {len(data.countries)}." if len(data.countries) > limit
            else "Edge width: events of the dyad; country colour: its leading power.")
    head, top = heading(title, note, width, titled)
    size = min(width, 820.0)
    ring = size * 0.33
    cx, cy = width / 2, top + ring + 40
    inner = size * 0.1 if len(powers) > 1 else 0.0
    power_angle = {p: -math.pi / 2 + 2 * math.pi * i / len(powers) for i, p in enumerate(powers)}
    power_xy = {p: (cx + inner * math.cos(a), cy + inner * math.sin(a)) for p, a in power_angle.items()}
    group = {p: i for i, p in enumerate(powers)}
    ordered = sorted(countries.itertuples(index=False),
                     key=lambda r: (group.get(r.leader, len(powers)) if isinstance(r.leader, str) else len(powers),
                                    -r.events, r.name))
    count = len(ordered)
    first_group = [r for r in ordered if isinstance(r.leader, str) and r.leader == powers[0]]
    offset = power_angle[powers[0]] - (len(first_group) - 1) / 2 * (2 * math.pi / max(1, count))
    country_xy = {}
    for i, row in enumerate(ordered):
        angle = offset + 2 * math.pi * i / max(1, count)
        country_xy[row.country] = (cx + ring * math.cos(angle), cy + ring * math.sin(angle), angle)
    max_events = max([1, *(int(e) for e in data.dyads["events"])]) if len(data.dyads) else 1
    max_country = max([1, *(int(e) for e in countries["events"])])
    parts = [head]
    shown = set(country_xy)
    edges = data.dyads[data.dyads["country"].isin(shown)].sort_values("events")
    for row in edges.itertuples(index=False):
        px, py = power_xy[row.power]
        qx, qy, _ = country_xy[row.country]
        stroke = 0.8 + 9 * math.sqrt(row.events / max_events)
        tip = (f"{row.power}–{data.names.get(row.country, row.country)}: {row.events} events, "
               f"influence {influence_text(row.influence)}")
        line = (f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{qx:.1f}" y2="{qy:.1f}" '
                f'stroke="{power_color(row.power, powers)}" stroke-width="{stroke:.2f}" stroke-opacity="0.42" '
                f'stroke-linecap="round"><title>{esc(tip)}</title></line>')
        parts.append(linked(links.dyad(row.power, row.country), line, tip))
    for row in ordered:
        x, y, angle = country_xy[row.country]
        radius = 3.5 + 9 * math.sqrt(row.events / max_country)
        leader = row.leader if isinstance(row.leader, str) else None
        fill = power_color(leader, powers) if leader else NEUTRAL
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" stroke="#ffffff" '
                     f'stroke-width="1.5"><title>{esc(row.name)}: {row.events} events</title></circle>')
        right = math.cos(angle) >= 0
        lx = x + (radius + 5) * math.cos(angle)
        ly = y + (radius + 5) * math.sin(angle) + 4
        parts.append(text(lx, ly, row.name, 11, INK, "start" if right else "end"))
    totals = data.power_totals().set_index("power")
    for power in powers:
        x, y = power_xy[power]
        color = power_color(power, powers)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="24" fill="{color}" stroke="#ffffff" stroke-width="3">'
                     f'<title>{esc(data.names.get(power, power))}: {int(totals.loc[power, "events"])} events</title>'
                     f'</circle>')
        parts.append(text(x, y + 4.5, power, 13, "#ffffff", "middle", "700"))
    return document(width, cy + ring + 46, "".join(parts), title)


# -- levers ------------------------------------------------------------------------------------

def levers_svg(data: ReportData, links: Links | None = None, power: str | None = None, width: float = WIDTH,
               limit: int = 12, titled: bool = True) -> str:
    """For each power, the mix of levers (100% stacked) across the region and in its busiest countries."""
    links = links or Links()
    powers = [power] if power else list(data.scope.powers)
    title = (f"Levers of {data.names.get(power, power)}, {data.scope.region_name}" if power
             else f"Levers of influence, {data.scope.region_name}")
    head, top = heading(title, "Share of each power's events by the instrument they use; "
                        "figures on the right: events.", width, titled)
    parts = [head]
    cursor = 16.0
    for lever in lever_names():
        label = lever_label(lever)
        parts.append(f'<rect x="{cursor:.1f}" y="{top - 4:.1f}" width="12" height="12" rx="2" '
                     f'fill="{lever_color(lever)}"/>')
        parts.append(text(cursor + 17, top + 6, label, 12))
        cursor += 34 + 6.3 * len(label)
    y = top + 26
    label_width, count_width, bar_height, gap = 150.0, 60.0, 16.0, 7.0
    bar_width = width - 32 - label_width - count_width
    for p in powers:
        rows = data.levers[data.levers["power"] == p]
        parts.append(f'<rect x="16" y="{y:.1f}" width="4" height="16" fill="{power_color(p, data.scope.powers)}"/>')
        parts.append(text(26, y + 13, data.names.get(p, p), 13.5, INK, weight="600"))
        y += 26
        if rows.empty:
            parts.append(text(26, y + 10, "No events.", 11.5, MUTED))
            y += 26
            continue
        busiest = rows.groupby("country")["events"].sum().sort_values(ascending=False, kind="stable")
        entries: list[tuple[str | None, str, dict[str, int]]] = [
            (None, "All countries", rows.groupby("lever")["events"].sum().to_dict())]
        for country in busiest.index[:limit]:
            entries.append((country, data.names.get(country, country),
                            rows[rows["country"] == country].set_index("lever")["events"].to_dict()))
        for country, label, counts in entries:
            total = sum(counts.values())
            parts.append(text(16 + label_width - 10, y + 12, label, 12 if country else 12.5, INK, "end",
                              "normal" if country else "600"))
            x = 16 + label_width
            for lever in lever_names():
                value = int(counts.get(lever, 0))
                if not value:
                    continue
                segment = bar_width * value / total
                tip = f"{p} in {label}: {lever_label(lever)}, {value} of {total} events ({value / total:.0%})"
                rect = (f'<rect x="{x:.2f}" y="{y:.1f}" width="{max(segment - 0.6, 0.6):.2f}" height="{bar_height}" '
                        f'fill="{lever_color(lever)}" data-power="{esc(p)}" data-lever="{esc(lever)}" '
                        f'data-country="{esc(country or "ALL")}" data-events="{value}">'
                        f'<title>{esc(tip)}</title></rect>')
                parts.append(linked(links.lever(p, country, lever), rect, tip))
                if segment > 34:
                    parts.append(text(x + segment / 2, y + 12, f"{value / total:.0%}", 10,
                                      text_color(lever_color(lever)), "middle"))
                x += segment
            parts.append(text(width - 16, y + 12, f"{total:,}", 11.5, MUTED, "end"))
            y += bar_height + gap
        y += 14
    return document(width, y + 4, "".join(parts), title)


CHARTS = ("map", "heatmap", "timeline", "network", "levers")
