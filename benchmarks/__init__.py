"""Scripts that print figures (not part of the test run); see the README for the commands."""
