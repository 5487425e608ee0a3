from tests.hall_server.conftest import hall, hall_db, pg_cluster  # noqa: F401  (same fixtures)
