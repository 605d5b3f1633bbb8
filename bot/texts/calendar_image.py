"""The practice calendar: 12 weeks, one square per day, shaded by how much was practised."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.domain.progress import CALENDAR_WEEKS, calendar_days
from bot.texts.i18n import month_abbreviation, weekday_abbreviation

# DejaVu Sans, shipped with the package (and its licence) rather than found on the
# system: Pillow's own font covers Latin only, and a server may have no fonts at all.
# It has every letter of the languages we speak (Cyrillic included), and many more.
FONT = Path(__file__).with_name("fonts") / "DejaVuSans.ttf"

# Drawn at twice the size it is laid out at, so it stays sharp when a phone scales it
# to the width of the chat (600 px and more).
SCALE = 2
CELL = 17 * SCALE
GAP = 4 * SCALE
LEFT = 40 * SCALE  # room for weekday labels
TOP = 24 * SCALE  # room for month labels
# A month's name ("Sep", "Июн") is about two columns wide in FONT_SIZE.
LABEL_COLUMNS = 2
MARGIN = 12 * SCALE
FONT_SIZE = 11 * SCALE
BACKGROUND = (255, 255, 255)
LABEL = (100, 100, 100)
# None, one, two, three or more practices that day (light to dark green).
SHADES = ((235, 237, 240), (155, 233, 168), (64, 196, 99), (33, 110, 57))


def image_size(weeks: int = CALENDAR_WEEKS) -> tuple[int, int]:
    """Width and height of the picture in pixels."""
    width = LEFT + weeks * (CELL + GAP) - GAP + MARGIN
    height = TOP + 7 * (CELL + GAP) - GAP + MARGIN
    return width, height


def cell_box(week: int, weekday: int) -> tuple[int, int, int, int]:
    """The square for column `week` (0 = oldest) and row `weekday` (0 = Monday)."""
    x = LEFT + week * (CELL + GAP)
    y = TOP + weekday * (CELL + GAP)
    return x, y, x + CELL - 1, y + CELL - 1


def shade(count: int) -> tuple[int, int, int]:
    """The colour for a day with `count` practices."""
    return SHADES[min(count, len(SHADES) - 1)]


@cache
def _font() -> ImageFont.FreeTypeFont:
    """Read the font once per process, not on every /progress."""
    return ImageFont.truetype(FONT, FONT_SIZE)


def month_labels(days: list[date], today: date) -> dict[int, date]:
    """Which columns name a month, and a day of it: the first column its own month, and
    each column holding a 1st (up to today). Labelled by Mondays only, the current month
    went unnamed until its first Monday (a tester on 1 December saw no "Dec"). A label
    within LABEL_COLUMNS of the first would run into it: the older one gives way."""
    labels = {0: days[0]}
    for index, day in enumerate(days):
        if day.day == 1 and day <= today:
            labels[index // 7] = day
    if any(0 < week <= LABEL_COLUMNS for week in labels):
        del labels[0]
    return labels


def render_calendar(counts: Mapping[date, int], today: date) -> bytes:
    """A PNG of the last 12 weeks up to `today`; days after today are left out."""
    image = Image.new("RGB", image_size(), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = _font()
    for row in (0, 2, 4):  # Monday, Wednesday, Friday, in the person's language
        label = weekday_abbreviation(row)
        draw.text((2 * SCALE, cell_box(0, row)[1] + 2 * SCALE), label, fill=LABEL, font=font)
    days = calendar_days(today)
    right = image.width - SCALE  # a label in the last column must not be cut off
    for week, first in month_labels(days, today).items():
        month = month_abbreviation(first)
        x = min(cell_box(week, 0)[0], int(right - draw.textlength(month, font=font)))
        draw.text((x, 4 * SCALE), month, fill=LABEL, font=font)
    for index, day in enumerate(days):
        week, weekday = divmod(index, 7)
        if day <= today:
            draw.rectangle(cell_box(week, weekday), fill=shade(counts.get(day, 0)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
