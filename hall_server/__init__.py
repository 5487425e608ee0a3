"""Central hall server (issue 3)."""
