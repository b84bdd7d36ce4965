"""The short badge of a venue ("OSDI", "Findings of EMNLP", "EuroSys '25"), found in what the exporter wrote.

The venues we know are data, in venues.yml beside this file (its header says what each field means).
venue_badge tries, in order: al-folio's `abbr`; a short `series` ("EuroSys '25"); arXiv; the most
specific known venue; an acronym the venue gives itself, in parentheses or beside a year; else the
venue's own name, without "Proceedings of the", the edition, the year, the volume and the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

VENUES_FILE = Path(__file__).with_name("venues.yml")
VENUE_FIELDS = ("acronym", "names", "patterns", "kind")
VENUE_KINDS = ("workshop",)

ARXIV = re.compile(r"\barxiv\b|\bcorr\b", flags=re.I)
# A venue that says it is a workshop; entries.py types an entry the same way.
WORKSHOP = re.compile(r"\bworkshops?\b", flags=re.I)
# An acronym of two or more capitals, maybe with digits inside: "OSDI", "EuroSys", "NLP4ConvAI"; not "WSW-3".
_ACRONYM = r"[A-Z][A-Za-z&]*[A-Z](?:[A-Za-z]|\d+[A-Za-z])*"
# "(OSDI 26)", "(EuroSys '25)", "(ICML 2024)": the acronym, maybe with a year.
ACRONYM_IN_PARENTHESES = re.compile(rf"\(({_ACRONYM})(?:\s*['’]?\d{{2,4}})?\)")
# "OSDI 2026", "ICML 2024" inside a longer name, as DBLP writes it.
ACRONYM_WITH_YEAR = re.compile(rf"\b({_ACRONYM})\s+['’]?(?:19|20)?\d{{2}}\b")
# A series as the ACM writes it ("EuroSys '25"); DBLP's "Proceedings of Machine Learning Research" is no badge.
SHORT_SERIES = 16
# Book series that say who printed the proceedings, not which venue they are.
PUBLICATION_SERIES = {"pmlr", "jmlr w&cp", "lncs", "lnai", "lnbip", "ccis", "ceur", "ceur-ws", "lipics", "icps", "acm icps", "aisc", "sist"}

# What the name of an unknown venue or a workshop loses: "Proceedings of the", the edition, the year, the volume.
PROCEEDINGS_OF = re.compile(r"^\s*(?:in\s+)?(?:companion\s+)?(?:proceedings|proc\.?)\s+of\s+(?:the\s+)?", flags=re.I)
_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_ORDINAL = (
    rf"(?:(?:{_TENS})[\s-]*(?:{_UNITS})|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
    rf"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|{_UNITS})"
)
# "The Third ...", "18th ...": a word ordinal only where the name starts ("Workshop on Second Language Learning" keeps it).
LEADING_ORDINAL = re.compile(rf"^(?:the\s+)?(?:{_WORD_ORDINAL}|\d+(?:st|nd|rd|th))\b\s*", flags=re.I)
NUMBER_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", flags=re.I)
YEAR = re.compile(r"(?:\b(?:19|20)\d{2}|['’]\d{2})\b")
# Parts that say which book of the proceedings, not which venue: ": Main Volume", "(Volume 1: Long Papers)", "Part I".
_VOLUME_PART = (
    r"(?:main\s+volume|companion\s+volume|(?:long|short|long\s+and\s+short)\s+papers|volume\s+[\w.]+|vol\.?\s*[\w.]+"
    r"|part\s+[ivxlc\d]+|proceedings|revised\s+selected\s+papers)"
)
VOLUME_PART = re.compile(rf"^{_VOLUME_PART}$", flags=re.I)
VOLUME_PART_AT_END = re.compile(rf"(?:\s*[:;,\-–—]\s*|\s+){_VOLUME_PART}\s*$", flags=re.I)
# "... at ACL 2024", "..., co-located with EMNLP", "... @ NeurIPS": cut only when what follows is a known venue.
CO_LOCATED = re.compile(
    r"\s*(?:[,;:\-–—]\s*)?(?:\b(?:co-?located|held|organi[sz]ed)\s+(?:(?:jointly|together)\s+)?(?:with|at)"
    r"|\bin\s+conjunction\s+with|\bat|@)\s+",
    flags=re.I,
)
# A name that ends so may be followed by the place it was held: "Gadget Reliability Symposium, Testville".
VENUE_WORD_AT_END = re.compile(
    r"(?:\b(?:workshops?|symposium|conference|meeting|forum|congress|colloquium|summit|school|seminar|days)"
    r"|\b(?:19|20)\d{2})\s*$",
    flags=re.I,
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = re.compile(rf"\b(?:19|20)\d{{2}}\b|^{_MONTH}$|\b{_MONTH}\s+\d|\d\s+{_MONTH}")
# A US state or a country code: "CA", "NY", "USA", "UK".
REGION_CODE = re.compile(r"^(?:[A-Z]{2,3}|U\.\s?S\.(?:\s?A\.)?|U\.\s?K\.)$")
REGIONS = {
    region.casefold()
    for region in (
        "Online",
        "Virtual",
        "Virtual Event",
        "Online Event",
        "Virtual Conference",
        "Hybrid",
        "Argentina",
        "Australia",
        "Austria",
        "Belgium",
        "Brazil",
        "Bulgaria",
        "Canada",
        "Chile",
        "China",
        "Colombia",
        "Croatia",
        "Cyprus",
        "Czech Republic",
        "Czechia",
        "Denmark",
        "Dominican Republic",
        "Egypt",
        "Estonia",
        "Finland",
        "France",
        "Germany",
        "Greece",
        "Hong Kong",
        "Hungary",
        "Iceland",
        "India",
        "Indonesia",
        "Iran",
        "Ireland",
        "Israel",
        "Italy",
        "Japan",
        "Kenya",
        "Korea",
        "South Korea",
        "Republic of Korea",
        "Latvia",
        "Lithuania",
        "Luxembourg",
        "Macau",
        "Malaysia",
        "Malta",
        "Mexico",
        "Morocco",
        "Netherlands",
        "The Netherlands",
        "New Zealand",
        "Nigeria",
        "Norway",
        "Peru",
        "Philippines",
        "Poland",
        "Portugal",
        "Qatar",
        "Romania",
        "Russia",
        "Saudi Arabia",
        "Scotland",
        "Serbia",
        "Singapore",
        "Slovakia",
        "Slovenia",
        "South Africa",
        "Spain",
        "Sweden",
        "Switzerland",
        "Taiwan",
        "Thailand",
        "Tunisia",
        "Turkey",
        "Türkiye",
        "Ukraine",
        "United Arab Emirates",
        "United Kingdom",
        "United States",
        "United States of America",
        "Uruguay",
        "Vietnam",
        "Wales",
        "England",
        "Alabama",
        "Alaska",
        "Arizona",
        "Arkansas",
        "California",
        "Colorado",
        "Connecticut",
        "Delaware",
        "Florida",
        "Georgia",
        "Hawaii",
        "Idaho",
        "Illinois",
        "Indiana",
        "Iowa",
        "Kansas",
        "Kentucky",
        "Louisiana",
        "Maine",
        "Maryland",
        "Massachusetts",
        "Michigan",
        "Minnesota",
        "Mississippi",
        "Missouri",
        "Montana",
        "Nebraska",
        "Nevada",
        "New Hampshire",
        "New Jersey",
        "New Mexico",
        "New York",
        "North Carolina",
        "North Dakota",
        "Ohio",
        "Oklahoma",
        "Oregon",
        "Pennsylvania",
        "Rhode Island",
        "South Carolina",
        "South Dakota",
        "Tennessee",
        "Texas",
        "Utah",
        "Vermont",
        "Virginia",
        "Washington",
        "West Virginia",
        "Wisconsin",
        "Wyoming",
        "Alberta",
        "British Columbia",
        "Ontario",
        "Quebec",
        "Québec",
        "Nova Scotia",
    )
}
# Lowercase words a place's name may hold: "Isle of Man", "Rio de Janeiro"; never "and", which joins a name's topics.
PLACE_SMALL_WORDS = {"of", "de", "del", "la", "le", "am", "an", "upon", "sur", "en", "di", "da", "do", "el"}


class VenueTableError(Exception):
    """venues.yml is not a table of venues: a bug of ours, worded so that the line is easy to find."""


@dataclass(frozen=True)
class Venue:
    """One venue of venues.yml."""

    acronym: str
    names: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    kind: str | None = None
    # The names as _words gives them; the acronym as a word of the venue, written exactly so, if it has two
    # capitals ("Nature" is a word, not a badge to look for).
    word_names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    acronym_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "word_names", tuple(_words(name) for name in self.names))
        capitals = sum(character.isupper() for character in self.acronym)
        pattern = re.compile(rf"(?<![^\W_]){re.escape(self.acronym)}(?![^\W_])") if capitals >= 2 else None
        object.__setattr__(self, "acronym_pattern", pattern)

    @property
    def is_workshop(self) -> bool:
        return self.kind == "workshop"

    def match_length(self, venue: str, words: str) -> int:
        """How much of `venue` (spaces collapsed; `words` is it as _words gives it, between spaces) this venue's
        names, patterns or acronym cover, at most; 0 if none matches."""
        lengths = [len(name) for name in self.word_names if f" {name} " in words]
        lengths += [len(match.group(0)) for pattern in self.patterns for match in pattern.finditer(venue)]
        if self.acronym_pattern and self.acronym_pattern.search(venue):
            lengths.append(len(self.acronym))
        return max(lengths, default=0)


def _words(text: str) -> str:
    """Lowercase words, punctuation gone, '&' read as 'and': how names are compared."""
    return " ".join(re.sub(r"[\W_]+", " ", text.replace("&", " and ").casefold()).split())


@cache
def load_venues(path: Path = VENUES_FILE) -> tuple[Venue, ...]:
    """The venues of `path` (venues.yml), read once; VenueTableError names the line of anything amiss."""
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except (OSError, UnicodeDecodeError) as error:
        raise VenueTableError(f"{path}: the table of venues cannot be read ({error})") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark else shown
        raise VenueTableError(f"{where}: the table of venues is not valid YAML ({getattr(error, 'problem', error)})") from error
    if not isinstance(data, list) or not data:
        raise VenueTableError(f"{shown}: the table of venues must be a list of venues, one '- acronym: ...' entry each")
    lines = [node.start_mark.line + 1 for node in root.value] if isinstance(root, yaml.SequenceNode) else []
    venues: list[Venue] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(data, start=1):
        line = lines[number - 1] if number <= len(lines) else 0
        venue = _venue(entry, f"{shown}:{line}: venue {number}")
        if venue.acronym in seen:
            raise VenueTableError(
                f"{shown}:{line}: venue {number}: acronym '{venue.acronym}' is also venue {seen[venue.acronym]}'s; give each venue one entry"
            )
        seen[venue.acronym] = number
        venues.append(venue)
    return tuple(venues)


def _venue(entry: Any, where: str) -> Venue:
    if not isinstance(entry, dict):
        raise VenueTableError(f"{where}: a venue is a mapping with the fields {', '.join(VENUE_FIELDS)}, not {entry!r}")
    if unknown := [str(key) for key in entry if key not in VENUE_FIELDS]:
        raise VenueTableError(f"{where}: unknown field {', '.join(unknown)}; a venue has only {', '.join(VENUE_FIELDS)}")
    acronym = entry.get("acronym")
    if not isinstance(acronym, str) or not acronym.strip():
        names = entry.get("names") or entry.get("patterns") or []
        described = f" ({names[0]!r})" if isinstance(names, list) and names else ""
        raise VenueTableError(f"{where}{described}: it has no acronym; every venue needs 'acronym', the badge it gets")
    where = f"{where} ({acronym})"
    names = _texts(entry, "names", where)
    texts = _texts(entry, "patterns", where)
    if not names and not texts:
        raise VenueTableError(f"{where}: it has neither names nor patterns; give at least one name as exporters write it")
    patterns = []
    for text in texts:
        try:
            patterns.append(re.compile(text, flags=re.I))
        except re.error as error:
            raise VenueTableError(f"{where}: pattern {text!r} is not a regular expression ({error})") from error
    kind = entry.get("kind")
    if kind is not None and kind not in VENUE_KINDS:
        raise VenueTableError(f"{where}: kind {kind!r} is not one of {', '.join(VENUE_KINDS)}; leave it out for a conference or journal")
    return Venue(" ".join(acronym.split()), tuple(names), tuple(patterns), kind)


def _texts(entry: dict[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise VenueTableError(f"{where}: '{key}' must be a list of non-empty texts")
    return value


def known_venue(venue: str) -> Venue | None:
    """The most specific venue of venues.yml that `venue` names; in a workshop's name, only a workshop of the table."""
    return _best_venue(" ".join(venue.split()), workshops_only=bool(WORKSHOP.search(venue)))


