"""The site's dates: a year (2025), a month ("2025-06") or "present"."""

from __future__ import annotations

DateValue = int | str

PRESENT = "present"
# Fixed English names: calendar.month_abbr follows the locale, and builds must not.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
