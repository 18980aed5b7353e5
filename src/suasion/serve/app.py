"""Builds the FastAPI application: API, pages, offline API docs, error answers and security headers."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from suasion import __version__
from suasion.model.errors import SuasionError
from suasion.serve import api, pages
from suasion.serve.geography import DEFAULT_POWERS, DEFAULT_REGION
from suasion.serve.indicators import Dashboard, Period
from suasion.serve.params import HINTS, InvalidParameter

STATIC = Path(__file__).parent / "static"
# Swagger UI's script and stylesheet as a PyPI package ships them, served by this app.
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
DESCRIPTION = """Read-only access to a suasion store: where the great powers stand in each country of a
region, how their engagement evolves month by month, which levers they use, and the evidence
sentence and sources behind every event. Every table can be downloaded as CSV or Parquet."""

# Pages may load only what this server serves; the API docs need Swagger UI's inline start-up script.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; frame-ancestors 'none'")


def create_app(db_path: str | Path, powers: Sequence[str] = DEFAULT_POWERS) -> FastAPI:
    """The dashboard and API over the store at `db_path`, opened read-only for each request."""
    dashboard = Dashboard(db_path, powers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The landing page's numbers are computed while the server starts, not for its first visitor.
        threading.Thread(target=_warm, args=(dashboard,), daemon=True).start()
        yield

    app = FastAPI(title="suasion", version=__version__, description=DESCRIPTION, openapi_tags=api.TAGS,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.dashboard = dashboard
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/static-docs", StaticFiles(directory=DOCS_ASSETS), name="static-docs")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="suasion API",
            swagger_js_url="/static-docs/swagger-ui-bundle.js", swagger_css_url="/static-docs/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            # No validator badge: it would send the schema to a public validation service.
            swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0})

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.headers.get("content-type", "").startswith("text/html"):
            policy = DOCS_POLICY if request.url.path == "/docs" else PAGE_POLICY
            response.headers.setdefault("Content-Security-Policy", policy)
        return response

    _add_error_handlers(app)
    return app


def _warm(dashboard: Dashboard) -> None:
    try:
        dashboard.meta()
        dashboard.overview(DEFAULT_REGION, dashboard.powers, Period())
    except SuasionError:
        pass  # the same problem will be reported to the first request that meets it


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi", "/static"))


def _problem_response(request: Request, status: int, message: str, problems: list[dict[str, Any]]) -> Response:
    if _wants_html(request):
        title = "Invalid request" if status == 422 else "Not found" if status == 404 else "Something went wrong"
        return pages.error_page(request, status, title, message)
    return JSONResponse(status_code=status, content=jsonable_encoder({"message": message, "problems": problems}))


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            name = str(error.get("loc", ("", "value"))[-1])
            value = error.get("input")
            hint = HINTS.get(name, error.get("msg", "invalid value"))
            shown = value if isinstance(value, (str, int, float)) or value is None else str(value)
            problems.append({"parameter": name, "value": None if shown is None else str(shown),
                             "message": f"invalid value for {name}: {shown!r} ({hint})"})
        message = "; ".join(p["message"] for p in problems) or "invalid request"
        return _problem_response(request, 422, message, problems)

    @app.exception_handler(InvalidParameter)
    async def invalid_parameter(request: Request, exc: InvalidParameter) -> Response:
        problem = {"parameter": exc.name, "value": str(exc.value), "message": str(exc)}
        return _problem_response(request, 422, str(exc), [problem])

    @app.exception_handler(SuasionError)
    async def suasion_error(request: Request, exc: SuasionError) -> Response:
        status = 422 if exc.code in ("E011", "E012") else 503
        return _problem_response(request, status, str(exc), [])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _problem_response(request, exc.status_code, message, [])