def _best_venue(venue: str, workshops_only: bool) -> Venue | None:
    words = f" {_words(venue)} "
    best, longest = None, 0
    for candidate in load_venues():
        if workshops_only and not candidate.is_workshop:
            continue
        if (length := candidate.match_length(venue, words)) > longest:
            best, longest = candidate, length
    return best


def _is_main_venue(text: str) -> bool:
    """Whether `text` ("ACL 2024", "NIPS") names a conference or journal of the table, not a workshop."""
    found = _best_venue(" ".join(text.split()), workshops_only=False)
    return found is not None and not found.is_workshop


def venue_badge(venue: str, series: str | None, abbr: str | None = None) -> str:
    """al-folio's `abbr`, a short series ("EuroSys '25"), arXiv, a known venue, an acronym the venue uses, else the
    venue's own name, shortened; never empty."""
    if abbr and abbr.strip():
        return " ".join(abbr.split())
    if series and len(series.strip()) <= SHORT_SERIES and series.strip().rstrip(".").casefold() not in PUBLICATION_SERIES:
        return series.strip()
    venue = " ".join(venue.split())
    if ARXIV.search(venue):
        return "arXiv"
    if found := known_venue(venue):
        return found.acronym
    if acronym := _acronym_of(venue):
        return acronym
    return _short_name(venue)


