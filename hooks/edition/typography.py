"""Typography of the edition's own text (citations, cards, references, editorial notes, the
glossary's definitions, the timeline): no line break inside "Т. 67, № 7", "С. 74–84", "1995 г.",
"60 с." or "Б. Клинтон".

No-break spaces, not markup: Chromium and Firefox copy them as ordinary spaces. The article's
own words are never passed through here (its characters stay as the source has them).
"""

from __future__ import annotations

import re

from markupsafe import Markup

# "Т. 67", "№ 7", "С. 74", "Вып. 3": an abbreviation or sign and the number after it
BEFORE_NUMBER = re.compile(r"(?<![\w])((?:[ТтСсЧч]|Вып|вып|Разд|разд|Абз|абз)\.|№) (?=[\dIVXLCN])")
# "1995 г.", "1992 и 1994 гг.", "60 с.": a number and the abbreviation after it
AFTER_NUMBER = re.compile(r"(?<=\d) (?=(?:гг?|с|стр)\.)")
# "67, № 7": volume and issue stay together
VOLUME_ISSUE = re.compile(r"(?<=\d), (?=№)")
# "Курмангужин Р. С.": a surname and its initials stay together
INITIALS = re.compile(r"(?<=[а-яёa-z]) (?=[А-ЯЁA-Z]\.)|(?<=\b[А-ЯЁA-Z]\.) (?=[А-ЯЁA-Z]\.)")
# "Б. Клинтон", "Н. А. Назарбаев": in prose, the last initial and the surname after it (not in a
# reference, where "Шаклеина Т. А. Концепции" puts the title after the initials)
INITIAL_SURNAME = re.compile(r"(?<=\b[А-ЯЁA-Z]\.) (?=[А-ЯЁA-Z][а-яёa-z])")


def prose(text: str) -> str:
    """`nobreak` for the edition's prose, which names people initials first ("Б. Клинтон")."""
    result = INITIAL_SURNAME.sub("\u00a0", nobreak(text))
    return Markup(result) if isinstance(text, Markup) else result


def own_text(root, skip=("code", "pre", "script", "style")) -> None:
    """Every text run of an element tree of the edition's own page through `prose` (not on the
    pages that carry the article's words)."""
    for element in root.iter():
        if element.tag in skip:
            continue
        if element.text:
            element.text = type(element.text)(prose(element.text))
        for child in element:
            if child.tail:
                child.tail = type(child.tail)(prose(child.tail))


def nobreak(text: str) -> str:
    """``text`` with no-break spaces where a line must not break (plain text or our own HTML:
    the patterns never occur inside a tag)."""
    result = BEFORE_NUMBER.sub("\\1\u00a0", str(text))
    result = AFTER_NUMBER.sub("\u00a0", result)
    result = VOLUME_ISSUE.sub(",\u00a0", result)
    result = INITIALS.sub("\u00a0", result)
    return Markup(result) if isinstance(text, Markup) else result


MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


MONTHS_EN = "January February March April May June July August September October November December".split()


def date_label_en(date: str) -> str:
    """An ISO date at its precision, in English: "1992", "February 1995", "7 May 1992"."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{MONTHS_EN[int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {MONTHS_EN[int(parts[1]) - 1]} {parts[0]}"


def date_label(date: str) -> str:
    """An ISO date at its precision, as Russian prose: "1992 г.", "февраль 1995 г.", "7 мая 1992 г."."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]} г."
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]} г."
    return f"{int(parts[2])} {MONTHS_GENITIVE[int(parts[1]) - 1]} {parts[0]} г."
