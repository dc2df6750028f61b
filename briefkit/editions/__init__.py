"""Release editions: one source, one site per audience (issue 13)."""
