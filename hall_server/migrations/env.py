"""Alembic environment of the hall server: the engine comes from hall_server.db."""

from alembic import context

import hall_server.messages.models
import hall_server.queue.models  # noqa: F401
from hall_server.models import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
