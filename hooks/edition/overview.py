"""The timeline's overview, laid out at build time: rows (swimlanes) by partner, columns by year.

Every event has one marker, in the row of the partner it concerns (an organisation before a state,
Kazakhstan's own steps in Kazakhstan's row); events of the same year and row stand side by side,
never on one spot. Years without events between two years with events become one narrow "gap"
column, so that the dense early 1990s get room and the gaps stay visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import typography
from .timeline import Event

# The row an event goes in: the first of its parties in this order (then the vocabulary's order,
# Kazakhstan last): an organisation names a multilateral step better than its member states.
LANE_PRIORITY = ("CSTO", "CST", "NATO", "EU", "CN", "US", "RU")
HOME = "KZ"
SHORT_NAME = re.compile(r"\(([^()]+)\)\s*$")


@dataclass
class Column:
    """A year with events (``year``), or the years without events between two (``gap``)."""

    year: int | None = None
    gap: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        if self.year is not None:
            return str(self.year)
        first, last = self.gap
        return str(first) if first == last else f"{first}–{last}"


@dataclass
class Lane:
    code: str
    label: str
    name: str
    cells: list[list[Event]] = field(default_factory=list)


def lane_order(vocab: dict) -> list[str]:
    codes = list(vocab["parties"])
    ranked = [c for c in LANE_PRIORITY if c in codes]
    ranked += [c for c in codes if c not in ranked and c != HOME]
    return ranked + ([HOME] if HOME in codes else [])


def lane_of(event: Event, order: list[str]) -> str:
    return min(event.parties, key=lambda code: order.index(code) if code in order else len(order))


def short_label(name: str) -> str:
    """A row label that fits: the abbreviation a name ends with ("… (ДКБ)" -> "ДКБ"), else the name."""
    match = SHORT_NAME.search(name)
    return match.group(1) if match else name


def short_name(name: str, abbreviations: dict[str, str] | None = None) -> str:
    """How a row or a chip names a party: the glossary's abbreviation of the name, the
    abbreviation the name ends with, else the name."""
    return (abbreviations or {}).get(name) or short_label(name)


def layout(events: list[Event], vocab: dict, abbreviations: dict[str, str] | None = None) -> dict:
    """Columns (years and gaps) and lanes (rows with their events per column), in time order.
    ``abbreviations`` (full name -> abbreviation, from the glossary) shortens row labels."""
    if not events:
        return {"columns": [], "lanes": []}
    order = lane_order(vocab)
    years = sorted({event.year for event in events})
    columns: list[Column] = []
    for year in range(years[0], years[-1] + 1):
        if year in years:
            columns.append(Column(year=year))
        elif columns and columns[-1].gap:
            columns[-1].gap = (columns[-1].gap[0], year)
        else:
            columns.append(Column(gap=(year, year)))
    index = {column.year: number for number, column in enumerate(columns) if column.year is not None}
    used = [code for code in order if any(lane_of(e, order) == code for e in events)]
    lanes = []
    for code in used:
        name = vocab["parties"][code]["ru"]
        lane = Lane(code, short_name(name, abbreviations), name, [[] for _ in columns])
        for event in events:
            if lane_of(event, order) == code:
                lane.cells[index[event.year]].append(event)
        lanes.append(lane)
    return {"columns": columns, "lanes": lanes}


date_label = typography.date_label  # the timeline's dates at their precision
