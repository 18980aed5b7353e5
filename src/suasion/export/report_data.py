"""The numbers behind the report and the charts: suasion.analyze's indicators for one region, with evidence rows.

A *dyad* is one power and one country of the region. Everything counted comes from
`suasion.analyze.Analysis` (docs/indicators.md: which events count, how they are filed by month,
levers, momentum, novelty and the influence score); this module only chooses the scope, totals
the monthly tables over the report's period and joins each counted event with what its
evidence shows (sentence, names, source article, mentions and sources).

- The report's period is since..until when given, else the months in which the scope's events
  were first published: events dated outside it (background such as "recognised Beijing in
  1985") are left out of the figures, but the analysis still reads them as history for novelty.
- The influence of a power in a country over the whole period is analyze's formula applied to
  the period's summed components (cooperative and conflictual weights are sums over events);
  for a period of one month or one year it equals analyze's own value (tested).
- Leading power of a country: the highest influence there, when positive and not tied.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from suasion.analyze import Analysis, lever_book
from suasion.analyze.indicators import influence_parts
from suasion.codebooks import load
from suasion.model.errors import SuasionError
from suasion.store import EventFilter, Store

DEFAULT_POWERS: tuple[str, ...] = ("USA", "CHN", "RUS")
DEFAULT_REGION = "latin-america"
WORLD = "world"  # a pseudo-region: every country
DYAD_KEYS = ["power", "country"]
QUAD_COLUMNS = ("quad_1", "quad_2", "quad_3", "quad_4")
# What an evidence line shows of an event (columns of Store.events_table).
DETAIL_COLUMNS = ("id", "doc_id", "event_type", "mode", "modality", "actor_code", "actor_name", "recipient_code",
                  "recipient_name", "date", "date_precision", "first_seen", "sentence", "n_mentions", "n_sources")


@dataclass(frozen=True, slots=True)
class Scope:
    """What a report covers: powers, the countries of a region, a period."""

    powers: tuple[str, ...]
    region: str  # a regions.yaml key, or WORLD
    region_name: str
    countries: tuple[str, ...]  # ISO3 codes, powers excluded, in code order
    since: str | None = None  # first day, YYYY-MM-DD
    until: str | None = None  # last day, YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class Options:
    """Analysis options (suasion.analyze's meaning) and list lengths."""

    modality: str | tuple[str, ...] = "asserted"
    window: int = 3  # momentum: the last `window` months against the `window` before
    gap: int = 12  # novelty: months without contact before a contact counts as new
    min_count: int = 3  # momentum ratio only from this many previous events
    novelty_limit: int = 12


@dataclass
class ReportData:
    """Everything the report and the charts show, as DataFrames keyed by power and country."""

    scope: Scope
    months: list[str]  # YYYY-MM of the period, in order
    events: pd.DataFrame  # one row per counted (event, dyad): event_id, power, country, month, lever,
    #                       event_type, n_mentions, n_sources, month_index
    details: pa.Table  # the scope's events as Store.events_table gives them: see `event_details`
    dyads: pd.DataFrame  # power, country, events, outbound, quad_1..4, coop_weight, conflict_weight,
    #                      balance, share (of great-power cooperative weight), influence
    countries: pd.DataFrame  # country, name, events, influence (the highest), leader, leader_share
    monthly: pd.DataFrame  # power, country, month, events, influence
    levers: pd.DataFrame  # power, country, lever, events
    momentum: pd.DataFrame  # power, country, recent, previous, change, ratio, recent_months, previous_months
    novelty: pd.DataFrame  # power, country, month, gap_months, last_contact, first_in_history
    firsts: pd.DataFrame  # power, country, month, event_id, cue, event_type (sentences that state a first)
    names: dict[str, str]
    stats: dict[str, int] = field(default_factory=dict)

    def event_details(self, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """What the evidence line of each of these events shows (DETAIL_COLUMNS), by event id."""
        if not len(event_ids) or not self.details.num_rows:
            return {}
        wanted = pa.array(sorted(set(event_ids)), type=pa.string())
        chosen = self.details.select(list(DETAIL_COLUMNS)).filter(pc.is_in(self.details["id"], value_set=wanted))
        return {row["id"]: row for row in chosen.to_pylist()}

    def power_totals(self) -> pd.DataFrame:
        """Per power: events, countries engaged, countries led and the mean influence where engaged."""
        totals = (self.dyads.groupby("power", sort=False)
                  .agg(events=("events", "sum"), countries=("country", "nunique"), influence=("influence", "mean"))
                  .reindex(list(self.scope.powers)))
        totals["events"] = totals["events"].fillna(0).astype("int64")
        totals["countries"] = totals["countries"].fillna(0).astype("int64")
        totals["influence"] = totals["influence"].fillna(0.0)
        led = self.countries["leader"].value_counts()
        totals["leads"] = [int(led.get(power, 0)) for power in totals.index]
        return totals.reset_index(names="power")


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    return {str(entry["iso3"]): entry for entry in load("actors/countries.yaml")}


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, dict[str, Any]]:
    return {str(entry["key"]): entry for entry in load("actors/regions.yaml")}


def region_keys() -> list[str]:
    return [*_regions(), WORLD]


def country_name(code: str) -> str:
    """A country's usual English name, else the code itself."""
    entry = _countries().get(code)
    return str(entry["names"]["en"][0]) if entry else code


def is_sovereign(code: str) -> bool:
    """A state of the COW or Gleditsch-Ward lists (territories frame no map)."""
    entry = _countries().get(code) or {}
    return bool(entry.get("cow") or entry.get("gw"))


def lever_names() -> tuple[str, ...]:
    """The levers of suasion.analyze, in their order (`other` last)."""
    return lever_book().levers


def lever_label(lever: str) -> str:
    return lever_book().labels.get(lever, lever)


def resolve_scope(region: str | None = DEFAULT_REGION, powers: Sequence[str] = DEFAULT_POWERS,
                  since: str | None = None, until: str | None = None) -> Scope:
    """Check the region key, power codes and dates; SuasionError E012 (E011 for dates)."""
    chosen = [p.strip().upper() for p in powers if p.strip()]
    if not chosen:
        raise SuasionError("E012", name="powers", value=",".join(powers), detail="no power given")
    for power in chosen:
        if power not in _countries():
            raise SuasionError("E012", name="powers", value=power,
                               detail="expected ISO3 country codes such as USA,CHN,RUS")
    key = (region or WORLD).strip().lower()
    if key == WORLD:
        members, name = sorted(_countries()), "the world"
    elif key in _regions():
        entry = _regions()[key]
        members, name = list(entry["members"]), str(entry["names"]["en"][0])
    else:
        raise SuasionError("E012", name="region", value=region,
                           detail=f"expected one of {', '.join(region_keys())}")
    countries = tuple(sorted(set(members) - set(chosen)))
    period = EventFilter.of(since=since, until=until)  # whole periods: 2022 means 2022-01-01..2022-12-31
    return Scope(powers=tuple(dict.fromkeys(chosen)), region=key, region_name=name,
                 countries=countries, since=period.since, until=period.until)


def build(store: Store, scope: Scope, options: Options | None = None, evidence: bool = True) -> ReportData:
    """Read the scope's events, run the analysis over the report's period, total its tables
    (`evidence=False`: without the per-event rows, which only evidence lists need)."""
    options = options or Options()
    table = scope_events(store, scope)
    in_scope = _in_scope(table, scope)
    months = period_months(in_scope, scope)
    names = {code: country_name(code) for code in (*scope.powers, *scope.countries)}
    if not months:
        return _empty(scope, names, table)
    analysis = Analysis(table, powers=scope.powers, countries=list(scope.countries),
                        since=f"{months[0]}-01", until=scope.until or _last_day(months[-1]), period="month",
                        modality=options.modality, window=options.window, min_count=options.min_count,
                        gap_months=options.gap)
    monthly_counts = analysis.dyad_month().rename(columns={"period": "month"})
    influence = analysis.influence_scores().rename(columns={"period": "month"})
    lever_cells = analysis.levers().rename(columns={"period": "month"})
    events = evidence_rows(lever_cells if evidence else lever_cells.iloc[0:0], table)
    dyads = dyad_table(monthly_counts, influence)
    counted_modalities = analysis.modalities
    modality = pd.Series(in_scope["modality"].to_numpy(zero_copy_only=False))
    stats = {"counted": int(monthly_counts["events"].sum()) if len(monthly_counts) else 0,
             "other_modalities": int((~modality.isin(counted_modalities)).sum()), "gap": options.gap}
    stats["outside_period"] = int(modality.isin(counted_modalities).sum()) - stats["counted"]
    novelty = analysis.novelty()
    firsts = firsts_table(novelty, options).merge(
        events[["event_id", "event_type"]].drop_duplicates("event_id"), on="event_id", how="left")
    monthly = monthly_counts[[*DYAD_KEYS, "month", "events"]].merge(
        influence[[*DYAD_KEYS, "month", "influence"]], on=[*DYAD_KEYS, "month"], how="left")
    return ReportData(
        scope=scope, months=months, events=events, details=table, dyads=dyads, countries=country_table(dyads, names),
        monthly=monthly, levers=lever_table(lever_cells),
        momentum=momentum_table(analysis.momentum(), months, options), novelty=novelty_table(novelty, options),
        firsts=firsts,
        names=names, stats=stats)


def _empty(scope: Scope, names: dict[str, str], table: pa.Table) -> ReportData:
    no_rows = pd.DataFrame(columns=[*DYAD_KEYS])
    dyads = dyad_table(pd.DataFrame(), pd.DataFrame())
    return ReportData(scope=scope, months=[], details=table,
                      events=pd.DataFrame(columns=["event_id", *DYAD_KEYS, "month", "lever", "event_type",
                                                   "n_mentions", "n_sources", "month_index"]),
                      dyads=dyads, countries=country_table(dyads, names),
                      monthly=pd.DataFrame(columns=[*DYAD_KEYS, "month", "events", "influence"]),
                      levers=pd.DataFrame(columns=[*DYAD_KEYS, "lever", "events"]),
                      momentum=no_rows.assign(recent=[], previous=[], change=[], ratio=[], recent_months=[],
                                              previous_months=[]),
                      novelty=no_rows.assign(month=[], gap_months=[], last_contact=[], first_in_history=[]),
                      firsts=no_rows.assign(month=[], event_id=[], cue=[], event_type=[]), names=names,
                      stats={"counted": 0, "other_modalities": 0, "outside_period": 0})


def scope_events(store: Store, scope: Scope) -> pa.Table:
    """Every stored event with a power on one side (up to `until`), once each: the analysis reads
    them all (history included) and keeps the region's countries."""
    powers = pa.array(list(scope.powers))
    tables = []
    for power in scope.powers:
        tables.append(store.events_table(actor=power, until=scope.until))
        received = store.events_table(recipient=power, until=scope.until)
        # An event whose actor is a power too came with that power's own acts already.
        tables.append(received.filter(pc.invert(pc.fill_null(pc.is_in(received["actor_code"], value_set=powers),
                                                             False))))
    return pa.concat_tables(tables)


def _in_scope(table: pa.Table, scope: Scope) -> pa.Table:
    """The modality and dates of the events between a power and a country of the scope, filed
    inside the period or not."""
    if not table.num_rows:
        return table
    powers, countries = pa.array(list(scope.powers)), pa.array(list(scope.countries))
    actor_power = pc.is_in(table["actor_code"], value_set=powers)
    recipient_power = pc.is_in(table["recipient_code"], value_set=powers)
    actor_country = pc.is_in(table["actor_code"], value_set=countries)
    recipient_country = pc.is_in(table["recipient_code"], value_set=countries)
    mask = pc.or_(pc.and_(actor_power, recipient_country), pc.and_(recipient_power, actor_country))
    return table.select(["modality", "date", "first_seen"]).filter(pc.fill_null(mask, False))


def period_months(events: pa.Table, scope: Scope) -> list[str]:
    """The report's months: since..until when given, else the months in which the scope's events
    (`_in_scope`) were first published (the months they are filed under when none has a
    publication date)."""
    start = scope.since[:7] if scope.since else None
    end = scope.until[:7] if scope.until else None
    if start is None or end is None:
        published = [v[:7] for v in (events["first_seen"].to_pylist() if events.num_rows else []) if v]
        if not published and events.num_rows:
            published = [v[:7] for v in events["date"].to_pylist() if v and len(v) >= 7]
        if not published:
            return []
        start = start or min(published)
        end = end or max(published)
    if start > end:
        return []
    return [str(p) for p in pd.period_range(start, end, freq="M")]


def _last_day(month: str) -> str:
    return str(pd.Period(month, freq="M").end_time.date())


def evidence_rows(lever_cells: pd.DataFrame, table: pa.Table) -> pd.DataFrame:
    """One row per counted (event, dyad): its month and lever as the analysis filed it, and what
    ranks it as evidence (type, mentions, sources)."""
    columns = ["event_id", *DYAD_KEYS, "month", "lever", "event_type", "n_mentions", "n_sources", "month_index"]
    if lever_cells.empty:
        return pd.DataFrame(columns=columns)
    assigned = lever_cells[[*DYAD_KEYS, "month", "lever", "event_ids"]].explode("event_ids", ignore_index=True)
    assigned = pa.table({name: pa.array(assigned[source].astype(object).tolist(), type=pa.string())
                         for name, source in (("event_id", "event_ids"), ("power", "power"), ("country", "country"),
                                              ("month", "month"), ("lever", "lever"))})
    ranks = pa.table({"event_id": table["id"].cast(pa.string()), "event_type": table["event_type"],
                      "n_mentions": table["n_mentions"], "n_sources": table["n_sources"]})
    # Arrow's hash join: several times faster than pandas' merge on string keys.
    events = assigned.join(ranks, keys="event_id", join_type="left outer").to_pandas()
    for column in ("n_mentions", "n_sources"):
        events[column] = pd.to_numeric(events[column]).fillna(0).astype("int64")
    codes, months = pd.factorize(events["month"])
    ordinal = np.array([int(m[:4]) * 12 + int(m[5:7]) - 1 for m in months], dtype=np.int64)
    events["month_index"] = ordinal[codes] if len(ordinal) else np.zeros(len(events), dtype=np.int64)
    return events[columns]


def dyad_table(monthly: pd.DataFrame, influence: pd.DataFrame) -> pd.DataFrame:
    """Per dyad over the period: counts summed over months, and the influence of the period."""
    columns = [*DYAD_KEYS, "events", "outbound", *QUAD_COLUMNS, "coop_weight", "conflict_weight", "balance",
               "share", "influence"]
    if monthly.empty:
        return pd.DataFrame(columns=columns)
    counts = monthly.groupby(DYAD_KEYS)[["events", "outbound", *QUAD_COLUMNS]].sum()
    weights = influence.groupby(DYAD_KEYS)[["coop_weight", "conflict_weight"]].sum()
    table = counts.join(weights, how="left").fillna({"coop_weight": 0.0, "conflict_weight": 0.0}).reset_index()
    table = table[table["events"] > 0].copy()
    # The influence of the whole period, from its summed components.
    parts = influence_parts(table, ["country"], lever_book().prior)
    table = table.assign(balance=parts["balance"], share=parts["coop_weight_share"], influence=parts["influence"])
    for column in ("events", "outbound", *QUAD_COLUMNS):
        table[column] = table[column].astype("int64")
    return table.sort_values(["country", "power"], ignore_index=True)[columns]


def country_table(dyads: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Per country with events: events, the highest influence, the leading power and its share
    (busiest first)."""
    columns = ["country", "name", "events", "influence", "leader", "leader_share"]
    if dyads.empty:
        return pd.DataFrame(columns=columns)
    ranked = dyads.sort_values(["country", "influence", "power"], ascending=[True, False, True])
    top = ranked.groupby("country").head(2)
    rows = []
    for country, group in top.groupby("country", sort=False):
        best = group.iloc[0]
        tied = len(group) > 1 and group.iloc[1]["influence"] == best["influence"]
        leads = best["influence"] > 0 and not tied
        rows.append({"country": country, "influence": float(best["influence"]),
                     "leader": best["power"] if leads else None,
                     "leader_share": float(best["share"]) if leads else 0.0})
    table = pd.DataFrame(rows).merge(dyads.groupby("country")["events"].sum().rename("events").reset_index(),
                                     on="country")
    table["name"] = [names.get(code, code) for code in table["country"]]
    table["events"] = table["events"].astype("int64")
    return table.sort_values(["events", "influence", "name"], ascending=[False, False, True],
                             ignore_index=True)[columns]


def lever_table(lever_cells: pd.DataFrame) -> pd.DataFrame:
    if lever_cells.empty:
        return pd.DataFrame(columns=[*DYAD_KEYS, "lever", "events"])
    return lever_cells.groupby([*DYAD_KEYS, "lever"])["events"].sum().reset_index()


def momentum_table(momentum: pd.DataFrame, months: list[str], options: Options) -> pd.DataFrame:
    """The analysis's momentum at the period's last month: events in its last `window` months
    against the `window` before, largest changes first."""
    columns = [*DYAD_KEYS, "recent", "previous", "change", "ratio", "recent_months", "previous_months"]
    window = options.window
    if momentum.empty or len(months) < 2 * window:
        return pd.DataFrame(columns=columns)
    last = momentum[(momentum["level"] == "country") & (momentum["period"] == months[-1])]
    table = last.rename(columns={"current": "recent", "momentum_diff": "change", "momentum_ratio": "ratio"})
    table = table[table["change"] != 0].copy()
    table["recent_months"] = f"{months[-window]}..{months[-1]}"
    table["previous_months"] = f"{months[-2 * window]}..{months[-window - 1]}"
    order = table["change"].abs()
    table = table.assign(order=order).sort_values(["order", "power", "country"], ascending=[False, True, True])
    return table.reset_index(drop=True)[columns]


def novelty_table(novelty: pd.DataFrame, options: Options) -> pd.DataFrame:
    """New contacts (none for `gap` months before), most recent first."""
    columns = [*DYAD_KEYS, "month", "gap_months", "last_contact", "first_in_history"]
    if novelty.empty:
        return pd.DataFrame(columns=columns)
    table = novelty[(novelty["level"] == "country") & novelty["novel_contact"]].rename(columns={"period": "month"})
    table = table.sort_values(["month", "gap_months", "power", "country"], ascending=[False, False, True, True])
    return table.head(options.novelty_limit).reset_index(drop=True)[columns]


def firsts_table(novelty: pd.DataFrame, options: Options) -> pd.DataFrame:
    """Events whose sentence says they are a first ("for the first time since 2014"), most recent first."""
    columns = [*DYAD_KEYS, "month", "event_id", "cue"]
    if novelty.empty:
        return pd.DataFrame(columns=columns)
    table = novelty[(novelty["level"] == "country") & novelty["cue"].notna()].rename(
        columns={"period": "month", "evidence_event_id": "event_id"})
    table = table.sort_values(["month", "power", "country"], ascending=[False, True, True])
    return table.head(options.novelty_limit).reset_index(drop=True)[columns]


def evidence_order(events: pd.DataFrame) -> pd.DataFrame:
    """The events best attested first: most sources, then most mentions, then the most recent;
    ties keep the store's order."""
    if events.empty:
        return events
    order = np.lexsort((np.arange(len(events)), -events["month_index"].to_numpy(),
                        -events["n_mentions"].to_numpy(), -events["n_sources"].to_numpy()))
    return events.iloc[order]


def top_evidence(ordered: pd.DataFrame, by: list[str], limit: int) -> pd.DataFrame:
    """The first `limit` events of each group of an `evidence_order`ed frame, with `group_total`:
    how many events the group has."""
    if ordered.empty:
        return ordered.assign(group_total=pd.Series(dtype="int64"))
    totals = ordered.groupby(by, sort=False).size().rename("group_total")
    return ordered.groupby(by, sort=False).head(limit).join(totals, on=by)
