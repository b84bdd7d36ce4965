"""Importing BibTeX into data/publications.yml (`python -m scripts.bib_import`, `make import-bib`).

reading.py parses the .bib file, entries.py turns each entry into a
publication of our schema, venues.py finds a venue's short badge,
duplicates.py and comparing.py tell a paper already in the data, importing.py
plans the whole import, publications_file.py makes the bytes to append and
checks them as the build would, and safe_write.py replaces the file under a
lock without touching a byte of what it already holds. problems.py and
os_errors.py word every refusal as one line.
"""
