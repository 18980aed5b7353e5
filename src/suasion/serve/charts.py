"""Geometry of the dashboard's inline SVG charts (the templates draw them; no script, no network)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 16, 12, 28
MAX_DOTS = 80  # months with a value marked by a dot (with its tooltip) when a series has no more


def month_range(first: str, last: str) -> list[str]:
    """Every month YYYY-MM from first to last, inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def nice_ticks(low: float, high: float, count: int = 4, integer: bool = False) -> list[float]:
    """Round tick values covering low..high (whole numbers only when `integer`)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1, math.ceil(step))
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


MIN_TICK_GAP = 56


def _x_ticks(months: list[str], x_of: Any) -> list[dict[str, Any]]:
    """Month labels for short series, else one label per year at its first month shown."""
    if len(months) <= 14:
        candidates = [{"x": x_of(i), "label": m} for i, m in enumerate(months)]
    else:
        firsts: dict[str, int] = {}
        for index, month in enumerate(months):
            firsts.setdefault(month[:4], index)
        candidates = [{"x": x_of(index), "label": year} for year, index in firsts.items()]
    ticks: list[dict[str, Any]] = []
    for tick in candidates:
        if not ticks or tick["x"] - ticks[-1]["x"] >= MIN_TICK_GAP:
            ticks.append(tick)
    return ticks


def line_chart(points: Sequence[dict[str, Any]], series: Sequence[str], colours: dict[str, str],
               value: str = "events", width: int = 1200, height: int = 280) -> dict[str, Any]:
    """One line per series (a power) over every month from the first to the last point."""
    dated = [p for p in points if p.get("month")]
    if not dated:
        return {"empty": True, "width": width, "height": height}
    months = month_range(min(p["month"] for p in dated), max(p["month"] for p in dated))
    values = {(p["power"], p["month"]): float(p[value]) for p in dated}
    low = min(0.0, min(values.values()))
    high = max(1.0, max(values.values()))
    ticks = nice_ticks(low, high, integer=value != "score")
    low, high = ticks[0], ticks[-1]
    inner_w, inner_h = width - PAD_LEFT - PAD_RIGHT, height - PAD_TOP - PAD_BOTTOM

    def x_of(index: int) -> float:
        return round(PAD_LEFT + (inner_w * index / (len(months) - 1) if len(months) > 1 else inner_w / 2), 1)

    def y_of(amount: float) -> float:
        return round(PAD_TOP + inner_h * (1 - (amount - low) / (high - low)), 1)

    lines = []
    for name in series:
        coords = [(x_of(i), y_of(values.get((name, m), 0.0)), m, values.get((name, m), 0.0))
                  for i, m in enumerate(months)]
        if not any((name, m) in values for m in months):
            continue
        path = "M" + " L".join(f"{x},{y}" for x, y, _m, _v in coords)
        lines.append({"name": name, "colour": colours.get(name, "#475569"), "path": path,
                      "dots": [{"x": x, "y": y, "month": m, "value": v} for x, y, m, v in coords
                               if v and sum(1 for n, _m in values if n == name) <= MAX_DOTS]})
    return {"empty": False, "width": width, "height": height, "lines": lines,
            "y_ticks": [{"y": y_of(t), "label": _short(t)} for t in ticks],
            "x_ticks": _x_ticks(months, x_of), "zero": y_of(0.0), "left": PAD_LEFT,
            "right": width - PAD_RIGHT, "top": PAD_TOP, "bottom": height - PAD_BOTTOM,
            "months": len(months)}


def diverging_bars(points: Sequence[dict[str, Any]], colours: tuple[str, str] = ("#0f766e", "#b91c1c"),
                   width: int = 1200, height: int = 280) -> dict[str, Any]:
    """Per month, cooperative events as a bar above zero and conflictual ones below."""
    dated = [p for p in points if p.get("month")]
    if not dated:
        return {"empty": True, "width": width, "height": height}
    months = month_range(min(p["month"] for p in dated), max(p["month"] for p in dated))
    by_month: dict[str, tuple[int, int]] = {}
    for p in dated:
        coop, conflict = by_month.get(p["month"], (0, 0))
        by_month[p["month"]] = (coop + int(p["cooperative"]), conflict + int(p["conflictual"]))
    top = max(c for c, _ in by_month.values())
    bottom = max(k for _, k in by_month.values())
    ticks = nice_ticks(-bottom, max(top, 1) if not bottom else top, integer=True)
    low, high = ticks[0], ticks[-1]
    inner_w, inner_h = width - PAD_LEFT - PAD_RIGHT, height - PAD_TOP - PAD_BOTTOM
    slot = inner_w / len(months)
    bar = max(1.0, round(slot * 0.72, 1))

    def y_of(amount: float) -> float:
        return round(PAD_TOP + inner_h * (1 - (amount - low) / (high - low)), 1)

    def x_of(index: int) -> float:
        return round(PAD_LEFT + slot * index + (slot - bar) / 2, 1)

    zero = y_of(0)
    bars = []
    for i, month in enumerate(months):
        coop, conflict = by_month.get(month, (0, 0))
        if coop:
            bars.append({"x": x_of(i), "y": y_of(coop), "w": bar, "h": round(zero - y_of(coop), 1),
                         "colour": colours[0], "title": f"{month}: {coop} cooperative"})
        if conflict:
            bars.append({"x": x_of(i), "y": zero, "w": bar, "h": round(y_of(-conflict) - zero, 1),
                         "colour": colours[1], "title": f"{month}: {conflict} conflictual"})
    return {"empty": False, "width": width, "height": height, "bars": bars, "zero": zero,
            "y_ticks": [{"y": y_of(t), "label": _short(abs(t))} for t in ticks],
            "x_ticks": [{"x": round(x + bar / 2, 1), "label": t["label"]}
                        for t in _x_ticks(months, x_of) for x in [t["x"]]],
            "left": PAD_LEFT, "right": width - PAD_RIGHT, "top": PAD_TOP, "bottom": height - PAD_BOTTOM}


def _short(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"
