"""The site's dates: a year (2025), a month ("2025-06") or "present"."""

from __future__ import annotations

DateValue = int | str

PRESENT = "present"
# Fixed English names: calendar.month_abbr follows the locale, and builds must not.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def sort_key(value: DateValue) -> tuple[int, int]:
    """Orders present > months > bare years of the same year, newest last."""
    if value == PRESENT:
        return (10_000, 0)
    if isinstance(value, int):
        return (value, 0)
    year, month = value.split("-")
    return (int(year), int(month))


def newest_first(items: list[dict], field: str = "date") -> list[dict]:
    """Newest first; items of equal date keep the order of the file."""
    return sorted(items, key=lambda item: sort_key(item[field]), reverse=True)


def label(value: DateValue) -> str:
    """'Jun 2025', '2025' or 'Present'."""
    if value == PRESENT:
        return "Present"
    if isinstance(value, int):
        return str(value)
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def iso(value: DateValue) -> str | None:
    """The machine-readable form for <time datetime>; None for 'present'."""
    return None if value == PRESENT else str(value)


def year(value: DateValue) -> int | None:
    return None if value == PRESENT else sort_key(value)[0]


def entry_sort_key(entry: dict) -> tuple[int, int, int, int]:
    """Whatever dates an entry has (a date, a start and an end, or years), latest first; undated entries last."""
    if entry.get("date") is not None:
        return (1, *sort_key(entry["date"]), 0)
    if entry.get("start") is not None:
        end = entry.get("end") or PRESENT
        return (1, *sort_key(end), sort_key(entry["start"])[0])
    if entry.get("years"):
        return (1, max(entry["years"]), 0, 0)
    return (0, 0, 0, 0)


def when(entry: dict) -> str:
    """The entry's time as shown: 'Jun 2025', 'Sep 2020 – May 2026', 'Sep 2024 – Present', 'Fall 2023' or '2021–2023, 2025'."""
    if entry.get("date") is not None:
        return label(entry["date"])
    if entry.get("start") is not None:
        start, end = label(entry["start"]), label(entry.get("end") or PRESENT)
        return start if start == end else f"{start} – {end}"
    for words in ("period", "term"):
        if entry.get(words):
            return str(entry[words])
    if entry.get("years"):
        return year_ranges(entry["years"])
    return ""


def year_ranges(years: list[int]) -> str:
    """[2021, 2022, 2023, 2025] -> '2021–2023, 2025'."""
    runs: list[list[int]] = []
    for year_ in sorted(set(years)):
        if runs and year_ == runs[-1][-1] + 1:
            runs[-1].append(year_)
        else:
            runs.append([year_])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def month_of_day(day: str) -> str:
    """'2026-11-30' -> 'November 2026'."""
    year, month, _ = day.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def day_label(day: str) -> str:
    """'2026-11-30' -> '30 November 2026'."""
    return f"{int(day.split('-')[2])} {month_of_day(day)}"
