"""Documentation that cannot rot: exported columns are in docs/columns.md, CLI commands and options in README."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest

from suasion import analyze
from suasion.cli.main import cli
from suasion.export import export
from suasion.model import codes
from suasion.model.records import Actor, Document, Event, Sentence, event_id
from suasion.store import Store

ROOT = Path(__file__).resolve().parents[1]
COLUMNS_DOC = ROOT / "docs" / "columns.md"
README = ROOT / "README.md"

RECORD_SECTIONS = ("events", "mentions", "plover", "gdelt-events", "gdelt-mentions", "icews")
ANALYSIS_SECTIONS = ("indicators", "quantities")
# (what, format) -> the section of docs/columns.md that documents what it writes.
EXPORTS = {
    **{(what, fmt): what for what in ("events", "mentions") for fmt in ("parquet", "csv", "jsonl")},
    **{(what, "plover"): "plover" for what in ("events", "mentions")},
    ("events", "gdelt"): "gdelt-events", ("mentions", "gdelt"): "gdelt-mentions",
    **{(what, "icews"): "icews" for what in ("events", "mentions")},
    **{(what, fmt): what for what in ANALYSIS_SECTIONS for fmt in ("parquet", "csv", "jsonl")},
}


def documented_columns() -> dict[str, list[str]]:
    """Section heading (### name) -> the names in the first cell of its table rows."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in COLUMNS_DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^###\s+(\S+)\s*$", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
            continue
        row = re.match(r"^\|\s*`([^`]+)`\s*\|", line)
        if row and current is not None:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            assert len(cells) == 4 and cells[1] and cells[2], f"malformed row in columns.md: {line}"
            current.append(row.group(1))
    return sections


def _event(doc_id: str, index: int, event_type: str, actor: Actor, recipient: Actor | None,
           date: str | None) -> Event:
    cameo = codes.cameo_for(event_type)
    sentence = f"Sentence {index} of {doc_id}."
    return Event(id=event_id(doc_id, index, event_type, actor.code, recipient.code if recipient else None, 0),
                 doc_id=doc_id, event_type=event_type, actor=actor, recipient=recipient, date=date,
                 context=["diplomatic"], cameo=cameo, quad=codes.quad_class(event_type),
                 goldstein=codes.goldstein(cameo), plover_score=codes.plover_score(event_type),
                 sentence=sentence, sentence_index=index, char_end=len(sentence), confidence=0.8,
                 coder="rules")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("docs") / "docs.duckdb"
    plan = {
        "a": (dict(date="2022-01-20", url="https://example.org/a", title="A", source="Example", language="en"),
              [("CONSULT", Actor("RUS", "GOV", "Sergei Lavrov", "Lavrov"), Actor("VEN", "GOV"), "2022-01-20"),
               ("ACCUSE", Actor("NATO", "IGO"), Actor("LAM", "CVL"), None)]),
        "b": (dict(date="2022-02-01"), [("AID", Actor("CHN", "GOV"), None, "2022-01")]),
    }
    items = []
    for doc_id, (metadata, rows) in plan.items():
        text = f"Article {doc_id} written for the documentation test."
        events = [_event(doc_id, i, *row) for i, row in enumerate(rows)]
        sentences = [Sentence(doc_id, i, e.sentence, 0, len(e.sentence)) for i, e in enumerate(events)]
        items.append((Document(doc_id, text, **metadata), text, sentences, events))
    with Store(path) as store:
        store.add(items)
    return str(path)


def written_columns(store_path: str, folder: Path, what: str, fmt: str) -> set[str]:
    """The column (or field) names an export writes, read back from the file itself."""
    target = folder / f"{what}.{fmt}"
    with Store(store_path, read_only=True) as store:
        export(store, target, what, fmt, header=True)
    if fmt == "parquet":
        return set(pq.read_schema(target).names)
    text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        return set(next(csv.reader(text.splitlines())))
    if fmt in ("gdelt", "icews"):
        return set(text.splitlines()[0].split("\t"))
    names: set[str] = set()
    for line in text.splitlines():
        for key, value in json.loads(line).items():
            names.add(key)
            if fmt == "plover" and isinstance(value, dict):
                names.update(f"{key}.{inner}" for inner in value)
    return names


def _needs_analysis(what: str) -> None:
    if what in ANALYSIS_SECTIONS and not callable(getattr(analyze, what, None)):
        pytest.skip(f"suasion.analyze.{what} is not available yet")


@pytest.mark.parametrize(("what", "fmt"), sorted(EXPORTS))
def test_every_written_column_is_documented(store_path, tmp_path, what, fmt):
    _needs_analysis(what)
    section = EXPORTS[(what, fmt)]
    documented = documented_columns().get(section)
    assert documented is not None, f"docs/columns.md has no '### {section}' section"
    missing = written_columns(store_path, tmp_path, what, fmt) - set(documented)
    assert not missing, f"{what} as {fmt} writes columns that docs/columns.md ({section}) lacks: {sorted(missing)}"


@pytest.mark.parametrize("section", RECORD_SECTIONS + ANALYSIS_SECTIONS)
def test_every_documented_column_is_written(store_path, tmp_path, section):
    _needs_analysis(section)
    written: set[str] = set()
    for (what, fmt), target in EXPORTS.items():
        if target == section:
            written |= written_columns(store_path, tmp_path, what, fmt)
    stale = set(documented_columns()[section]) - written
    assert not stale, f"docs/columns.md ({section}) lists columns no export writes: {sorted(stale)}"


def test_documented_columns_are_listed_once_per_section():
    for section, names in documented_columns().items():
        assert len(names) == len(set(names)), f"{section} lists a column twice"


# -- README ----------------------------------------------------------------------------------------

def cli_commands(group: click.Group, prefix: str = "suasion"):
    """(command line, command) for the group and every command under it, subgroups included."""
    yield prefix, group
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        if isinstance(command, click.Group):
            yield from cli_commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


COMMANDS = list(cli_commands(cli))


def _readme() -> str:
    assert README.is_file(), "README.md is missing"
    return README.read_text(encoding="utf-8")


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


@pytest.mark.parametrize(("line", "command"), COMMANDS, ids=[line for line, _ in COMMANDS])
def test_every_command_and_option_is_in_the_readme(line, command):
    readme = _readme()
    assert _mentions(readme, line), f"README.md never mentions `{line}`"
    undocumented = [
        "/".join(param.opts + param.secondary_opts) for param in command.params
        if isinstance(param, click.Option) and not param.hidden
        and not any(_mentions(readme, flag) for flag in param.opts + param.secondary_opts)
    ]
    assert not undocumented, f"README.md never mentions these options of `{line}`: {undocumented}"


def test_readme_cli_reference_is_current():
    """The README's command reference is generated from the commands themselves: rerun
    `python scripts/cli_reference.py` after changing the CLI."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "cli_reference.py"
    assert subprocess.run([sys.executable, str(script), "--check"]).returncode == 0, \
        "README.md's command reference is stale: run python scripts/cli_reference.py"
