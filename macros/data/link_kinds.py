"""Every kind of link a publication may have (`links` in data/schemas/publications.schema.json).

In the order the chips and the PDF CV show them: (kind, label, address). The
address is empty for a kind whose value is an address already, and the start
of the address for an identifier (arXiv, DOI). Each kind's icon is ICONS[kind]
in macros/render/icons.py.
"""

from __future__ import annotations

PUBLICATION_LINKS: tuple[tuple[str, str, str], ...] = (
    ("paper", "Paper", ""),
    ("pdf", "PDF", ""),
    ("code", "Code", ""),
    ("video", "Talk", ""),
    ("slides", "Slides", ""),
    ("poster", "Poster", ""),
    ("data", "Data", ""),
    ("website", "Website", ""),
    ("blog", "Blog", ""),
    ("arxiv", "arXiv", "https://arxiv.org/abs/"),
    ("doi", "DOI", "https://doi.org/"),
)
