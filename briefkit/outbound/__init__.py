"""Briefs leaving the site by other routes: STIX 2.1 bundles (:mod:`.stix`) and email digests (:mod:`.digest`)."""
