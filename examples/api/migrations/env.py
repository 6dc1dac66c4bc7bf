"""Alembic environment for the example API.

Imports only alembic and sqlalchemy: the migration gate renders and runs these files without the app's
dependencies, and a migration must never depend on application code that later releases change.
"""

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# No autogenerate: migrations are written by hand, so there is no MetaData to compare against.
target_metadata = None


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    if context.is_offline_mode():
        # Rendering SQL (`alembic upgrade --sql`) needs only the dialect, never a real server.
        return "postgresql+psycopg2://"
    raise RuntimeError("DATABASE_URL is not set: export the SQLAlchemy URL of the database to migrate.")


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        # One transaction per revision: a failing revision rolls back alone, and autocommit_block() (for
        # CREATE INDEX CONCURRENTLY) commits only that revision's earlier work.
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # NullPool: one direct connection, so session settings (lock_timeout from PGOPTIONS) apply to it.
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
