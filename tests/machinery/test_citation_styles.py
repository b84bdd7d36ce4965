"""Each paper's page offers its reference in the citation styles of mkdocs.yml's extra.citation_styles.

The fixture project is built once with the site's own setting (the five styles)
and a hostile title; the APA and IEEE strings of a paper of each kind it holds
are written out here, as the style guides ask for them, and those of papers it
lacks (a poster, a patent) are rendered from their CSL items without a build.
Other settings get a build each, and the renderer itself is tested without a
build: a style that fails, the cache, what citeproc-py reads otherwise than CSL.
"""

from __future__ import annotations

import importlib
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from citeproc.model import CitationStylesElement
from citeproc.source import CitationItem
from site_helpers import (
    ROOT,
    attribute,
    build_site,
    edit_data,
    fixture_project,
    load_data,
    load_mkdocs_config,
    loaded,
    one,
    publication,
    read_page,
    run_mkdocs,
    set_extra,
)

from macros.outputs.citations import citation_styles, citeproc_rendering, references_ahead, style_lookups
from macros.outputs.citations.citation_styles import CitationStyles
from macros.outputs.citations.csl_json import OTHERS, csl_item, csl_name
from macros.settings import load_settings

# Markup of every language a title passes through: HTML, Jinja, BibTeX and LaTeX, and CSL-JSON's own.
HOSTILE_TITLE = 'Hostile <b>Bold</b> {Braces} \\Back\\Slash {{ 6 * 7 }} {% raw %} <script>alert(1)</script> &amp; <span class="nocase">Kept</span>'
HOSTILE_PAPER = "early-workshop"
# Checked by hand against the APA Publication Manual (7th ed.) and the IEEE Reference Guide (2023), for what
# a style can take from the data: APA: "Surname, I.", a comma and "&" before the last author, (year), the
# proceedings as a periodical with its page range (en dash), the DOI as an https://doi.org/ address or the
# URL, with no period after it. IEEE: "I. Surname", "and" (after a comma from three authors on), the title in
# double quotes with its comma inside, "in" the proceedings, year, "pp." and an en dash, "doi: ..." with a
# period, else "[Online]. Available:" and the URL. The titles keep the data's capitals: no CSL style can
# know which words of a title are names, so the sentence case both guides ask for is the data's to give.
# Each kind names its venue once: a talk is APA's "[Talk]. Meeting", IEEE's "presented at the" meeting; a
# preprint is APA's "(arXiv:id). arXiv." (IEEE's style joins server and id as "arXiv: arXiv:id", as it does
# for Zotero's items); a thesis "[PhD thesis, University]" and "PhD thesis, University"; a chapter's editors
# APA's "(Eds.)", IEEE's "Eds.". A list that names only some authors ends in "et al." (IEEE's form for a long
# list; APA lists every author and has no form for a list it does not know the rest of, so the style's et-al
# term stands in, with the comma its style puts before it only after two names or more).
SITE = "https://fixture.example.org/publications"
EXPECTED = {
    ("widgetgit", "apa"): (
        "Fixture, R., Sample, C., & Placeholder, A. (2024). WidgetGit: Versioning Widgets at Scale. "
        "WSYS 2024 (Proceedings of the Widget Systems Conference), 101–115. https://fixture.example.org/publications/widgetgit/"
    ),
    ("widgetgit", "ieee"): (
        "R. Fixture, C. Sample, and A. Placeholder, “WidgetGit: Versioning Widgets at Scale,” in WSYS 2024 "
        "(Proceedings of the Widget Systems Conference), 2024, pp. 101–115. [Online]. Available: https://fixture.example.org/publications/widgetgit/"
    ),
    ("gadget-serving", "apa"): "Tester, D., & Fixture, R. (2020). Serving Gadgets like Clockwork. GSDI 2020. https://doi.org/10.5555/0000001",
    ("gadget-serving", "ieee"): "D. Tester and R. Fixture, “Serving Gadgets like Clockwork,” in GSDI 2020, 2020. doi: 10.5555/0000001.",
    ("widget-talk", "apa"): f"Fixture, R. (2019, October). Why Widgets Break [Talk]. WidgetConf 2019. {SITE}/widget-talk/",
    ("widget-talk", "ieee"): (
        f"R. Fixture, “Why Widgets Break,” presented at the WidgetConf 2019, Oct. 2019. [Online]. Available: {SITE}/widget-talk/"
    ),
    ("gadget-preprint", "apa"): f"Mock, E., & Fixture, R. (2025). Gadgets Are All You Need (arXiv:2501.00003). arXiv. {SITE}/gadget-preprint/",
    ("gadget-preprint", "ieee"): (
        f"E. Mock and R. Fixture, “Gadgets Are All You Need,” 2025, arXiv: arXiv:2501.00003. [Online]. Available: {SITE}/gadget-preprint/"
    ),
    ("widget-thesis", "apa"): (
        f"Fixture, R. (2026). Widgets All the Way Down: A Dissertation [PhD thesis, Example University (fictional)]. {SITE}/widget-thesis/"
    ),
    ("widget-thesis", "ieee"): (
        "R. Fixture, “Widgets All the Way Down: A Dissertation,” PhD thesis, Example University (fictional), 2026. "
        f"[Online]. Available: {SITE}/widget-thesis/"
    ),
    ("widget-handbook", "apa"): (
        "Sample, C., Mock, E., & Fixture, R. (2023). Widgets in Practice. In A. Placeholder, B. Example, & D. Tester (Eds.), "
        f"The Handbook of Widgets (Vol. 2, pp. 45–67). Fictional Academic Press. {SITE}/widget-handbook/"
    ),
    ("widget-handbook", "ieee"): (
        "C. Sample, E. Mock, and R. Fixture, “Widgets in Practice,” in The Handbook of Widgets, vol. 2, A. Placeholder, B. Example, "
        f"and D. Tester, Eds., Testville: Fictional Academic Press, 2023, pp. 45–67. [Online]. Available: {SITE}/widget-handbook/"
    ),
    ("big-benchmark", "apa"): "Fixture, R. et al. (2026). A Big Benchmark of Hard Questions. Imaginary Journal. https://doi.org/10.5555/0000002",
    ("big-benchmark", "ieee"): "R. Fixture et al., “A Big Benchmark of Hard Questions,” Imaginary Journal, 2026, doi: 10.5555/0000002.",
}
# The same for papers the fixture lacks, from their CSL items. A poster as a talk. A patent reads once, as its
# office and number (APA: "(US Patent No. 11,000,001)", the office as the data writes it); IEEE's style prints
# the number alone, where its guide writes "U.S. Patent 11,000,001", and no period before "[Online]".
PAPERS: dict[str, dict[str, Any]] = {
    "widget-poster": {
        "title": "Widgets on a Wall", "authors": ["Rowan Fixture"], "venue": "WSYS", "venue_full": "WSYS 2024 Posters",
        "type": "poster", "year": 2024,
    },
    "widget-patent": {
        "title": "Method for Folding Widgets", "authors": ["Rowan Fixture", "Eve Mock"], "venue": "US Patent 11,000,001",
        "type": "patent", "year": 2024,
    },
    "placed-talk": {
        "title": "Why Widgets Break", "authors": ["Rowan Fixture"], "venue": "WidgetConf", "venue_full": "WidgetConf 2019",
        "type": "talk", "year": 2019, "month": 10, "address": "Testville",
    },
    "big-benchmark-3": {
        "title": "A Big Benchmark of Hard Questions", "authors": ["Rowan Fixture", "Cy Sample", "Ada Placeholder"],
        "authors_abridged": True, "venue": "Imaginary", "venue_full": "Imaginary Journal", "type": "journal", "year": 2026,
        "links": {"doi": "10.5555/0000002"},
    },
}  # fmt: skip
EXPECTED_WITHOUT_A_BUILD = {
    ("widget-poster", "apa"): f"Fixture, R. (2024). Widgets on a Wall [Poster]. WSYS 2024 Posters. {SITE}/widget-poster/",
    (
        "widget-poster",
        "ieee",
    ): f"R. Fixture, “Widgets on a Wall,” presented at the WSYS 2024 Posters, 2024. [Online]. Available: {SITE}/widget-poster/",
    ("widget-patent", "apa"): f"Fixture, R., & Mock, E. (2024). Method for Folding Widgets (US Patent No. 11,000,001). {SITE}/widget-patent/",
    ("widget-patent", "ieee"): f"R. Fixture and E. Mock, “Method for Folding Widgets,” 11,000,001, 2024 [Online]. Available: {SITE}/widget-patent/",
    ("placed-talk", "apa"): f"Fixture, R. (2019, October). Why Widgets Break [Talk]. WidgetConf 2019, Testville. {SITE}/placed-talk/",
    ("placed-talk", "ieee"): (
        f"R. Fixture, “Why Widgets Break,” presented at the WidgetConf 2019, Testville, Oct. 2019. [Online]. Available: {SITE}/placed-talk/"
    ),
    ("big-benchmark-3", "apa"): (
        "Fixture, R., Sample, C., Placeholder, A., et al. (2026). A Big Benchmark of Hard Questions. Imaginary Journal. https://doi.org/10.5555/0000002"
    ),
    ("big-benchmark-3", "ieee"): (
        "R. Fixture, C. Sample, A. Placeholder, et al., “A Big Benchmark of Hard Questions,” Imaginary Journal, 2026, doi: 10.5555/0000002."
    ),
}
# What a site offers when mkdocs.yml does not say, and each style's label, stated here on their own.
DEFAULT_STYLES = ["apa", "ieee", "association-for-computing-machinery", "chicago-author-date", "harvard-cite-them-right"]
LABELS = {
    "apa": "APA",
    "ieee": "IEEE",
    "association-for-computing-machinery": "ACM",
    "chicago-author-date": "Chicago (author-date)",
    "harvard-cite-them-right": "Harvard",
}
UNKNOWN_STYLE_LINE = (
    "mkdocs.yml: extra.citation_styles: unknown style id 'mla'; known ids: "
    "apa, ieee, association-for-computing-machinery, chicago-author-date, harvard-cite-them-right"
)