def _acronym_of(venue: str) -> str | None:
    """The acronym the venue gives itself; a workshop's, never that of the conference it is held with ("at ACL 2024")."""
    workshop = bool(WORKSHOP.search(venue))
    for pattern in (ACRONYM_IN_PARENTHESES, ACRONYM_WITH_YEAR):
        for match in pattern.finditer(venue):
            if not (workshop and _is_main_venue(match.group(1))):
                return match.group(1)
    return None


def _short_name(venue: str) -> str:
    """The venue's own words, less what a badge beside the year does not need; never an acronym it does not use.

    'Proceedings of the 3rd Widget Safety Workshop (WSW-3), Testville, 2023' becomes 'Widget Safety Workshop';
    'Proceedings of the Workshop on Trust, Safety and Security' keeps its comma.
    """
    name = re.sub(r"\([^()]*\)", " ", venue)
    name = _without_place_and_date(name)
    name = _without_host(name)
    name = PROCEEDINGS_OF.sub("", YEAR.sub(" ", name).strip())
    name = NUMBER_ORDINAL.sub(" ", LEADING_ORDINAL.sub("", " ".join(name.split())))
    name = _without_volume(name)
    return " ".join(name.split()).strip(" ,;:-–—") or venue


def _without_volume(name: str) -> str:
    """`name` without trailing ': Main Volume', ': Long Papers', 'Volume 1', 'Part I'."""
    while (shorter := VOLUME_PART_AT_END.sub("", name)) != name:
        name = shorter
    return name


