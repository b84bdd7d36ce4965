"""Every paper page of the owner's site offers its reference in each citation style mkdocs.yml asks for.

Expectations come from data/publications.yml and mkdocs.yml (extra.citation_styles, or
the five default styles when it is absent) at run time; a site without papers has no
paper page to check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import ROOT, load_data, load_mkdocs_config, read_page

# What a site offers when mkdocs.yml does not say, stated here on its own.
DEFAULT_STYLES = ["apa", "ieee", "association-for-computing-machinery", "chicago-author-date", "harvard-cite-them-right"]


def words(text: str) -> str:
    """Text with its whitespace made single spaces, in lower case: Chicago, for one, sets a title in title case."""
    return " ".join(text.split()).casefold()


def test_every_paper_page_shows_one_block_per_style_with_the_title_and_the_first_authors_family_name(built_site: Path) -> None:
    papers = load_data(ROOT, "publications")
    if not papers:
        pytest.skip("data/publications.yml has no papers, so the site has no paper page to check")
    styles = (load_mkdocs_config(ROOT).get("extra") or {}).get("citation_styles", DEFAULT_STYLES)
    for pub in papers:
        page = read_page(built_site, f"publications/{pub['key']}")
        found = [block["data-citation-style"] for block in page.select(".pf-citation")]
        assert found == styles, pub["key"]
        for block in page.select(".pf-citation"):
            code = block.select(".pf-citation__text")
            assert len(code) == 1, (pub["key"], block["data-citation-style"])
            text = words(code[0].get_text())
            assert words(pub["title"]) in text, (pub["key"], block["data-citation-style"], text)
            # The family name is a name's last word (csl_json.csl_name), as the CSL-JSON export writes it.
            assert pub["authors"][0].split()[-1].casefold() in text, (pub["key"], block["data-citation-style"], text)
