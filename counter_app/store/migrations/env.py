"""Alembic environment: the engine comes from counter_app.store.db, never from an ini file."""

from alembic import context

from counter_app.store.models import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