def _without_host(name: str) -> str:
    """`name` without the conference it was held with: '... at ACL 2024', '..., co-located with EMNLP'."""
    for match in reversed(list(CO_LOCATED.finditer(name))):
        if match.start() > 0 and _is_main_venue(name[match.end() :]):
            return name[: match.start()]
    return name


def _without_place_and_date(name: str) -> str:
    """`name` without a trailing ', City, Country', ', Month Day, Year', ', Part I'; a comma inside the name stays.

    A part is cut when it is a date, a country, a state, or a volume. A part that only looks like a place (capitalised
    words, no 'and') is cut next to those, or when what is left ends in 'Symposium', 'Workshop' or the like; one such
    part at most, two for 'City, Country' (after a date without a known country, or before a name ending so). So
    'Workshop on Trust, Safety and Security' and 'Workshop on Trust, Privacy, Vienna, Austria' keep their topics.
    """
    parts = name.split(",")
    dated = region = False
    places, most_places = 0, 1
    while len(parts) > 1:
        part = " ".join(parts[-1].split())
        if not part or VOLUME_PART.match(part) or ACRONYM_WITH_YEAR.fullmatch(part):
            pass
        elif DATE.search(part):
            dated = True
        elif part.casefold() in REGIONS or REGION_CODE.match(part):
            region = True
        elif not _looks_like_place(part) or places >= most_places:
            break
        elif dated or region or _ends_with_venue_word(parts[:-1]):
            places += 1
            most_places = 2 if dated and not region else most_places
        elif places == 0 and len(parts) > 2 and _looks_like_place(parts[-2].strip()) and _ends_with_venue_word(parts[:-2]):
            places, most_places = 1, 2
        else:
            break
        parts.pop()
    return ",".join(parts)


def _ends_with_venue_word(parts: list[str]) -> bool:
    return bool(VENUE_WORD_AT_END.search(_without_volume(",".join(parts)).rstrip()))


def _looks_like_place(part: str) -> bool:
    words = re.split(r"[\s/]+", part)
    return (
        0 < len(words) <= 4
        and words[0][:1].isupper()
        and all(word[:1].isupper() or word in PLACE_SMALL_WORDS for word in words)
        and not any(character.isdigit() for character in part)
    )