def set_styles(project: Path, styles: list[str]) -> None:
    """Give the fixture project's mkdocs.yml its own extra.citation_styles."""
    set_extra(project, {"citation_styles": styles})


@pytest.fixture(scope="module")
def cited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the site's citation styles and one hostile title, built."""
    project = fixture_project(tmp_path_factory.mktemp("cited") / "project")
    edit_data(project, "publications", lambda data: publication(data, HOSTILE_PAPER).update(title=HOSTILE_TITLE))
    return build_site(project, project / "site")


def blocks(site: Path, key: str) -> dict[str, Tag]:
    """The citation blocks of a paper's page, by style id, in the page's order."""
    page = read_page(site, f"publications/{key}")
    return {attribute(block, "data-citation-style"): block for block in page.select(".pf-citations .pf-citation")}


def reference(block: Tag) -> str:
    return one(block, ".pf-citation__text").get_text()


def configured(project: Path) -> list[str]:
    return load_mkdocs_config(project).get("extra", {}).get("citation_styles", DEFAULT_STYLES)


def test_apa_and_ieee_references_are_written_as_the_style_guides_ask(cited: Path) -> None:
    for (key, style), expected in EXPECTED.items():
        assert reference(blocks(cited, key)[style]) == expected, (key, style)


def paper(key: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A paper as the site's data loader gives it: every field the schema knows, at its default where not given."""
    schema = json.loads((ROOT / "data" / "schemas" / "publications.schema.json").read_text(encoding="utf-8"))
    return {**{name: field.get("default") for name, field in schema["items"]["properties"].items()}, "key": key, **fields}


def test_a_poster_a_patent_a_placed_talk_and_a_partial_author_list_are_written_as_the_style_guides_ask() -> None:
    renderer = CitationStyles(("apa", "ieee"), None)
    for key, fields in PAPERS.items():
        found = {found.style: found.text for found in renderer.references(csl_item(paper(key, fields), "https://fixture.example.org/"), key)}
        assert found == {style: EXPECTED_WITHOUT_A_BUILD[(key, style)] for style in ("apa", "ieee")}, key


@pytest.mark.parametrize(
    ("key", "named"), [("widget-talk", "WidgetConf 2019"), ("widget-poster", "WSYS 2024"), ("widget-patent", "Patent"), ("gadget-preprint", "arXiv")]
)
def test_no_style_names_a_venue_twice_or_a_preprint_server_as_its_container(key: str, named: str) -> None:
    fixture = {pub["key"]: pub for pub in load_data(ROOT / "tests" / "fixtures" / "project", "publications")}
    pub = paper(key, fixture.get(key) or PAPERS[key])
    for found in CitationStyles(tuple(DEFAULT_STYLES), None).references(csl_item(pub, "https://fixture.example.org/"), key):
        # The arXiv id ("arXiv:2501.00003") and a DOI's "arXiv." are no venue.
        text = re.sub(r"arXiv[:.]\d", "", found.text)
        assert text.count(named) <= 1 and "In arXiv" not in text, (found.style, found.text)


def test_citeproc_py_prints_neither_lowercase_eds_nor_a_bare_publication_label_nor_a_plural_for_one_number() -> None:
    renderer = CitationStyles(("apa",), None)
    chapter = item(
        type="chapter", editor=[{"family": "Placeholder", "given": "Ada"}, {"family": "Example", "given": "Bo"}], **{"container-title": "B"}
    )
    thesis = item(type="thesis", genre="PhD thesis", publisher="Example University")
    patent = item(type="patent", authority="US", number="11,000,001")
    texts = [renderer.references(found, "x")[0].text for found in (chapter, thesis, patent)]
    assert "In A. Placeholder & B. Example (Eds.), B." in texts[0], texts[0]
    assert "A Title [PhD thesis]. Example University." in texts[1], texts[1]
    assert "A Title (US Patent No. 11,000,001)." in texts[2], texts[2]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Rowan Fixture", {"family": "Fixture", "given": "Rowan"}),
        ("Fixture, Rowan", {"family": "Fixture", "given": "Rowan"}),
        ("Rafael da Silva", {"family": "Silva", "given": "Rafael", "non-dropping-particle": "da"}),
        ("da Silva, Rafael", {"family": "Silva", "given": "Rafael", "non-dropping-particle": "da"}),
        ("Martin Luther King, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("Plato", {"literal": "Plato"}),
        ("Widget Consortium and Friends", {"literal": "Widget Consortium and Friends"}),
        ("The Widget Collaboration", {"literal": "The Widget Collaboration"}),
        ("Widgets & Gadgets", {"literal": "Widgets & Gadgets"}),
    ],
)
def test_a_name_is_split_where_it_is_a_persons_and_kept_whole_where_it_is_a_groups(name: str, parts: dict[str, str]) -> None:
    assert csl_name(name) == parts


