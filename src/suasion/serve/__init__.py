"""A read-only web dashboard and JSON API over a suasion store (FastAPI, served by uvicorn)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """See suasion.serve.app.create_app; imported on demand so that `import suasion.serve` stays light."""
    from suasion.serve.app import create_app as build

    return build(*args, **kwargs)
