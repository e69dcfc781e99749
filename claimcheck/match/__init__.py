"""Matching: who is who across sources, and which claims speak of one fact.

names compares name forms, resolve clusters every source's names into entities (with the reason
for each merge), align maps claims to entities and canonical predicates; partition is their union-find.
"""
