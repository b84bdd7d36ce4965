"""Importing BibTeX into data/publications.yml (scripts/import_bib.py, `make import-bib`).

reading.py parses the .bib file, entries.py turns each entry into a
publication of our schema, venues.py finds a venue's short badge,
duplicates.py and comparing.py tell a paper already in the data, importing.py
plans the whole import, and publications_file.py checks the result and appends
it without touching a byte of what the file already holds.
"""
