"""Under `make serve` with broken data, every address the site has answers with the problems, not with a 404.

The hook generated_files.py adds these in place of the paper pages, the
citation exports (publications.bib, .json and .ris, each paper's .bib and
.ris) and feed.xml, which cannot be made from broken data, along with
robots.txt and the favicon, which need none. Each paper page is an
ordinary page, so on_pre_page_macros fills it with the problems like every
other page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..data.errors import DataErrors
from .site_outputs import FAVICON, favicon_svg, robots_txt

HEADING = "The site's data has an error"
NO_DATE = "1970-01-01T00:00:00Z"
# Read line by line, so the keys are found even when the file is not valid YAML.
_KEY_LINE = re.compile(r"""^\s*-?\s*key:\s*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*(?:#.*)?$""", flags=re.M)


def publication_keys(publications_file: Path) -> list[str]:
    try:
        return _KEY_LINE.findall(publications_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return []


class ErrorOutputs:
    """Stands in for SiteOutputs.generated_files while the data is broken."""

    def __init__(self, errors: DataErrors, publications_file: Path, environment: Environment) -> None:
        self.errors = errors
        self.publications_file = publications_file
        self.environment = environment

    def generated_files(self, site_url: str, site_name: str, pages: list[Any]) -> dict[str, str]:
        """Path under docs/ -> content, for every generated address of the site (the pages do not matter here)."""
        errors = self.errors
        problems = [HEADING, str(errors), *errors.lines(), *errors.notes]
        # BibTeX skips lines that start with %; RIS readers skip lines without a tag.
        bibtex = "".join(f"% {line}\n" for line in problems)
        ris = "".join(f"{line}\n" for line in problems)
        files = {"publications.bib": bibtex, "publications.ris": ris}
        # CSL-JSON has no comments: the problems travel as a JSON object, which no reader takes for papers.
        files["publications.json"] = json.dumps({"error": HEADING, "problems": problems[1:]}, ensure_ascii=False, indent=2)
        for key in publication_keys(self.publications_file):
            files |= {f"publications/{key}.md": f"# {HEADING}\n", f"publications/{key}.bib": bibtex, f"publications/{key}.ris": ris}
        html = self.environment.get_template("data_error.html").render(lines=errors.lines(), notes=errors.notes, summary=str(errors))
        entry = {"id": f"{site_url}#data-error", "title": HEADING, "updated": NO_DATE, "link": site_url, "html": html}
        files["feed.xml"] = self.environment.get_template("feed.xml").render(
            feed_id=f"{site_url}feed.xml#data-error",
            title=f"{site_name}: {HEADING}",
            subtitle=str(errors),
            updated=NO_DATE,
            site_url=site_url,
            page_url=site_url,
            author=site_name,
            entries=[entry],
        )
        # Files that need no data, so the browser's favicon request and robots.txt do not fail either.
        files["robots.txt"] = robots_txt(site_url)
        files[FAVICON] = favicon_svg(self.environment, site_name)
        return files
