"""The calendar picture: its size, one square per day, and the right squares shaded."""

import io
from datetime import date, timedelta
from itertools import pairwise

from PIL import Image

from bot.domain.progress import calendar_days
from bot.texts.calendar_image import SHADES, cell_box, image_size, render_calendar

TODAY = date(2026, 3, 11)  # a Wednesday


def colour_at(image: Image.Image, day: date) -> tuple[int, int, int]:
    index = calendar_days(TODAY).index(day)
    x0, y0, x1, y1 = cell_box(*divmod(index, 7))
    return image.getpixel(((x0 + x1) // 2, (y0 + y1) // 2))  # type: ignore[return-value]


def test_size_squares_and_shading() -> None:
    counts = {TODAY: 1, TODAY - timedelta(days=1): 2, TODAY - timedelta(days=30): 5}
    image = Image.open(io.BytesIO(render_calendar(counts, TODAY)))
    assert image.format == "PNG" and image.size == image_size()
    rgb = image.convert("RGB")
    days = calendar_days(TODAY)
    shown = [day for day in days if day <= TODAY]
    assert len(shown) == 84 - 4  # Thursday to Sunday of this week are still to come
    for day in shown:
        expected = SHADES[min(counts.get(day, 0), 3)]
        assert colour_at(rgb, day) == expected, day
    for day in days:
        if day > TODAY:
            assert colour_at(rgb, day) == (255, 255, 255)


def test_the_squares_do_not_overlap() -> None:
    boxes = [cell_box(week, weekday) for week in range(12) for weekday in range(7)]
    assert len(set(boxes)) == 84
    width, height = image_size()
    assert all(x1 < width and y1 < height for _, _, x1, y1 in boxes)


def test_drawn_at_twice_the_size_for_phones() -> None:
    width, height = image_size()
    assert width >= 600 and height >= 7 * 34
    image = Image.open(io.BytesIO(render_calendar({}, TODAY)))
    assert image.size == (width, height)


def test_every_label_in_every_language_has_its_letters_in_the_font() -> None:
    from datetime import date

    from PIL import ImageFont

    from bot.texts.calendar_image import FONT, FONT_SIZE
    from bot.texts.i18n import LANGUAGES, month_abbreviation, speaking, weekday_abbreviation

    font = ImageFont.truetype(FONT, FONT_SIZE)
    missing = bytes(font.getmask("\ue000"))  # a private-use character: the empty box
    for language in LANGUAGES:
        with speaking(language):
            labels = [weekday_abbreviation(row) for row in range(7)]
            labels += [month_abbreviation(date(2026, month, 1)) for month in range(1, 13)]
        letters = {char for label in labels for char in label if not char.isspace()}
        assert letters, language
        boxes = sorted(char for char in letters if bytes(font.getmask(char)) == missing)
        assert boxes == [], (language, boxes)
    with speaking("ru"):
        assert weekday_abbreviation(0) == "пн"  # Cyrillic reaches the picture, not English


def test_the_current_month_is_named_from_its_first_day() -> None:
    from bot.texts.calendar_image import month_labels

    # A tester on Tuesday 1 December saw no "Dec": months were named on Mondays only.
    today = date(2026, 12, 1)
    labels = month_labels(calendar_days(today), today)
    assert labels[max(labels)] == today
    # Each month once, oldest first, none within two columns of another.
    weeks = sorted(labels)
    assert [labels[week].month for week in weeks] == [10, 11, 12]
    assert all(later - earlier > 2 for earlier, later in pairwise(weeks))
    # A 1st still to come in this week's column (Monday 30 November) is not named yet.
    monday = date(2026, 11, 30)
    before = month_labels(calendar_days(monday), monday)
    assert before[max(before)].month == 11


def test_a_month_named_in_the_last_column_is_not_cut_off() -> None:
    from bot.texts.calendar_image import BACKGROUND, TOP
    from bot.texts.i18n import speaking

    # A sweep: in the first week of February the Russian "февр." ran past the right edge.
    today = date(2027, 2, 3)
    with speaking("ru"):
        image = Image.open(io.BytesIO(render_calendar({}, today))).convert("RGB")
    edge = image.width - 1
    assert all(image.getpixel((edge, y)) == BACKGROUND for y in range(TOP))