def test_every_paper_page_offers_every_configured_style_in_a_copyable_code_block(cited: Path) -> None:
    styles = configured(cited.parent)
    assert styles == DEFAULT_STYLES, "the site's mkdocs.yml offers the five styles"
    for pub in load_data(cited.parent, "publications"):
        found = blocks(cited, pub["key"])
        assert list(found) == styles, pub["key"]
        for style, block in found.items():
            # Each reference under its style's name, in a code block (Material adds its copy button) that its
            # landmark is named after.
            assert one(block, "figcaption").get_text() == LABELS[style]
            assert block["data-copy-name"] == f"{LABELS[style]} reference"
            assert len(block.select(".highlight > pre > code.pf-citation__text")) == 1, block
            text = reference(block)
            assert text == " ".join(text.split()) and text, (pub["key"], style, text)
            assert pub["authors"][0].split()[-1] in text, (pub["key"], style, text)


def test_the_references_come_after_the_bibtex_and_emphasize_no_one(cited: Path) -> None:
    owner = load_data(cited.parent, "profile")["name"]
    for pub in load_data(cited.parent, "publications"):
        page = read_page(cited, f"publications/{pub['key']}")
        section = one(page, ".pf-citations")
        assert section.find_previous_sibling(class_="language-bibtex") is not None, pub["key"]
        assert not section.select("strong, em, b, i, mark"), pub["key"]
        family = owner.split()[-1]
        assert all(family in reference(block) for block in section.select(".pf-citation")), pub["key"]


