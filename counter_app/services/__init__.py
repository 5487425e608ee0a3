"""Use cases a clerk triggers, callable without any widget."""
