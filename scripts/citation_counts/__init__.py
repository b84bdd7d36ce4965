"""Citation counts from OpenAlex into data/citations.yml (`make citations`, run as `python -m scripts.citation_counts`).

The data travels through the modules in this order: papers.py reads the
papers of data/publications.yml and contact.py the address OpenAlex may
write to; lookup.py asks openalex.py (the HTTP client, paced by pacing.py)
for each paper's work, by DOI in batches, else by title, and matching.py
decides which work is the paper; merging.py sets what is found against the
counts already in data/citations.yml, never losing one, and computes the
totals; citations_file.py reads and writes that file. outcomes.py holds
what a look-up found, yaml_files.py reads YAML with lines for messages and
problems.py words what stops the command. The write itself is the
importer's (scripts/bib_import/safe_write.py): the same lock on data/, so an
import and a citations run never interleave.
"""