def test_a_hostile_title_shows_as_the_text_it_is(cited: Path) -> None:
    page = read_page(cited, f"publications/{HOSTILE_PAPER}")
    section = one(page, ".pf-citations")
    assert not section.select("script, b, span.nocase"), section
    found = blocks(cited, HOSTILE_PAPER)
    for style in ("apa", "ieee", "association-for-computing-machinery", "harvard-cite-them-right"):
        assert HOSTILE_TITLE in reference(found[style]), style
    # Chicago sets a title in title case, which changes no word of this one but "raw" and "class".
    assert reference(found["chicago-author-date"]).count("{{ 6 * 7 }}") == 1
    html = (cited / "publications" / HOSTILE_PAPER / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html.split('<div class="pf-citations"', 1)[1]


def test_a_site_that_offers_apa_alone_shows_apa_alone(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    set_styles(project, ["apa"])
    site = build_site(project, project / "site")
    for pub in load_data(project, "publications"):
        assert list(blocks(site, pub["key"])) == ["apa"], pub["key"]
    assert reference(blocks(site, "widgetgit")["apa"]) == EXPECTED[("widgetgit", "apa")]


@pytest.mark.parametrize("strict", [["--strict"], []], ids=["strict", "not strict"])
def test_an_unknown_style_id_fails_the_build_with_one_line_naming_the_setting_and_the_known_ids(tmp_path: Path, strict: list[str]) -> None:
    project = fixture_project(tmp_path / "project")
    set_styles(project, ["apa", "mla"])
    result = run_mkdocs(project, "build", *strict)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith(("ERROR", "WARNING"))]
    assert errors == [f"ERROR   -  {UNKNOWN_STYLE_LINE}"], output


@pytest.mark.parametrize(
    ("setting", "styles"),
    [
        ({}, tuple(DEFAULT_STYLES)),
        ({"citation_styles": []}, ()),
        ({"citation_styles": ["ieee", "apa", "ieee"]}, ("ieee", "apa")),
    ],
)
def test_the_setting_gives_the_styles_in_its_order(setting: dict[str, Any], styles: tuple[str, ...]) -> None:
    assert load_settings(setting, None)["citation_styles"] == styles


@pytest.mark.parametrize("value", ["apa", None, [1], {"apa": True}])
def test_a_setting_that_is_no_list_of_ids_is_one_line_naming_it(value: Any) -> None:
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError) as raised:
        load_settings({"citation_styles": value}, None)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("mkdocs.yml: extra.citation_styles: expected a list of style ids"), message
    assert message.endswith("known ids: " + ", ".join(DEFAULT_STYLES)), message


