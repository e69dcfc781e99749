"""Triage: the fact-checker's verdicts on a Report.

review reads and writes the review file and applies it to a Report, walk asks for verdicts in the
terminal (or takes one from --set), export turns confirmed errors into ClaimReview JSON-LD.
"""
