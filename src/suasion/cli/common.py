"""Options, output and error handling shared by every CLI command."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from suasion.model.errors import Problem, SuasionError

DEFAULT_DB = "suasion.duckdb"

log = logging.getLogger("suasion")


class State:
    """Per-invocation settings carried on the click context."""

    def __init__(self) -> None:
        self.quiet = False
        self.problems = 0


def state() -> State:
    return click.get_current_context().find_root().ensure_object(State)


def report_problem(item: Problem) -> None:
    """One clear line on stderr per skipped input; counted for the exit code."""
    state().problems += 1
    click.echo(f"suasion: {item}", err=True)


def info(message: str) -> None:
    if not state().quiet:
        click.echo(message, err=True)


def fail(exc: SuasionError) -> None:
    click.echo(f"suasion: error {exc}", err=True)
    raise SystemExit(2)


def db_option(func: Any) -> Any:
    return click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                        help="The DuckDB database file.")(func)


def period_options(func: Any) -> Any:
    """--since and --until: whole periods, as the store's filters read them."""
    func = click.option("--until", help="Last period included: YYYY, YYYY-MM or YYYY-MM-DD.")(func)
    return click.option("--since", help="First period included: YYYY, YYYY-MM or YYYY-MM-DD.")(func)


def event_filter_options(func: Any) -> Any:
    """--actor, --recipient, --type (as `event_type`), --modality, --since and --until: the
    store's event filters."""
    func = period_options(func)
    func = click.option("--modality", help="asserted, future, hypothetical or negated.")(func)
    func = click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT.")(func)
    func = click.option("--recipient", help="Recipient code, e.g. BRA.")(func)
    return click.option("--actor", help="Actor code, e.g. RUS.")(func)


@contextmanager
def output_errors(output: str | None) -> Iterator[None]:
    """Around writing a command's results: a SuasionError, or an OSError (blamed on --output),
    ends the command with one line and status 2; a closed pipe ends it quietly."""
    try:
        yield
    except SuasionError as exc:
        fail(exc)
    except BrokenPipeError:
        close_quietly()
    except OSError as exc:
        fail(SuasionError("E012", name="--output", value=output, detail=exc.strerror or str(exc)))


def exit_code() -> int:
    """1 when any input was skipped, else 0."""
    return 1 if state().problems else 0


def configure_logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("suasion: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.WARNING if quiet else logging.INFO)


def input_options(func: Any) -> Any:
    func = click.option("--scheduler", metavar="ADDRESS",
                        help="Run the coding on a Dask cluster (a scheduler address, or 'local').")(func)
    func = click.option("--lang", help="Language of the inputs when they do not say (en, es, pt).")(func)
    return click.option("--date", help="Publication date (YYYY-MM-DD) for inputs that have none.")(func)


def read_inputs(inputs: tuple[str, ...], date: str | None, lang: str | None) -> Any:
    from suasion.ingest import iter_documents

    return iter_documents(list(inputs), default_date=date, default_language=lang)


def progress(batches: Any) -> Any:
    """Yield batches unchanged while counting articles on stderr (unless --quiet)."""
    quiet = state().quiet or not sys.stderr.isatty()
    done = 0
    for item in batches:
        processed = item[0]
        done += len(processed)
        if not quiet:
            click.echo(f"\rsuasion: {done} articles coded", err=True, nl=False)
        yield item
    if not quiet and done:
        click.echo("", err=True)


def close_quietly() -> None:
    """The reader went away (`suasion extract ... | head`): stop without an error, as Unix tools do."""
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed pipe until exit
    finally:
        raise SystemExit(0)
