"""`suasion actors`: look up how a mention resolves, and extend the actor knowledge with user files."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import click

from suasion.cli.common import exit_code, fail, info, report_problem
from suasion.model.dates import is_partial_date
from suasion.model.errors import SuasionError
from suasion.resolve.knowledge import Knowledge, build_knowledge, day_of, default_knowledge


@functools.lru_cache(maxsize=1)
def _shipped_knowledge() -> Knowledge:
    # Checks codes against the shipped codebooks only: a broken user file must not block fixing it.
    return build_knowledge()


def _checked_date(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not is_partial_date(value):
        raise SuasionError("E011", value=value)
    return value


def _forget_cached_knowledge() -> None:
    from suasion.resolve.actors import default_resolver

    default_knowledge.cache_clear()
    default_resolver.cache_clear()


@click.group("actors")
def command() -> None:
    """Look up actors and add people to your own actor file ($SUASION_ACTORS or ~/.suasion/actors.yaml)."""


@command.command("lookup")
@click.argument("text")
@click.option("--date", help="The day the mention was written (YYYY-MM-DD); roles are held on dates.")
@click.option("--lang", type=click.Choice(["en", "es", "pt"]), help="Language of TEXT.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def lookup(text: str, date: str | None, lang: str | None, fmt: str) -> None:
    """Show what TEXT resolves to (code, sector, name) on a date, and why."""
    from suasion.resolve.actors import default_resolver

    try:
        date = _checked_date(date)
        resolution = default_resolver().lookup(text, date, lang)
    except SuasionError as exc:
        fail(exc)
    actor = resolution.actor
    if fmt == "json":
        click.echo(json.dumps({"text": text, "date": date, "code": actor.code, "sector": actor.sector,
                               "name": actor.name, "confidence": resolution.confidence,
                               "person_id": resolution.person_id, "kind": resolution.kind,
                               "plural": resolution.plural, "reasons": resolution.reasons},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{text!r} on {date or 'today'}: {actor.code or '-'}/{actor.sector or '-'}"
               f"{'  ' + actor.name if actor.name else ''}")
    click.echo(f"  kind {resolution.kind}, confidence {resolution.confidence:.2f}"
               f"{', person ' + resolution.person_id if resolution.person_id else ''}")
    for reason in resolution.reasons:
        click.echo(f"  - {reason}")


@command.command("add")
@click.argument("name")
@click.option("--country", required=True, help="ISO 3166-1 alpha-3 code (RUS, BRA, ...).")
@click.option("--role", help="A role of titles.yaml (head_of_state, foreign_minister, ...).")
@click.option("--sector", help="PLOVER sector when the role's own sector does not fit (OPP, PTY, ...).")
@click.option("--start", help="First day in the role (YYYY-MM-DD).")
@click.option("--end", help="The successor's first day (YYYY-MM-DD); omit while in office.")
@click.option("--alias", "aliases", multiple=True, help="Another spelling or surname (repeatable).")
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="The user file to write (default: $SUASION_ACTORS, else ~/.suasion/actors.yaml).")
def add(name: str, country: str, role: str | None, sector: str | None, start: str | None, end: str | None,
        aliases: tuple[str, ...], file: Path | None) -> None:
    """Add person NAME (or a role and aliases of a person already there) to your actor file."""
    from suasion.resolve.user_actors import add_person, default_user_file

    target = file or default_user_file()
    try:
        result = add_person(target, _shipped_knowledge(), name, country, role=role, sector=sector,
                            start=start, end=end, aliases=aliases)
    except SuasionError as exc:
        fail(exc)
    _forget_cached_knowledge()
    if not result.changed:
        info(f"suasion: {result.person_id} already has that role and those aliases in {result.path}")
    else:
        what = "added" if result.new_person else "updated"
        info(f"suasion: {what} {result.person_id} in {result.path}")


@command.command("import")
@click.argument("dictionary", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file to write (default: standard output).")
def import_(dictionary: Path, output: Path | None) -> None:
    """Convert a PETRARCH/Phoenix actor DICTIONARY into the YAML people format."""
    from suasion.resolve.user_actors import convert_petrarch, dump_document, parse_yaml, write_atomically

    try:
        if not dictionary.is_file():
            raise SuasionError("E001", path=str(dictionary))
        try:
            text = dictionary.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SuasionError("E016", path=str(dictionary), line=0, detail=str(exc)) from exc
        conversion = convert_petrarch(text, str(dictionary), _shipped_knowledge())
        if not conversion.converted:
            raise SuasionError("E016", path=str(dictionary), line=0,
                               detail=f"no actor entry could be converted ({len(conversion.problems)} lines "
                                      "skipped); is this a PETRARCH/Phoenix actor dictionary?")
        header = (f"# converted from {dictionary.name} by `suasion actors import` on {dt.date.today()}\n"
                  "# PETRARCH role codes became sectors; undated codes fill the gaps between dated ones.\n")
        yaml_text = dump_document(conversion.document(), header)
        parse_yaml(yaml_text, str(output or "<output>"))  # the output must read back as a user file
        if output is not None:
            write_atomically(output, yaml_text)
        else:
            click.echo(yaml_text, nl=False)
    except SuasionError as exc:
        fail(exc)
    for item in conversion.problems:
        report_problem(item)
    info(f"suasion: {conversion.converted} entries converted ({len(conversion.people)} people, "
         f"{len(conversion.entities)} entities, {len(conversion.countries)} countries), "
         f"{conversion.skipped} skipped" + (f", written to {output}" if output else ""))
    raise SystemExit(exit_code())


@command.command("list")
@click.option("--country", help="Only people of this code (ISO3).")
@click.option("--date", help="Roles held on this day (YYYY-MM-DD); default: today.")
@click.option("--all", "everyone", is_flag=True, help="Also people without a role on that date.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_(country: str | None, date: str | None, everyone: bool, fmt: str) -> None:
    """People and the role each holds on a date, as a table."""
    try:
        date = _checked_date(date)
        kb = default_knowledge()
        if country is not None:
            country = country.strip().upper()
            if kb.countries and country not in kb.countries and country not in kb.organisations:
                raise SuasionError("E012", name="--country", value=country,
                                   detail="not a country code of the knowledge base")
    except SuasionError as exc:
        fail(exc)
    day = day_of(date) or dt.date.today().isoformat()
    rows = []
    for person in sorted(kb.people.values(), key=lambda p: (p.country, p.name)):
        if country is not None and person.country != country:
            continue
        role = person.role_on(day)
        if role is None and not everyone:
            continue
        rows.append({"id": person.id, "name": person.name, "country": person.country,
                     "role": role.role if role else None, "sector": person.sector_on(day),
                     "start": role.start if role else None, "end": role.end if role else None})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    columns = ("name", "country", "role", "sector", "start", "end", "id")
    table = [[c.upper() for c in columns]] + [[str(r[c] or "-") for c in columns] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    for line in table:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    info(f"suasion: {len(rows)} {'person' if len(rows) == 1 else 'people'} on {date or day}")
