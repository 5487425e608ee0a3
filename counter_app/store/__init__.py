"""The local SQLite cache: models, migrations, and one façade per aggregate."""
