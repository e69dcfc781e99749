"""Reading: claim files and folders -> a ClaimSet, with every Problem at file:line:col.

yamlsafe parses YAML without its dangers, validate checks format v1, loadfast reads plain
files straight into records, load walks paths, and quotes locates each quote in its source text.
"""
