"""The Qt window client. Imports services and printing; nothing imports it."""
