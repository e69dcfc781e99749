"""claimcheck's scale-and-accuracy benchmark: a seeded claim-set generator with a gold
list of injected discrepancies, a scorer, and a runner (`python -m bench`)."""
