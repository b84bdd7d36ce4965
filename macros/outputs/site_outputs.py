"""Everything the build writes besides the hand-written pages, and what goes into each page's head.

define_env makes one SiteOutputs per build, in the build's SiteBuild; the hooks
generated_files.py, page_head.py, cv_pdf_file.py and social_card_files.py ask
it for their part, so data is still loaded once per build.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from ..data.site_data import SiteData
from ..shared.inline_markdown import html_safe_from_jinja
from ..shared.people import monogram
from .citations.bibtex import bibtex_entry, bibtex_file
from .citations.csl_json import csl_item
from .citations.ris import ris_file, ris_record
from .feed import atom_feed
from .kept_generated_files import kept_generated_files
from .structured_data import article_json_ld, citation_tags, person_json_ld
from .typeset.cv_pdf import CvLayout, CvPdf, cv_pdf
from .typeset.site_palette import site_colours
from .typeset.social_cards import SocialCards, card_content

FAVICON = "assets/images/favicon.svg"  # theme.favicon in macros/machinery.yml
DESCRIPTION_LENGTH = 160
# libyaml's writer where PyYAML was built with it: the same text, ten times faster (a third of a second at 100x).
_FrontMatterDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PAPER_PAGE_BODY = (
    "{{ publication_page(page.meta.publication) }}\n"
    "\n"
    "## Cite { #cite data-search-exclude }\n"
    "\n"
    "The BibTeX entry for this paper, to download as [BibTeX]({{ page.meta.publication }}.bib){ download } or"
    " [RIS]({{ page.meta.publication }}.ris){ download } for a reference manager; [publications.bib](../publications.bib) has them all.\n"
    "\n"
    "{{ bibtex(page.meta.publication) }}\n"
    "\n"
    "{{ citations(page.meta.publication) }}\n"
)


# A call of the news macro in a page's Markdown, and its arguments.
_NEWS_CALL = re.compile(r"\{\{\s*news\(([^)]*)\)")


def news_page(pages: list[Any]) -> str:
    """Where the feed's entries lead: the first page that lists every news item (no limit, no area), the home page else."""
    listing = [page for page in pages if any("limit" not in args and "area" not in args for args in _NEWS_CALL.findall(page.content_string))]
    full = [page for page in listing if page.src_uri != "index.md"] or listing
    return full[0].url.removeprefix("./") if full else ""


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def favicon_svg(environment: Environment, name: str) -> str:
    return environment.get_template("favicon.svg").render(monogram=monogram(name))


