"""/progress and /reflections: how practising has gone, and what the person wrote."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.domain import progress
from bot.domain.models import skill_key
from bot.domain.schedule import local_date
from bot.telegram import keyboards
from bot.telegram.callbacks import ReflectionsPress, SkillAction
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.handlers.routes import command, on_press
from bot.telegram.handlers.skill_choice import choose_skill
from bot.texts import practice as practice_text
from bot.texts import progress as progress_text
from bot.texts.i18n import card_titles

PAGE = progress_text.REFLECTIONS_PER_PAGE


async def progress_command(update: Update, context: BotContext) -> None:
    """Per-skill figures, then the 12-week calendar picture."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    services = context.services
    person = await context.person(update)
    completions = await services.store.completions(user.id)
    now = services.clock()
    items = progress.skill_progress(completions, person.timezone, now)
    today = local_date(now, person.timezone)
    explain = bool(items) and not person.progress_explained
    names = card_titles(services.vault.current)
    text = progress_text.progress(items, today, explain=explain, name=names)
    await show(update, context, text)
    if explain:
        await services.store.mark_progress_explained(user.id)
    if completions:
        from bot.texts.calendar_image import render_calendar  # Pillow loads on first use only

        days = progress.practice_days((done for _, done in completions), person.timezone)
        picture = render_calendar(days, local_date(now, person.timezone))
        await message.reply_photo(
            InputFile(picture, filename="practice-calendar.png"),
            caption=progress_text.CALENDAR_CAPTION,
        )


async def reflections_command(update: Update, context: BotContext) -> None:
    """The person's reflections, newest first, optionally of one skill."""
    wanted = " ".join(context.args or [])
    skill_title = None
    if wanted:
        skill = await choose_skill(update, context, wanted, SkillAction.REFLECTIONS)
        if skill is None:
            return
        skill_title = skill.title
    await show_reflections(update, context, 0, skill_title)


async def show_reflections(
    update: Update, context: BotContext, page: int, skill: str | None, *, edit: bool = False
) -> None:
    """One page of reflections with ‹ › buttons."""
    user = update.effective_user
    assert user
    services = context.services
    person = await services.store.get_user(user.id)
    tz = person.timezone if person else services.settings.default_timezone
    items, total = await services.store.reflections(
        user.id, skill=skill, offset=page * PAGE, limit=PAGE
    )
    if not items and page > 0:  # the list shrank (e.g. after /forget): show the last page
        page = max(0, -(-total // PAGE) - 1)
        items, total = await services.store.reflections(
            user.id, skill=skill, offset=page * PAGE, limit=PAGE
        )
    names = card_titles(services.vault.current)
    text = progress_text.reflections(items, total, page, tz, skill, names)
    pages = -(-total // PAGE)
    key = skill_key(skill) if skill else None
    await show(update, context, text, keyboards.reflection_pages(page, pages, key), edit=edit)


async def reflections_button(update: Update, context: BotContext, press: ReflectionsPress) -> None:
    """‹ Newer / Older › under the reflections."""
    query = update.callback_query
    assert query
    skill = None
    if press.skill_key is not None:
        found = context.services.vault.current.by_key.get(press.skill_key)
        if found is None:  # never silently widen one skill's pages to all of them
            await answer_press(query, practice_text.SKILL_GONE)
            return
        skill = found.title
    await answer_press(query)
    await show_reflections(update, context, press.page, skill, edit=True)


def setup(app: BotApplication) -> None:
    """Register /progress, /reflections and the reflection page buttons."""
    app.add_handler(command("progress", progress_command))
    app.add_handler(command("reflections", reflections_command))
    app.add_handler(on_press(ReflectionsPress, reflections_button))
