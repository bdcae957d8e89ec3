"""Alembic environment, run programmatically by :func:`podplayer.store.migrations.upgrade`.

The caller passes an open connection (already inside the one migration transaction) through
``config.attributes["connection"]``; there is no alembic.ini and no offline mode.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