class SiteOutputs:
    def __init__(self, data: SiteData, environment: Environment, cv_layout: CvLayout, project_dir: Path) -> None:
        self.data = data
        self.environment = environment
        self.cv_layout = cv_layout
        self.project_dir = project_dir
        self.social_cards: SocialCards | None = None

    def generated_files(self, site_url: str, site_name: str, pages: list[Any]) -> dict[str, str | bytes]:
        """Path under docs/ -> content, for files that exist only in the build; `pages` are the Markdown pages.

        The RIS files are bytes, so their CR LF line ends reach the site as written on every system. They are
        kept from the build that made them while what they are made from is the same (kept_generated_files.py).
        """
        page = news_page(pages) if self.data.news else ""
        made_from = [site_url, site_name, page, self.data.publications, self.data.news, self.data.profile]
        return kept_generated_files(self.project_dir, made_from, lambda: self._generated_files(site_url, site_name, page))

    def _generated_files(self, site_url: str, site_name: str, news_page: str) -> dict[str, str | bytes]:
        publications = self.data.publications
        files: dict[str, str | bytes] = {f"publications/{pub['key']}.md": self._publication_page(pub) for pub in publications}
        if publications:
            files["publications.bib"] = bibtex_file(publications, site_url)
            # Keys sorted and two-space indents: the same data always gives the same bytes.
            items = [csl_item(pub, site_url) for pub in publications]
            files["publications.json"] = json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            files["publications.ris"] = ris_file(publications, site_url).encode("utf-8")
        for pub in publications:
            files[f"publications/{pub['key']}.bib"] = bibtex_entry(pub, site_url) + "\n"
            files[f"publications/{pub['key']}.ris"] = ris_record(pub, site_url).encode("utf-8")
        if self.data.news:
            files["feed.xml"] = atom_feed(self.environment, self.data.news, site_url, news_page, site_name, self.data.profile["name"])
        files["robots.txt"] = robots_txt(site_url)
        files[FAVICON] = favicon_svg(self.environment, self.data.profile["name"])
        return files

    def page_head(self, page: Any, site_url: str) -> dict[str, Any]:
        """Description, social preview, citation tags and JSON-LD for one page (raw text; templates escape)."""
        url = page.canonical_url or site_url
        pub = self._publication_of(page)
        card = self.social_cards.card_for(page.file.src_uri) if self.social_cards else None
        head: dict[str, Any] = {
            "title": self._title(page),
            "description": self.description(page),
            "url": url,
            "image": site_url + card.path if card else None,
            "image_alt": card.alt if card else None,
            "type": "article" if pub else "website",
            "citation_tags": citation_tags(pub, url) if pub else [],
            "json_ld": None,
            "feed": bool(self.data.news),
        }
        if pub:
            head["json_ld"] = article_json_ld(pub, url)
        elif page.is_homepage:
            head["json_ld"] = person_json_ld(self.data, site_url)
        return head

    def cv_pdf(self, config: MkDocsConfig) -> CvPdf:
        """The PDF CV's file name in the site, and the file that holds it once rendered."""
        return cv_pdf(self.data, config, self.cv_layout)

    def add_social_cards(self, pages: list[Any], config: MkDocsConfig) -> None:
        """A link-preview card for each page, which page_head points the page's tags at; the missing ones start rendering."""
        self.social_cards = SocialCards(Path(config.config_file_path).parent, site_colours(Path(config.docs_dir)))
        for page in pages:
            # The home page's nav title ("Home") says nothing in a link preview; the owner's name does.
            title = self.data.profile["name"] if page.is_homepage else self._title(page)
            section = page.parent.title if page.parent and page.parent.title != title else ""
            content = card_content(
                title=title,
                description=self.description(page),
                section=section,
                pub=self._publication_of(page),
                profile=self.data.profile,
                site_url=config.site_url or "",
                monogram=monogram(self.data.profile["name"]),
            )
            self.social_cards.add(page.file.src_uri, content)
        self.social_cards.render_missing()

    def social_card_files(self) -> dict[str, Path]:
        """Site path -> PNG of every card add_social_cards added, once they are rendered."""
        return self.social_cards.rendered_files() if self.social_cards else {}

    def _publication_of(self, page: Any) -> dict[str, Any] | None:
        return self.data.publications_by_key.get(page.meta.get("publication", ""))

    def _title(self, page: Any) -> str:
        """The paper's title on a paper page, else the page's title as text."""
        pub = self._publication_of(page)
        return pub["title"] if pub else Markup(page.title or "").striptags()

    def description(self, page: Any) -> str:
        """The front matter's description, else the page's first paragraph with text, cut at a word."""
        if page.meta.get("description"):
            return str(page.meta["description"])
        paragraphs = re.findall(r"<p(?:\s[^>]*)?>(.*?)</p>", page.content or "", flags=re.S)
        texts = (" ".join(html.unescape(re.sub(r"<[^>]+>", "", paragraph)).split()) for paragraph in paragraphs)
        text = next((text for text in texts if text), "")
        if len(text) <= DESCRIPTION_LENGTH:
            return text
        return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "…"

    def _publication_page(self, pub: dict[str, Any]) -> str:
        """A Markdown page per paper; its body comes from the publication_page and bibtex macros."""
        summary = pub["summary"] or f"{pub['title']}, {pub['venue_full'] or pub['venue']}, {pub['year']}."
        front_matter = {
            # Material prints the title into the page unescaped, and mkdocs-macros renders a title holding "{{".
            "title": str(html_safe_from_jinja(" ".join(pub["title"].split()))),
            "description": " ".join(summary.split()),
            "publication": pub["key"],
        }
        # The key reaches the macros through the front matter, as data: nothing from data is Jinja source.
        front_matter_text = yaml.dump(front_matter, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False)
        return f"---\n{front_matter_text}---\n\n{PAPER_PAGE_BODY}"
