"""What the app reads from its environment, as App Service would hand it over in app settings."""

import os
from dataclasses import dataclass

MISBEHAVIOURS = ("unhealthy", "slow", "crash", "flaky", "wrongversion")
# Reported under -wrongversion: plainly not the tag, like a slot still serving an older build.
WRONG_VERSION = "0.0.0"


@dataclass(frozen=True)
class Settings:
    tag: str
    database_url: str | None
    slow_ms: int
    misbehaviours: frozenset[str]

    @property
    def version(self) -> str:
        return WRONG_VERSION if "wrongversion" in self.misbehaviours else self.tag


def misbehaviours_of(tag: str) -> frozenset[str]:
    """'1.2.3-slow-flaky' -> {'slow', 'flaky'}; unknown suffixes such as '-rc1' are ordinary versions."""
    return frozenset(part for part in tag.split("-")[1:] if part in MISBEHAVIOURS)


def load_settings() -> Settings:
    tag = os.environ.get("APP_VERSION", "0.0.0-dev")
    return Settings(
        tag=tag,
        database_url=os.environ.get("DATABASE_URL") or None,
        slow_ms=int(os.environ.get("SLOW_MS", "800")),
        misbehaviours=misbehaviours_of(tag),
    )
