"""`suasion serve`: the read-only web dashboard and JSON API over a store."""

from __future__ import annotations

import click

from suasion.cli.common import db_option, fail, info
from suasion.model.errors import SuasionError


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default keeps the dashboard on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--powers", default="USA,CHN,RUS", show_default=True,
              help="Comma-separated codes of the powers to compare.")
def command(db: str, host: str, port: int, powers: str) -> None:
    """Serve the dashboard (overview map, countries, dyads, event search, evidence) and its JSON
    API (documented at /docs) over the store, opened read-only. Stop with Ctrl-C."""
    try:
        import uvicorn

        from suasion.serve import create_app
        from suasion.serve.params import InvalidParameter, check_codes
    except ImportError as exc:
        fail(SuasionError("E012", name="serve", value=exc.name,
                          detail="the dashboard needs fastapi and uvicorn: pip install 'suasion[serve]'"))
        return
    try:
        chosen = check_codes("powers", powers.replace(" ", "").upper(), ())
        app = create_app(db, powers=chosen)
    except InvalidParameter as exc:
        fail(SuasionError("E012", name="--powers", value=powers, detail=exc.hint))
        return
    except SuasionError as exc:
        fail(exc)
        return
    info(f"dashboard on http://{host}:{port}/  (API documentation: http://{host}:{port}/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