def item(**fields: Any) -> dict[str, Any]:
    return {
        "id": "x",
        "type": "paper-conference",
        "title": "A Title",
        "author": [{"family": "Fixture", "given": "Rowan"}],
        "issued": {"date-parts": [[2024]]},
        **fields,
    }


def test_a_style_that_cannot_render_a_paper_is_one_error_line_naming_style_and_paper(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rendering = loaded(citeproc_rendering)
    real = rendering.render

    def failing(style: Any, readable: dict[str, Any]) -> str:
        if style is renderer._parsed_styles().style("ieee"):
            raise KeyError("citeproc-py\nlost its way")
        return real(style, readable)

    renderer = CitationStyles(("apa", "ieee"), None)
    monkeypatch.setattr(rendering, "render", failing)
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.macros.portfolio"):
        found = renderer.references(item(), "widgetgit")
    assert [found.style for found in found] == ["apa"]
    assert [record.getMessage() for record in caplog.records] == [
        "citation style 'ieee': cannot render the paper 'widgetgit' of data/publications.yml (KeyError: 'citeproc-py\\nlost its way')"
    ]


def test_fields_citeproc_py_cannot_read_are_left_out_without_a_warning(recwarn: pytest.WarningsRecorder) -> None:
    renderer = CitationStyles(tuple(DEFAULT_STYLES), None)
    talk = item(type="speech", **{"event-title": "WidgetConf 2019", "custom": {"pdf": "https://example.org/a.pdf"}, "genre": "Talk"})
    texts = [found.text for found in renderer.references(talk, "widget-talk")]
    assert len(texts) == len(DEFAULT_STYLES)
    assert all("WidgetConf 2019" in text for text in texts), texts
    assert not [str(warning.message) for warning in recwarn], "citeproc-py warned"


def test_names_in_scripts_without_initials_are_written_whole() -> None:
    renderer = CitationStyles(("apa", "ieee"), None)
    texts = [
        found.text for found in renderer.references(item(author=[{"given": "王", "family": "伟"}, {"given": "Rowan", "family": "Fixture"}]), "x")
    ]
    assert texts[0].startswith("王 伟, & Fixture, R. (2024)."), texts
    assert texts[1].startswith("王 伟 and R. Fixture, “A Title,”"), texts


@pytest.mark.parametrize(
    ("title", "apa", "ieee"),
    [
        ("Why Not?", "Why Not? V.", "“Why Not?” in V,"),
        ("Wait... What!", "Wait... What! V.", "“Wait... What!” in V,"),
        ("Widgets Inc.", "Widgets Inc. V.", "“Widgets Inc.,” in V,"),
    ],
)
def test_a_title_ending_in_punctuation_gets_no_second_mark(title: str, apa: str, ieee: str) -> None:
    renderer = CitationStyles(("apa", "ieee"), None)
    apa_text, ieee_text = (found.text for found in renderer.references(item(title=title, **{"container-title": "V"}), "x"))
    assert apa in apa_text and ieee in ieee_text, (apa_text, ieee_text)


def test_rendering_is_deterministic_and_a_rebuild_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paper = item(DOI="10.5555/0000001", **{"container-title": "GSDI 2020"})
    first = CitationStyles(tuple(DEFAULT_STYLES), tmp_path).references(paper, "gadget-serving")
    assert first == CitationStyles(tuple(DEFAULT_STYLES), None).references(paper, "gadget-serving")
    [cached] = list((tmp_path / ".cache" / "citations").glob("*.json"))

    def not_again(*args: Any) -> str:
        raise AssertionError("rendered again instead of read from the cache")

    monkeypatch.setattr(loaded(citeproc_rendering), "render", not_again)
    assert CitationStyles(tuple(DEFAULT_STYLES), tmp_path).references(paper, "gadget-serving") == first
    # Another paper, or the same one in other styles, is another entry.
    monkeypatch.undo()
    CitationStyles(("apa",), tmp_path).references(paper, "gadget-serving")
    assert len(list(cached.parent.glob("*.json"))) == 2
    assert not re.search(r"\.partial-", " ".join(path.name for path in cached.parent.iterdir()))


def test_remembered_style_lookups_render_the_same_text_as_citeproc_pys_own(monkeypatch: pytest.MonkeyPatch) -> None:
    project = ROOT / "tests" / "fixtures" / "project"
    papers = [paper(pub["key"], pub) for pub in load_data(project, "publications")] + [paper(key, fields) for key, fields in PAPERS.items()]
    items = [csl_item(pub, "https://fixture.example.org/") for pub in papers]
    items.append(item(title=HOSTILE_TITLE, author=[{"family": f"Fixture{n}", "given": "Rowan"} for n in range(9)] + [OTHERS]))

    def texts(renderer: CitationStyles) -> list[list[str]]:
        # Twice each: the second rendering reads what the first one remembered.
        return [[found.text for found in renderer.references(csl, str(n))] for n, csl in enumerate(items + items)]

    remembered = texts(CitationStyles(tuple(DEFAULT_STYLES), None))
    lookups = loaded(style_lookups)
    assert CitationStylesElement.xpath_search is lookups.remembered_xpath_search
    monkeypatch.setattr(CitationStylesElement, "xpath_search", lookups.evaluate)
    for element_class, asks in lookups.ASKS_CALLS_VARIABLE.items():
        assert element_class.calls_variable.__wrapped__ is asks
        monkeypatch.setattr(element_class, "calls_variable", asks)
    assert CitationItem.reference.fget is lookups.remembered_reference
    monkeypatch.setattr(CitationItem, "reference", property(lookups.finds_reference))
    monkeypatch.setattr(loaded(citeproc_rendering), "remember_style_lookups", lambda: None)
    assert texts(CitationStyles(tuple(DEFAULT_STYLES), None)) == remembered
    assert all(len(references) == len(DEFAULT_STYLES) for references in remembered)


def test_each_build_of_a_long_preview_remembers_citeproc_pys_answers_without_wrapping_the_last_builds() -> None:
    # `make serve` imports the package afresh for each build (macros/hooks/package_reload.py), while citeproc-py
    # stays loaded: a remembering method that wrapped the last one's would nest deeper with every save.
    for _ in range(3):
        lookups = importlib.reload(loaded(style_lookups))
        lookups.remember_style_lookups()
    methods = [
        CitationStylesElement.xpath_search,
        *(element_class.calls_variable for element_class in lookups.ASKS_CALLS_VARIABLE),
        CitationItem.reference.fget,
    ]
    assert all(method.__wrapped__.__module__.startswith("citeproc.") for method in methods)


def test_references_rendered_ahead_by_a_second_process_are_read_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The second process is handed its function by name, so it must be the one Python holds now.
    styles, rendering, ahead = loaded(citation_styles), loaded(citeproc_rendering), loaded(references_ahead)
    papers = [(item(title=f"Widget Study {n}", **{"container-title": f"WidgetConf {2020 + n}"}), f"widget-{n}") for n in range(4)]
    assert styles.CitationStyles(tuple(DEFAULT_STYLES), tmp_path).render_ahead(papers) is None, "20 renders started a process"
    monkeypatch.setattr(ahead, "MIN_RENDERS", 1)
    process = styles.CitationStyles(tuple(DEFAULT_STYLES), tmp_path).render_ahead(papers)
    assert process is not None
    process.join(timeout=120)
    assert process.exitcode == 0
    expected = [styles.CitationStyles(tuple(DEFAULT_STYLES), None).references(csl, key) for csl, key in papers]

    def not_again(*args: Any) -> str:
        raise AssertionError("rendered again instead of read from what the second process kept")

    monkeypatch.setattr(rendering, "render", not_again)
    renderer = styles.CitationStyles(tuple(DEFAULT_STYLES), tmp_path)
    assert [renderer.references(csl, key) for csl, key in papers] == expected
    assert renderer.render_ahead(papers) is None, "a process was started for papers the cache holds"
