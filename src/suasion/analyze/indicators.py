"""Great-power influence indicators per (power, country or region, period): counts, levers, shares, momentum, novelty, score.

Every function takes the same source (a Store, a database path, an events Arrow table or a
DataFrame) and options, and returns a pandas DataFrame whose rows carry the ids of the events
they count (`event_ids`), so that each number can be traced to its sentences. Column meanings
and the influence formula are documented in docs/indicators.md. The work is vectorised over the
events (numpy / pyarrow); only the few rows of the output are visited one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from suasion.analyze.frame import (
    DEFAULT_POWERS, date_bounds, filed_day, load_events, month_index, period_index, period_label,
    period_of_day, period_start, region_members, validate_countries, validate_known, validate_modality,
    validate_period, validate_positive,
)
from suasion.analyze.levers import assign_levers, lever_book
from suasion.analyze.novelty import cue_candidates, find_cue
from suasion.model.records import PLOVER_TYPES

KEY_COLUMNS: tuple[str, ...] = ("level", "power", "country", "period", "period_start")
TYPE_COLUMNS: tuple[str, ...] = tuple(f"type_{t.lower()}" for t in PLOVER_TYPES)
QUAD_COLUMNS: tuple[str, ...] = ("quad_1", "quad_2", "quad_3", "quad_4")
MODALITY_COLUMNS: tuple[str, ...] = ("promised", "threatened_or_speculated", "denied")
DEFAULT_WINDOW = 1
DEFAULT_MIN_COUNT = 3
DEFAULT_GAP_MONTHS = 12
INFLUENCE_SCALE = 50.0  # influence = 50 * (balance + cooperative weight share): -50 .. 100

_LEVELS = ("country", "region")
_NO_IDS: list[str] = []


def lever_columns() -> tuple[str, ...]:
    return tuple(f"lever_{name}" for name in lever_book().levers)


def influence_parts(table: pd.DataFrame, cell: list[str], prior: float) -> dict[str, pd.Series]:
    """The influence of per-power rows with `coop_weight` and `conflict_weight` (docs/indicators.md):
    `balance`, `great_power_coop_weight` (the powers' total over the rows of each `cell`),
    `coop_weight_share` and `influence`."""
    coop, conflict = table["coop_weight"], table["conflict_weight"]
    balance = (coop - conflict) / (coop + conflict + prior)
    great_power = table.groupby(cell)["coop_weight"].transform("sum")
    share = coop / (great_power + prior)
    return {"balance": balance, "great_power_coop_weight": great_power, "coop_weight_share": share,
            "influence": INFLUENCE_SCALE * (balance + share)}


def to_arrow(frame: pd.DataFrame) -> pa.Table:
    """An indicator DataFrame as an Arrow table (list columns stay lists)."""
    return pa.Table.from_pandas(frame, preserve_index=False)


class Analysis:
    """One source read once, filed under periods and split into (power, counterpart) sides;
    its methods return the indicator tables. The module functions are shortcuts to them.

    Options:
      powers      the great powers compared (default USA, CHN, RUS);
      countries   counterpart codes to report (default: every counterpart, unless regions are given);
      regions     region keys (latin-america) or codes (LAM) to report as aggregates of their
                  members (regions.yaml) and of events with the region itself as counterpart;
      since/until the periods reported (YYYY, YYYY-MM or YYYY-MM-DD, inclusive); momentum and
                  novelty still look at the history before `since`;
      period      month, quarter or year;
      modality    the modalities counted as events (default asserted; 'all' or a list);
      window      momentum compares the last `window` periods with the `window` before them;
      min_count   the ratio of momentum is only given when the previous window has this many events;
      gap_months  a contact is new when the pair had none for this many months (default 12).
    """

    def __init__(self, source: Any, powers: Sequence[str] | str = DEFAULT_POWERS,
                 countries: Sequence[str] | str | None = None, regions: Sequence[str] | str | None = None,
                 since: str | None = None, until: str | None = None, period: str = "month",
                 modality: str | Sequence[str] = "asserted", window: int = DEFAULT_WINDOW,
                 min_count: int = DEFAULT_MIN_COUNT, gap_months: int = DEFAULT_GAP_MONTHS) -> None:
        self.powers = validate_known(powers, "power")
        if not self.powers:
            _raise_empty("power")
        self.countries = validate_countries(countries)
        self.regions = region_members(regions)
        self.since, self.until = date_bounds(since, until)
        self.period = validate_period(period)
        self.modalities = validate_modality(modality)
        self.window = validate_positive(window, "window")
        self.min_count = validate_positive(min_count, "min_count")
        self.gap_months = validate_positive(gap_months, "gap_months")
        self.book = lever_book()
        self._memo: dict[str, Any] = {}
        events = load_events(source, until=self.until)
        self._prepare(events)

    # -- preparation ----------------------------------------------------------------------------

    def _prepare(self, events: pa.Table) -> None:
        self.ids = np.asarray(events["id"].to_numpy(zero_copy_only=False), dtype=object)
        self.sentences = events["sentence"]
        days = filed_day(events, self.period)
        months = month_index(days)
        dated = months >= 0
        self.history_start = _history_start(events, months[dated])
        day_numbers = pc.cast(pc.replace_substring(pc.fill_null(days, "0000-00-00"), "-", ""), pa.int64(),
                              safe=False) if len(days) else pa.array([], pa.int64())
        day_numbers = np.asarray(day_numbers.to_numpy(zero_copy_only=False), dtype=np.int64)
        type_index = pc.fill_null(pc.index_in(events["event_type"], value_set=pa.array(PLOVER_TYPES)), -1)
        levers = assign_levers(events["event_type"], events["mode"], events["context"])
        modality = events["modality"]
        sides = []
        for power_number, power in enumerate(self.powers):
            for outbound, own, other in ((True, "actor_code", "recipient_code"),
                                         (False, "recipient_code", "actor_code")):
                mask = pc.and_(pc.equal(events[own], power),
                               pc.and_(pc.is_valid(events[other]), pc.not_equal(events[other], power)))
                rows = np.flatnonzero(pc.fill_null(mask, False).to_numpy(zero_copy_only=False) & dated)
                counterpart = pc.take(events[other], pa.array(rows, pa.int64()))
                sides.append(pd.DataFrame({
                    "ev": rows, "power": np.int16(power_number), "outbound": outbound,
                    "country": np.asarray(counterpart.to_numpy(zero_copy_only=False), dtype=object),
                }))
        side = pd.concat(sides, ignore_index=True) if sides else pd.DataFrame(
            columns=["ev", "power", "outbound", "country"])
        side = self._select_counterparts(side)
        if self.until:  # a year-only date filed under its publication day may fall after `until`
            side = side[day_numbers[side["ev"].to_numpy(np.int64)] <= int(self.until.replace("-", ""))]
        ev = side["ev"].to_numpy(dtype=np.int64)
        type_numbers = np.asarray(type_index.to_numpy(zero_copy_only=False), dtype=np.int16)[ev]
        modality_values = np.asarray(pc.take(modality, pa.array(ev, pa.int64())).to_numpy(zero_copy_only=False),
                                     dtype=object) if len(ev) else np.zeros(0, dtype=object)
        quad = np.asarray(pc.fill_null(pc.take(events["quad"], pa.array(ev, pa.int64())), 0)
                          .to_numpy(zero_copy_only=False), dtype=np.int8) if len(ev) else np.zeros(0, np.int8)
        score = np.asarray(pc.fill_null(pc.take(events["plover_score"], pa.array(ev, pa.int64())), 0.0)
                           .to_numpy(zero_copy_only=False), dtype=float) if len(ev) else np.zeros(0)
        side["month"] = months[ev]
        side["pidx"] = period_index(side["month"].to_numpy(), self.period)
        side["day"] = day_numbers[ev]
        side["type"] = type_numbers
        side["quad"] = quad
        side["score"] = score
        side["lever"] = levers[ev]
        side["counted"] = pd.Series(modality_values).isin(self.modalities).to_numpy()
        side["modality"] = modality_values
        undirected = np.isin(type_numbers, [PLOVER_TYPES.index(t) for t in self.book.undirected_types
                                            if t in PLOVER_TYPES])
        direction_weight = np.where(side["outbound"].to_numpy() | undirected,
                                    self.book.direction_weights["outbound"], self.book.direction_weights["inbound"])
        lever_weight = np.array([self.book.lever_weights[name] for name in self.book.levers])[side["lever"].to_numpy()]
        side["weight"] = direction_weight * lever_weight
        # A pair is (level, power, counterpart); a cell is a pair in one period.
        pair_frame = side[["level", "power", "country"]]
        self.pair_keys, pair_codes = _factorize_rows(pair_frame)
        side["pair"] = pair_codes
        self.side = side
        since_day = int(self.since.replace("-", "")) if self.since else None
        self.current = side[side["day"] >= since_day] if since_day else side
        self.first_period = period_of_day(self.since, self.period) if self.since else None
        self.last_period = period_of_day(self.until, self.period) if self.until else None

    def _select_counterparts(self, side: pd.DataFrame) -> pd.DataFrame:
        frames = []
        if self.countries is not None or self.regions is None:
            chosen = side if self.countries is None else side[side["country"].isin(self.countries)]
            frames.append(chosen.assign(level="country"))
        for code, members in (self.regions or {}).items():
            frames.append(side[side["country"].isin(members)].assign(country=code, level="region"))
        if not frames:
            return side.assign(level="country").iloc[0:0]
        return pd.concat(frames, ignore_index=True)

    # -- cells ----------------------------------------------------------------------------------

    def _current_cells(self) -> tuple[np.ndarray, np.ndarray]:
        if "current_cells" not in self._memo:
            self._memo["current_cells"] = self._cells(self.current)
        return self._memo["current_cells"]

    def _current_ids(self) -> list[list[str]]:
        """The counted event ids of each cell of the current rows."""
        if "current_ids" not in self._memo:
            gid, cells = self._current_cells()
            self._memo["current_ids"] = self._ids_for(self.current, gid, len(cells),
                                                      self.current["counted"].to_numpy())
        return self._memo["current_ids"]

    def _cells(self, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Cell id per row and the sorted distinct cell numbers (pair * span + period offset)."""
        span = self._span()
        number = rows["pair"].to_numpy(np.int64) * span + (rows["pidx"].to_numpy(np.int64) - self._pmin())
        cells, inverse = np.unique(number, return_inverse=True)
        return inverse.reshape(-1), cells

    def _pmin(self) -> int:
        return int(self.side["pidx"].min()) if len(self.side) else 0

    def _span(self) -> int:
        return (int(self.side["pidx"].max()) - self._pmin() + 1) if len(self.side) else 1

    def _keys(self, cells: np.ndarray) -> pd.DataFrame:
        span, pmin = self._span(), self._pmin()
        pairs = cells // span
        pidx = cells % span + pmin
        keys = self.pair_keys.iloc[pairs].reset_index(drop=True)
        labels = {p: (period_label(p, self.period), period_start(p, self.period)) for p in np.unique(pidx).tolist()}
        return pd.DataFrame({
            "level": pd.Series(keys["level"].to_numpy(), dtype=object),
            "power": pd.Series(np.asarray(self.powers, dtype=object)[keys["power"].to_numpy(np.int64)], dtype=object),
            "country": pd.Series(keys["country"].to_numpy(), dtype=object),
            "period": pd.Series([labels[p][0] for p in pidx.tolist()], dtype=object),
            "period_start": pd.Series([labels[p][1] for p in pidx.tolist()], dtype=object),
            "_pair": pd.Series(pairs, dtype=np.int64), "_pidx": pd.Series(pidx, dtype=np.int64),
        })

    def _ids_by_cell(self, rows: pd.DataFrame, gid: np.ndarray, count: int) -> list[list[str]]:
        """The event ids of each cell, in date order."""
        if count == 0:
            return []
        order = np.lexsort((rows["day"].to_numpy(), gid))
        ids = self.ids[rows["ev"].to_numpy()[order]].tolist()
        sizes = np.bincount(gid, minlength=count)
        ends = np.cumsum(sizes)
        return [ids[start:end] for start, end in zip((ends - sizes).tolist(), ends.tolist())]

    # -- tables ---------------------------------------------------------------------------------

    def dyad_month(self) -> pd.DataFrame:
        """Counts per (level, power, country, period): see docs/indicators.md."""
        return _finish(self._dyad_raw())

    def _dyad_raw(self) -> pd.DataFrame:
        if "dyad" not in self._memo:
            self._memo["dyad"] = self._dyad_table()
        return self._memo["dyad"].copy()

    def _dyad_table(self) -> pd.DataFrame:
        rows = self.current
        gid, cells = self._current_cells()
        n = len(cells)
        table = self._keys(cells)
        counted = rows["counted"].to_numpy()
        quad = rows["quad"].to_numpy()
        outbound = rows["outbound"].to_numpy()
        cooperative_kind = (quad == 1) | (quad == 2)
        conflictual_kind = (quad == 3) | (quad == 4)
        modality = rows["modality"].to_numpy()

        def total(values: np.ndarray) -> np.ndarray:
            return np.bincount(gid, weights=values.astype(float), minlength=n) if n else np.zeros(0)

        table["events"] = total(counted).astype(np.int64)
        table["outbound"] = total(counted & outbound).astype(np.int64)
        table["inbound"] = total(counted & ~outbound).astype(np.int64)
        table["cooperative"] = total(counted & cooperative_kind).astype(np.int64)
        table["conflictual"] = total(counted & conflictual_kind).astype(np.int64)
        with np.errstate(invalid="ignore", divide="ignore"):
            table["cooperative_share"] = table["cooperative"] / table["events"].where(table["events"] > 0)
            table["conflictual_share"] = table["conflictual"] / table["events"].where(table["events"] > 0)
        table["score_sum"] = total(np.where(counted, rows["score"].to_numpy(), 0.0))
        table["score_mean"] = table["score_sum"] / table["events"].where(table["events"] > 0)
        for number, column in enumerate(QUAD_COLUMNS, start=1):
            table[column] = total(counted & (quad == number)).astype(np.int64)
        types = rows["type"].to_numpy()
        for number, column in enumerate(TYPE_COLUMNS):
            table[column] = total(counted & (types == number)).astype(np.int64)
        table["promised"] = total((modality == "future") & ~conflictual_kind).astype(np.int64)
        table["threatened_or_speculated"] = total(((modality == "future") & conflictual_kind)
                                                  | (modality == "hypothetical")).astype(np.int64)
        table["denied"] = total(modality == "negated").astype(np.int64)
        table["event_ids"] = self._current_ids()
        table["other_event_ids"] = self._ids_for(rows, gid, n, ~counted)
        return table

    def _ids_for(self, rows: pd.DataFrame, gid: np.ndarray, n: int, mask: np.ndarray) -> list[list[str]]:
        chosen = rows[mask]
        if n == 0:
            return []
        return self._ids_by_cell(chosen, gid[mask], n) if len(chosen) else [[] for _ in range(n)]

    def levers(self) -> pd.DataFrame:
        """One row per (level, power, country, period, lever) with counted events of that lever."""
        rows = self.current[self.current["counted"].to_numpy()]
        lever_count = len(self.book.levers)
        if not len(rows):
            return _empty([*KEY_COLUMNS, "lever", "lever_label", "lever_weight", "events", "score_sum",
                           "event_ids"])
        cell_gid, cells = self._cells(rows)
        gid = cell_gid * lever_count + rows["lever"].to_numpy(np.int64)
        used, inverse = np.unique(gid, return_inverse=True)
        keys = self._keys(cells[used // lever_count])
        lever_names = np.asarray(self.book.levers, dtype=object)[used % lever_count]
        keys["lever"] = lever_names
        keys["lever_label"] = [self.book.labels[name] for name in lever_names]
        keys["lever_weight"] = [self.book.lever_weights[name] for name in lever_names]
        keys["events"] = np.bincount(inverse, minlength=len(used)).astype(np.int64)
        keys["score_sum"] = np.bincount(inverse, weights=rows["score"].to_numpy(), minlength=len(used))
        keys["event_ids"] = self._ids_by_cell(rows, inverse, len(used))
        return _finish(keys)

    def _lever_wide(self) -> pd.DataFrame:
        rows = self.current
        gid, cells = self._current_cells()
        counted = rows["counted"].to_numpy()
        lever = rows["lever"].to_numpy()
        table = pd.DataFrame({"_cell": cells})
        for number, column in enumerate(lever_columns()):
            table[column] = (np.bincount(gid, weights=(counted & (lever == number)).astype(float),
                                         minlength=len(cells)) if len(cells) else np.zeros(0)).astype(np.int64)
        return table

    def shares(self) -> pd.DataFrame:
        """Each power's share of the great powers' events with a country in a period."""
        base = self._dyad_raw()
        table = base[[*KEY_COLUMNS, "events", "event_ids", "_pair", "_pidx"]].copy()
        table["great_power_events"] = table.groupby(["level", "country", "period"])["events"].transform("sum")
        table["power_share"] = table["events"] / table["great_power_events"].where(table["great_power_events"] > 0)
        return _finish(table[[*KEY_COLUMNS, "events", "great_power_events", "power_share", "event_ids"]])

    def momentum(self) -> pd.DataFrame:
        """Counted events in this window of `window` periods against the window before it."""
        columns = [*KEY_COLUMNS, "window", "current", "previous", "momentum_diff", "momentum_ratio",
                   "event_ids", "previous_event_ids"]
        if not len(self.side):
            return _empty(columns)
        rows = self.side[self.side["counted"].to_numpy()]
        span, pmin, w = self._span(), self._pmin(), self.window
        pair_count = len(self.pair_keys)
        grid = np.zeros((pair_count, span + 1), dtype=np.int64)
        np.add.at(grid, (rows["pair"].to_numpy(np.int64), rows["pidx"].to_numpy(np.int64) - pmin + 1), 1)
        cumulative = np.cumsum(grid, axis=1)  # cumulative[:, j + 1]: events up to period offset j
        offsets = np.arange(span)
        upto = cumulative[:, offsets + 1]
        start = cumulative[:, np.maximum(offsets + 1 - w, 0)]
        before = cumulative[:, np.maximum(offsets + 1 - 2 * w, 0)]
        current, previous = upto - start, start - before
        first = (self.first_period - pmin) if self.first_period is not None else 0
        last = (self.last_period - pmin) if self.last_period is not None else span - 1
        in_range = (offsets >= first) & (offsets <= last)
        pair_index, offset_index = np.nonzero(((current > 0) | (previous > 0)) & in_range[None, :])
        table = self._keys(pair_index.astype(np.int64) * span + offset_index)
        table["window"] = w
        table["current"] = current[pair_index, offset_index]
        table["previous"] = previous[pair_index, offset_index]
        table["momentum_diff"] = table["current"] - table["previous"]
        guarded = table["previous"] >= self.min_count
        table["momentum_ratio"] = (table["current"] / table["previous"].where(guarded)).astype(float)
        by_cell = self._ids_dict(self.side if self.current is self.side else rows)
        table["event_ids"] = [_window_ids(by_cell, p, o, w, 0) for p, o in zip(pair_index.tolist(), offset_index.tolist())]
        table["previous_event_ids"] = [_window_ids(by_cell, p, o, w, w)
                                       for p, o in zip(pair_index.tolist(), offset_index.tolist())]
        return _finish(table[[*columns, "_pair", "_pidx"]])

    def _ids_dict(self, rows: pd.DataFrame) -> dict[tuple[int, int], list[str]]:
        if not len(rows):
            return {}
        if rows is self.current:  # the counted ids of its cells are already known
            _gid, cells = self._current_cells()
            ids = self._current_ids()
        else:
            gid, cells = self._cells(rows)
            ids = self._ids_by_cell(rows, gid, len(cells))
        span = self._span()
        return {(int(c // span), int(c % span)): part for c, part in zip(cells.tolist(), ids) if part}

    def novelty(self) -> pd.DataFrame:
        """Cells with a new contact (none for `gap_months` before) or a novelty cue in a sentence."""
        columns = [*KEY_COLUMNS, "novel_contact", "gap_months", "last_contact", "first_in_history", "cue",
                   "cue_since", "cue_years", "cue_gap_years", "evidence_event_id", "evidence_sentence"]
        contacts = self._contacts()
        cues = self._cues()
        table = contacts.merge(cues, on=["_pair", "_pidx"], how="outer")
        if self.first_period is not None:
            table = table[table["_pidx"] >= self.first_period]
        table = table[table["novel_contact"].fillna(False).astype(bool) | table["cue"].notna()]
        if not len(table):
            return _empty(columns)
        span, pmin = self._span(), self._pmin()
        keys = self._keys(table["_pair"].to_numpy(np.int64) * span + table["_pidx"].to_numpy(np.int64) - pmin)
        table = table.reset_index(drop=True)
        for column in ("level", "power", "country", "period", "period_start"):
            table[column] = keys[column]
        table["novel_contact"] = table["novel_contact"].fillna(False).astype(bool)
        table["first_in_history"] = table["first_in_history"].fillna(False).astype(bool)
        use_cue = table["cue"].notna()
        table["evidence_event_id"] = table["cue_event_id"].where(use_cue, table["contact_event_id"])
        table["evidence_ev"] = table["cue_ev"].where(use_cue, table["contact_ev"])
        table["evidence_sentence"] = self._sentences(table["evidence_ev"])
        for column in ("gap_months", "cue_since", "cue_years", "cue_gap_years"):
            table[column] = table[column].astype("Int64")
        return _finish(table[[*columns, "_pair", "_pidx"]])

    def _contacts(self) -> pd.DataFrame:
        """Per cell with a counted event: whether a contact in it came after a long gap."""
        columns = ["_pair", "_pidx", "novel_contact", "gap_months", "last_contact", "first_in_history",
                   "contact_event_id", "contact_ev"]
        rows = self.side[self.side["counted"].to_numpy()]
        if not len(rows):
            return _empty(columns)
        pair, month = rows["pair"].to_numpy(np.int64), rows["month"].to_numpy(np.int64)
        contact = pair * (int(month.max()) + 1) + month
        order = np.lexsort((rows["ev"].to_numpy(), rows["day"].to_numpy(), contact))
        _numbers, firsts = np.unique(contact[order], return_index=True)
        first = rows.iloc[order[firsts]]  # the earliest event of each pair-month, by pair then month
        previous = first.groupby("pair", sort=False)["month"].shift(1)
        since_start = (first["month"] - self.history_start).clip(lower=0)
        gap = (first["month"] - previous).where(previous.notna(), since_start)
        contacts = pd.DataFrame({
            "_pair": first["pair"].to_numpy(), "_pidx": first["pidx"].to_numpy(), "gap": gap.to_numpy(),
            "first_in_history": previous.isna().to_numpy(), "previous": previous.to_numpy(),
            "contact_ev": first["ev"].to_numpy(),
        })
        contacts["novel"] = contacts["gap"] >= self.gap_months
        # In each cell, the contact after the longest gap speaks for it.
        best = contacts.sort_values(["_pair", "_pidx", "gap"], ascending=[True, True, False], kind="stable") \
            .drop_duplicates(["_pair", "_pidx"])
        result = pd.DataFrame({
            "_pair": best["_pair"].to_numpy(), "_pidx": best["_pidx"].to_numpy(),
            "novel_contact": best["novel"].to_numpy(),
            "gap_months": best["gap"].where(best["novel"]).to_numpy(),
            "last_contact": [period_label(int(m), "month") if m == m and novel else None
                             for m, novel in zip(best["previous"].tolist(), best["novel"].tolist())],
            "first_in_history": best["first_in_history"].to_numpy() & best["novel"].to_numpy(),
            "contact_ev": best["contact_ev"].where(best["novel"]).to_numpy(),
        })
        result["contact_event_id"] = [self.ids[int(e)] if e == e else None for e in result["contact_ev"].tolist()]
        return result

    def _cues(self) -> pd.DataFrame:
        columns = ["_pair", "_pidx", "cue", "cue_since", "cue_years", "cue_gap_years", "cue_event_id", "cue_ev"]
        rows = self.current[self.current["counted"].to_numpy()]
        candidates = cue_candidates(self.sentences)
        rows = rows[np.isin(rows["ev"].to_numpy(), candidates)]
        if not len(rows):
            return _empty(columns)
        events = np.unique(rows["ev"].to_numpy())
        texts = pc.take(self.sentences, pa.array(events, pa.int64())).to_pylist()
        cue_of = {int(ev): cue for ev, text in zip(events.tolist(), texts)
                  if (cue := find_cue(text or "")) is not None}
        if not cue_of:
            return _empty(columns)
        hits = rows[rows["ev"].isin(list(cue_of))].sort_values(["pair", "pidx", "day", "ev"], kind="stable") \
            .drop_duplicates(["pair", "pidx"])
        records = []
        for pair, pidx, ev, day in zip(hits["pair"].tolist(), hits["pidx"].tolist(), hits["ev"].tolist(),
                                       hits["day"].tolist()):
            cue = cue_of[ev]
            year = day // 10000
            gap_years = cue.years if cue.years is not None else (year - cue.since if cue.since else None)
            records.append({"_pair": pair, "_pidx": pidx, "cue": cue.text, "cue_since": cue.since,
                            "cue_years": cue.years, "cue_gap_years": gap_years,
                            "cue_event_id": self.ids[ev], "cue_ev": ev})
        return pd.DataFrame.from_records(records, columns=columns)

    def _sentences(self, positions: pd.Series) -> list[str | None]:
        valid = positions.notna().to_numpy()
        result: list[str | None] = [None] * len(positions)
        if valid.any():
            chosen = positions[valid].astype(np.int64).to_numpy()
            texts = pc.take(self.sentences, pa.array(chosen, pa.int64())).to_pylist()
            for slot, text in zip(np.flatnonzero(valid).tolist(), texts):
                result[slot] = text
        return result

    def influence_scores(self) -> pd.DataFrame:
        """The influence score and its components per (level, power, country, period)."""
        return _finish(self._influence_raw())

    def _influence_raw(self) -> pd.DataFrame:
        rows = self.current
        gid, cells = self._current_cells()
        n = len(cells)
        table = self._keys(cells)
        counted = rows["counted"].to_numpy()
        score = rows["score"].to_numpy()
        weight = rows["weight"].to_numpy()
        cooperative = np.where(counted & (score > 0), score * weight, 0.0)
        conflictual = np.where(counted & (score < 0), -score * weight, 0.0)
        table["events"] = (np.bincount(gid, weights=counted.astype(float), minlength=n) if n else np.zeros(0)) \
            .astype(np.int64)
        table["coop_weight"] = np.bincount(gid, weights=cooperative, minlength=n) if n else np.zeros(0)
        table["conflict_weight"] = np.bincount(gid, weights=conflictual, minlength=n) if n else np.zeros(0)
        table = table.assign(**influence_parts(table, ["level", "country", "period"], self.book.prior))
        table["event_ids"] = self._current_ids()
        return table

    def indicators(self) -> pd.DataFrame:
        """Everything per (level, power, country, period): counts, levers, share, momentum, novelty, score."""
        base = self._dyad_raw()
        levers = self._lever_wide()
        base = pd.concat([base.reset_index(drop=True), levers.drop(columns="_cell").reset_index(drop=True)],
                         axis=1)
        shares = self.shares()[["level", "power", "country", "period", "great_power_events", "power_share"]]
        momentum = self.momentum()[["level", "power", "country", "period", "previous", "momentum_diff",
                                    "momentum_ratio"]].rename(columns={"previous": "previous_events"})
        novelty = self.novelty()[["level", "power", "country", "period", "novel_contact", "gap_months",
                                  "cue", "evidence_event_id", "evidence_sentence"]].rename(columns={
                                      "cue": "novelty_cue", "evidence_event_id": "novelty_event_id",
                                      "evidence_sentence": "novelty_sentence"})
        influence = self._influence_raw()[["level", "power", "country", "period", "coop_weight",
                                             "conflict_weight", "balance", "great_power_coop_weight",
                                             "coop_weight_share", "influence"]]
        keys = ["level", "power", "country", "period"]
        table = base.merge(shares, on=keys, how="left").merge(momentum, on=keys, how="left") \
            .merge(novelty, on=keys, how="left").merge(influence, on=keys, how="left")
        table["previous_events"] = table["previous_events"].fillna(0).astype(np.int64)
        table["momentum_diff"] = table["momentum_diff"].fillna(table["events"]).astype(np.int64)
        table["novel_contact"] = table["novel_contact"].fillna(False).astype(bool)
        table["gap_months"] = table["gap_months"].astype("Int64")
        ordered = [c for c in table.columns if c not in ("event_ids", "other_event_ids")]
        return _finish(table[[*ordered, "event_ids", "other_event_ids"]])


# -- module shortcuts ------------------------------------------------------------------------------

def dyad_month(source: Any, **options: Any) -> pd.DataFrame:
    """Event counts per (power, country or region, period) by type, quad and modality; see Analysis."""
    return Analysis(source, **options).dyad_month()


def levers(source: Any, **options: Any) -> pd.DataFrame:
    """Counted events per lever (long form); see Analysis for the options."""
    return Analysis(source, **options).levers()


def shares(source: Any, **options: Any) -> pd.DataFrame:
    """Each power's share of great-power engagement with a country per period."""
    return Analysis(source, **options).shares()


def momentum(source: Any, **options: Any) -> pd.DataFrame:
    """This window against the previous one: difference and guarded ratio."""
    return Analysis(source, **options).momentum()


def novelty(source: Any, **options: Any) -> pd.DataFrame:
    """New contacts after a long gap and novelty cues, with the evidence sentence."""
    return Analysis(source, **options).novelty()


def influence_scores(source: Any, **options: Any) -> pd.DataFrame:
    """The influence score with its components."""
    return Analysis(source, **options).influence_scores()


def indicators(source: Any, **options: Any) -> pd.DataFrame:
    """Every indicator in one table; see docs/indicators.md for the columns."""
    return Analysis(source, **options).indicators()


# -- helpers -----------------------------------------------------------------------------------------

def _raise_empty(name: str) -> None:
    from suasion.model.errors import SuasionError

    raise SuasionError("E012", name=name, value="", detail="give at least one")


def _factorize_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Distinct rows of (level, power, country) and each row's number among them."""
    if not len(frame):
        return pd.DataFrame({"level": [], "power": [], "country": []}), np.zeros(0, dtype=np.int64)
    level_codes, level_values = pd.factorize(frame["level"])
    country_codes, country_values = pd.factorize(frame["country"])
    power_codes = frame["power"].to_numpy(np.int64)
    combined = (level_codes.astype(np.int64) * (power_codes.max() + 1) + power_codes) * len(country_values) \
        + country_codes
    distinct, inverse = np.unique(combined, return_inverse=True)
    country_part = distinct % len(country_values)
    rest = distinct // len(country_values)
    power_part = rest % (power_codes.max() + 1)
    level_part = rest // (power_codes.max() + 1)
    keys = pd.DataFrame({"level": np.asarray(level_values, dtype=object)[level_part],
                         "power": power_part,
                         "country": np.asarray(country_values, dtype=object)[country_part]})
    return keys, inverse.reshape(-1)


def _history_start(events: pa.Table, months: np.ndarray) -> int:
    """The month the store's coverage begins: its first publication, else its earliest event.

    Events dated long before (background: "relations established in 1985") are history too, but
    the coverage, not they, says since when a pair's silence has been observed.
    """
    published = pc.min(events["first_seen"]).as_py() if events.num_rows else None
    if published and len(published) >= 7:
        found = month_index(pa.array([published[:7] + "-01"]))[0]
        if found >= 0:
            return int(found)
    return int(months.min()) if len(months) else 0


def _window_ids(by_cell: dict[tuple[int, int], list[str]], pair: int, offset: int, window: int,
                back: int) -> list[str]:
    ids: list[str] = []
    for position in range(offset - back - window + 1, offset - back + 1):
        ids.extend(by_cell.get((pair, position), _NO_IDS))
    return ids


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=np.int64 if column in ("_pair", "_pidx") else object)
                         for column in columns})


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    """Drop the private columns and sort by level, power, country and period."""
    table = table.drop(columns=[c for c in table.columns if c.startswith("_")])
    if len(table):
        table = table.sort_values(["level", "power", "country", "period_start"], kind="stable")
    return table.reset_index(drop=True)
