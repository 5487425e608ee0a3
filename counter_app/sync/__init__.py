"""Sync with the hall server: wire format, HTTP client, push, pull, credentials, the worker."""
