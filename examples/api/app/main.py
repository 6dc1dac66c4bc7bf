"""The example API that tests and the demo deploy. Its image tag decides how it misbehaves (see README.md)."""

import asyncio
import itertools
from datetime import datetime, timezone

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from .database import check_database
from .settings import load_settings

settings = load_settings()
started_at = datetime.now(timezone.utc).isoformat()
# Every third /healthz fails under -flaky: a fixed sequence keeps tests that count failures stable.
healthz_requests = itertools.count(1)
FLAKY_EVERY = 3

app = FastAPI(title="augeo example api", version=settings.version)
# The admin page (examples/web) is served from another origin and reads /version from the browser.
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])


@app.on_event("startup")
def crash_when_asked() -> None:
    if "crash" in settings.misbehaviours:
        raise RuntimeError(f"image tag {settings.tag} asks the app to crash at startup")


@app.middleware("http")
async def slow_down_when_asked(request: Request, call_next):
    if "slow" in settings.misbehaviours:
        await asyncio.sleep(settings.slow_ms / 1000)
    return await call_next(request)


@app.get("/")
def root() -> dict:
    return {"name": "augeo example api", "version": settings.version, "endpoints": ["/healthz", "/version"]}


@app.get("/version")
def version() -> dict:
    return {"version": settings.version, "started_at": started_at}


@app.get("/healthz")
def healthz() -> JSONResponse:
    if "flaky" in settings.misbehaviours and next(healthz_requests) % FLAKY_EVERY == 0:
        return JSONResponse(
            status_code=500, content={"status": "error", "version": settings.version, "detail": "flaky by image tag"}
        )

    checks = {"app": "unhealthy by image tag" if "unhealthy" in settings.misbehaviours else "ok"}
    if settings.database_url:
        failure = check_database(settings.database_url)
        checks["database"] = f"failed: {failure}" if failure else "ok"
    else:
        checks["database"] = "not configured"

    healthy = all(result in ("ok", "not configured") for result in checks.values())
    return JSONResponse(
        status_code=200 if healthy else 503,
        content={"status": "ok" if healthy else "unhealthy", "version": settings.version, "checks": checks},
    )
