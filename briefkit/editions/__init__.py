"""Release editions (issue 13): one source, one site per audience, with tearlines and portion marks (docs/editions.md)."""
