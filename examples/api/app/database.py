"""The one dependency /healthz checks: can we reach PostgreSQL and run a query?"""

import psycopg2

CONNECT_TIMEOUT_SECONDS = 2


def libpq_url(url: str) -> str:
    """Alembic and SQLAlchemy spell the driver into the scheme; libpq does not understand it."""
    return url.replace("postgresql+psycopg2://", "postgresql://", 1)


def check_database(url: str) -> str | None:
    """Returns None when the database answers, otherwise the first line of the reason it did not."""
    try:
        connection = psycopg2.connect(libpq_url(url), connect_timeout=CONNECT_TIMEOUT_SECONDS)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            connection.close()
    except psycopg2.Error as error:
        reason = str(error).strip()
        return reason.splitlines()[0] if reason else type(error).__name__
    return None
