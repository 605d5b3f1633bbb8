"""/practice through the real Application: steps, reflection, resume, stale buttons."""

import pytest
from sqlalchemy import text

from bot.domain.models import SessionStatus
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.telegram.context import BotApplication, services_of
from tests.support.app import AppFactory, Chat, StartedChat
from tests.support.clock import FakeClock
from tests.support.database import ONLY_POSTGRES
from tests.support.paths import VAULT
from tests.support.round_trips import count_round_trips

REPAIR_STEPS = [
    ("Regulate yourself first", "Pause, breathe, and make sure you're grounded"),
    ("Acknowledge their experience without defending", "Focus on what they felt"),
    ("Take responsibility for your impact", "Even if it wasn’t intentional."),
    ("Express your care and desire to repair", "Let them know the relationship matters"),
    ("Stay present — don’t rush the fix", "The repair is the presence, not the solution."),
]


def button_labels(person: FakeChat) -> list[str]:
    return [b["text"] for b in person.keyboard_message().buttons]


async def test_a_full_practice_of_the_seed_card(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    [intro] = texts(await ada.send("/practice"))
    assert intro.startswith("<b>Repair</b>") and "5 steps" in intro
    assert button_labels(ada) == ["Start ▶", "Common mistakes", "Choose another", "Cancel"]

    calls = await ada.press("Start")
    for index, (title, explanation) in enumerate(REPAIR_STEPS):
        [shown] = texts(calls)
        assert f"Step {index + 1} of 5" in shown
        assert f"<b>{title}</b>" in shown.replace("&#x27;", "'")
        assert explanation in shown.replace("&#x27;", "'")
        assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
        labels = button_labels(ada)
        assert labels[-1] == ("Finish ✓" if index == 4 else "Next ▶")
        assert ("◀ Back" in labels) == (index > 0)
        calls = await ada.press("Finish" if index == 4 else "Next")

    [prompt] = texts(calls)
    assert "What did you notice?" in prompt
    [done] = texts(await ada.send("I wanted to explain myself first. I waited instead."))
    assert done == (
        "You practised <b>Repair</b>: all 5 steps, and wrote down what you noticed. "
        "That’s your first time."
    )
    # Done, then at most three more: again, (not "make focus": Repair is), its blocks.
    assert button_labels(ada) == [
        "Done",
        "Practise again",
        "↗ Holding Discomfort",
        "↗ Owning Impact",
    ]

    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        row = (
            await conn.execute(text("SELECT status, reflection, step FROM practice_sessions"))
        ).one()
    assert row == ("completed", "I wanted to explain myself first. I waited instead.", 4)

    # Practise again goes straight to step 1, and the count grows.
    await ada.press("Practise again")
    for _ in range(5):
        await ada.press("Next") if "Next ▶" in button_labels(ada) else await ada.press("Finish")
    [second] = texts(await ada.press("Skip"))
    assert "your second time" in second and "noticed" not in second


async def test_back_next_and_the_first_step_notice(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    [back] = texts(await ada.press("Back"))
    assert "Step 1 of 5" in back
    first = ada.keyboard_message()
    # An old Back button from step 2 is now stale.
    from bot.domain.practice import Move
    from bot.telegram.callbacks import SessionPress, encode

    session_id = int(first.buttons[0]["callback_data"].split(":")[1])
    stale = await ada.press_data(encode(SessionPress(session_id, 1, Move.BACK)))
    assert callback_answers(stale) == ["That button is from an earlier step."]
    assert texts(stale) == []


async def test_resume_after_a_restart(make_app: AppFactory, api: FakeBotAPI) -> None:
    first_app = await make_app()
    ada = StartedChat(first_app, api, 7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    await ada.press("Next")
    await first_app.shutdown()

    restarted = await make_app()  # the same database, a new process
    ada = StartedChat(restarted, api, 7)
    [offer] = texts(await ada.send("/practice"))
    assert "in the middle of <b>Repair</b>, at step 3 of 5" in offer
    assert button_labels(ada) == ["Resume at step 3", "Start over", "Choose another"]
    [resumed] = texts(await ada.press("Resume"))
    assert "Step 3 of 5" in resumed
    [fourth] = texts(await ada.press("Next"))
    assert "Step 4 of 5" in fourth


async def test_start_over_and_pause(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    [paused] = texts(await ada.press("Pause"))
    assert "Paused at step 2 of 5" in paused
    [resumed] = texts(await ada.press("Resume"))
    assert "Step 2 of 5" in resumed
    await ada.send("/practice")
    [over] = texts(await ada.press("Start over"))
    assert "Step 1 of 5" in over


async def test_an_idle_session_is_closed_kindly(
    chat: Chat, clock: FakeClock, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    step_message = ada.keyboard_message()
    clock.advance(hours=25)
    stale = await ada.press("Next", step_message)
    assert "closed after waiting a long while" in callback_answers(stale)[0]
    # The step's message now says so, with the way back to where it stood.
    assert "waited a long while at step 1" in step_message.text
    assert [b["text"] for b in step_message.buttons] == ["Resume at step 1"]
    session = await services_of(app.bot_data).store.get_session(1)
    assert session is not None and session.status is SessionStatus.ABANDONED
    # Until they pick it up or start another, /practice offers it back first.
    [offered] = texts(await ada.send("/practice"))
    assert "waited a long while at step 1" in offered
    await ada.press("Start over")
    [intro] = texts(await ada.send("/practice"))
    assert "in the middle of <b>Repair</b>, at step 1" in intro  # the fresh one, open


async def test_the_next_practice_says_an_idle_session_was_closed(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    clock.advance(hours=30)
    # One message: where it stood, and the two ways on.
    [closed] = texts(await ada.send("/practice"))
    assert "waited a long while at step 2" in closed and "nothing is lost" in closed
    assert [b["text"] for b in ada.keyboard_message().buttons] == [
        "Resume at step 2",
        "Start over",
    ]
    [over] = texts(await ada.press("Start over"))
    assert "Step 1 of 5" in over


async def test_a_practice_closed_for_waiting_is_picked_up_where_it_stood(
    chat: Chat, clock: FakeClock, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    clock.advance(hours=30)
    await ada.send("/practice")
    notice = ada.messages()[-1]
    assert [b["text"] for b in notice.buttons] == ["Resume at step 2", "Start over"]
    pick_up = notice.buttons[0]["callback_data"]
    [again] = texts(await ada.press("Resume at step 2", notice))
    assert "Step 2 of 5" in again
    store = services_of(app.bot_data).store
    session = await store.get_session(1)
    assert session is not None and session.status is SessionStatus.ACTIVE
    assert session.step == 1 and session.finished_at is None
    # A second tap shows it, and changes nothing.
    await ada.press_data(pick_up, notice)
    assert (await store.get_session(1)) == session
    # With another practice open, it is not taken over.
    await ada.send("/cancel")
    await ada.send("/practice")
    await ada.press("Start")
    [ended] = callback_answers(await ada.press_data(pick_up, notice))
    assert ended.startswith("Another practice is open now")


async def test_where_was_i_offers_the_practice_closed_for_waiting(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    [none_yet] = texts(await ada.send("where was I?"))
    assert none_yet.startswith("There’s no practice waiting for you to pick up")
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    clock.advance(hours=30)
    await ada.send("/help")  # the closing is told; then days later they ask
    clock.advance(days=2)
    [offered] = texts(await ada.send("Wo war ich?"))
    assert "waited a long while at step 2" in offered
    assert button_labels(ada) == ["Resume at step 2"]
    [again] = texts(await ada.press("Resume at step 2"))
    assert "Step 2 of 5" in again
    [step] = texts(await ada.send("continue"))  # mid-practice: the step, as "ok" gets
    assert "Step 2 of 5" in step


async def test_a_button_that_starts_a_practice_offers_one_closed_for_waiting_first(
    chat: Chat, clock: FakeClock
) -> None:
    # A nudge's Practise now, the welcome's Try it now, a card's Start: each went
    # straight to step 1, and the step reached two days before was never mentioned.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for _ in range(3):
        await ada.press("Next")
    clock.advance(days=2)
    await ada.send("/skill Repair")
    await ada.press("Practise")  # the intro: Start is the button that starts
    [offered] = texts(await ada.press("Start"))
    assert "waited a long while at step 4" in offered
    assert [b["text"] for b in ada.keyboard_message().buttons] == [
        "Resume at step 4",
        "Start over",
    ]
    [resumed] = texts(await ada.press("Resume at step 4"))
    assert "Step 4 of 5" in resumed


async def test_any_old_button_of_a_practice_closed_for_waiting_offers_it_back(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    first_copy = ada.keyboard_message()
    await ada.press("Next", first_copy)  # the message now shows step 2
    await ada.send("ok")  # a second copy of step 2 below it
    second_copy = ada.keyboard_message()
    clock.advance(days=2)
    # An older step's button, pressed after the limit: said, and offered back.
    older = await ada.press_data(
        "p:1:0:n", first_copy
    )  # the Next of step 1, as an older copy of the step would carry
    assert "closed after waiting a long while" in callback_answers(older)[0]
    assert "waited a long while at step 2" in first_copy.text
    # A button of it pressed later, once it is closed: the same, not a dead end.
    later = await ada.press("Next", second_copy)
    assert "closed after waiting a long while" in callback_answers(later)[0]
    assert [b["text"] for b in second_copy.buttons] == ["Resume at step 2"]


async def test_cancel(chat: Chat) -> None:
    ada = chat(7)
    assert "no practice in progress" in texts(await ada.send("/cancel"))[0]
    await ada.send("/practice")
    await ada.press("Start")
    step_message = ada.keyboard_message()
    assert "Practice of Repair ended" in texts(await ada.send("/cancel"))[0]
    assert "already ended" in callback_answers(await ada.press("Next", step_message))[0]


async def test_text_mid_practice_gets_the_buttons_again(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [nudge] = texts(await ada.send("what now?"))
    assert "tap <b>Next</b> when you’re ready" in nudge and "Step 1 of 5" in nudge
    assert button_labels(ada)[-1] == "Next ▶"
    for _ in range(4):
        await ada.press("Next")
    [last] = texts(await ada.send("what now?"))  # the last step's button is Finish
    assert "tap <b>Finish</b> when you’re ready" in last and "Step 5 of 5" in last
    assert button_labels(ada)[-1] == "Finish ✓"
    # Outside a practice, text is matched to skills instead (test_suggestions.py).
    bob = chat(8)
    assert "Your focus skill is <b>Repair</b>" in texts(await bob.send("asdfgh"))[0]
    assert button_labels(bob) == ["Practise Repair ▶", "Common mistakes"]


async def test_another_persons_button_and_forged_data(chat: Chat, api: FakeBotAPI) -> None:
    ada, bob = chat(7), chat(8)
    await ada.send("/practice")
    await ada.press("Start")
    adas_step = ada.keyboard_message()
    pressed = await bob.press_data(adas_step.buttons[-1]["callback_data"], adas_step)
    assert callback_answers(pressed) == ["That button isn’t for you."]
    for forged in ["p:99999:0:n", "p:1:0:z", "k:0000000000:s", "garbage", "l:z:1", "x:"]:
        calls = await ada.press_data(forged, adas_step)
        answers = callback_answers(calls)
        assert len(answers) == 1 and answers[0], forged
    # Ada's session did not move.
    [still] = texts(await ada.press("Next", adas_step))
    assert "Step 2 of 5" in still


async def test_two_people_practise_at_once_without_crossing(chat: Chat) -> None:
    ada, bob = chat(7), chat(8)
    await ada.send("/practice")
    await bob.send("/practice staying")
    await ada.press("Start")
    await bob.press("Start")
    await ada.press("Next")
    [bobs] = texts(await bob.press("Next"))
    assert "Staying Grounded · Step 2 of 5" in bobs
    [adas] = texts(await ada.press("Next"))
    assert "Repair · Step 3 of 5" in adas


async def test_a_double_tap_moves_once(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    message = ada.keyboard_message()
    data = message.buttons[-1]["callback_data"]
    await ada.press_data(data, message)
    second = await ada.press_data(data, message)
    assert callback_answers(second) == ["That button is from an earlier step."]


async def test_practice_by_name_typo_and_unknown(chat: Chat) -> None:
    ada = chat(7)
    assert texts(await ada.send("/practice reapir"))[0].startswith("<b>Repair</b>")
    [several] = texts(await ada.send("/practice o"))
    assert "Several skills match" in several
    assert button_labels(ada) == ["Owning Impact", "Partnering Instead of Defending"]
    [intro] = texts(await ada.press("Owning"))
    assert intro.startswith("<b>Owning Impact</b>")
    [unknown] = texts(await ada.send("/practice zzzz"))
    assert "couldn’t find a skill called “zzzz”" in unknown
    assert len(button_labels(ada)) == 6
    # Said back escaped once (Telegram shows "don't & co"), and cut short when long.
    [quoted] = texts(await ada.send("/practice don't & co"))
    assert "“don&#x27;t &amp; co”" in quoted and "&amp;amp;" not in quoted
    [pasted] = texts(await ada.send("/practice " + "zq " * 2000))
    assert len(pasted) < 1000 and "…”" in pasted


async def test_intro_buttons(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    [mistakes] = texts(await ada.press("Common mistakes"))
    assert "Rushing to explain your intent" in mistakes
    intro = next(m for m in ada.messages() if m.text.startswith("<b>Repair</b>"))
    [listing] = texts(await ada.press("Choose another", intro))
    assert "Choose a skill to practise" in listing
    [meta] = texts(await ada.press("Staying Grounded"))
    assert meta.startswith("<b>Staying Grounded</b>")
    [closed] = texts(await ada.press("Cancel"))
    assert "whenever you’re ready" in closed


async def test_make_this_my_focus_after_completing(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice owning")
    await ada.press("Start")
    for _ in range(4):
        await ada.press("Next") if "Next ▶" in button_labels(ada) else await ada.press("Finish")
    await ada.press("Skip")
    [focused] = texts(await ada.press("Make this my focus"))
    assert "Your focus is now <b>Owning Impact</b>" in focused
    assert texts(await ada.send("/practice"))[0].startswith("<b>Owning Impact</b>")


async def test_back_pressed_twice_on_the_reflection_question_goes_back_once(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for _ in range(5):
        await ada.press("Finish" if "Finish ✓" in button_labels(ada) else "Next")
    prompt = ada.keyboard_message()
    back = next(b["callback_data"] for b in prompt.buttons if "Back" in b["text"])
    skip = next(b["callback_data"] for b in prompt.buttons if "Skip" in b["text"])
    [step] = texts(await ada.press_data(back, prompt))
    assert "Step 5 of 5" in step
    again = await ada.press_data(back, prompt)
    assert callback_answers(again) == ["That button is from an earlier step."]
    assert texts(again) == []
    stale_skip = await ada.press_data(skip, prompt)
    assert callback_answers(stale_skip) == ["That button is from an earlier step."]


async def test_an_edited_command_is_not_run_again(chat: Chat, api: FakeBotAPI) -> None:
    from bot.offline.updates import message_update

    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    edited = message_update(api, 7, "/cancel")
    edited["edited_message"] = edited.pop("message")
    [reply] = texts(await ada.feed(edited))
    assert "only read new messages" in reply
    assert "Step 2 of 5" in texts(await ada.press("Next"))[0]  # still practising


async def test_a_missing_card_pauses_the_practice_instead_of_ending_it(
    tmp_path: object, make_app: AppFactory, api: FakeBotAPI
) -> None:
    import shutil
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    folder = tmp_path / "vault"
    shutil.copytree(VAULT, folder)
    app = await make_app(skills_dir=folder)
    ada = StartedChat(app, api, 7)
    await ada.send("/practice")
    await ada.press("Start")
    holder = services_of(app.bot_data).vault
    card = (folder / "Repair.md").read_bytes()
    (folder / "Repair.md").unlink()
    holder.reload()
    replies = texts(await ada.send("/practice"))
    assert not any("closed" in r or "waited" in r for r in replies)
    (folder / "Repair.md").write_bytes(card)
    holder.reload()
    [offer] = texts(await ada.send("/practice"))
    assert "at step 1 of 5" in offer


async def test_starting_another_skill_ends_a_practice_whose_card_is_missing(
    tmp_path: object, make_app: AppFactory, api: FakeBotAPI
) -> None:
    import shutil
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    folder = tmp_path / "vault"
    shutil.copytree(VAULT, folder)
    app = await make_app(skills_dir=folder)
    ada = StartedChat(app, api, 7)
    await ada.send("/practice repair")
    await ada.press("Start")
    old_step = ada.keyboard_message()
    services = services_of(app.bot_data)
    (folder / "Repair.md").unlink()
    services.vault.reload()
    # The old step's buttons say what is going on and how out.
    [answer] = callback_answers(await ada.press("Next", old_step))
    assert "skill card is missing right now" in answer and "/cancel ends it" in answer
    # Starting another skill is not refused in a loop: the hidden practice ends.
    await ada.send("/practice staying grounded")
    [first] = texts(await ada.press("Start"))
    assert "Step 1 of" in first and "no longer among the skill cards" not in first
    async with services.store.engine.connect() as conn:
        rows = await conn.execute(text("SELECT skill, status FROM practice_sessions ORDER BY id"))
        assert rows.all() == [("Repair", "cancelled"), ("Staying Grounded", "active")]


async def test_a_short_prefix_in_a_large_vault_offers_a_few_buttons(
    tmp_path: object, make_app: AppFactory, api: FakeBotAPI
) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    for number in range(30):
        (tmp_path / f"Skill {number:02}.md").write_text(
            f'---\nfileClass: meta_skill\nsteps: ["Step 1: Do {number}"]\n---\n'
        )
    app = await make_app(skills_dir=tmp_path)
    ada = StartedChat(app, api, 7)
    [reply] = texts(await ada.send("/practice s"))
    assert "type more of the name" in reply and len(button_labels(ada)) == 8


# -- never lose a practice: every way into a practice asks first -------------------


async def repair_open_at_step_3(ada: FakeChat) -> int:
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    await ada.press("Next")
    return await still_open_at(ada, "Repair", 2)


async def still_open_at(ada: FakeChat, skill: str, step: int) -> int:
    session = await services_of(ada.app.bot_data).store.open_session(ada.user_id)
    assert session is not None and (session.skill, session.step) == (skill, step)
    return session.id


async def test_practice_command_asks_and_names_the_open_skill(chat: Chat) -> None:
    ada = chat(7)
    sid = await repair_open_at_step_3(ada)
    [offer] = texts(await ada.send("/practice"))
    assert "in the middle of <b>Repair</b>, at step 3 of 5" in offer
    assert button_labels(ada) == ["Resume at step 3", "Start over", "Choose another"]
    [other] = texts(await ada.send("/practice staying"))
    assert "Resume it, or end it and start <b>Staying Grounded</b>?" in other
    assert button_labels(ada) == ["Resume at step 3", "Start Staying Grounded instead"]
    assert await still_open_at(ada, "Repair", 2) == sid
    # Only the explicit choice ends Repair.
    [first] = texts(await ada.press("Start Staying Grounded instead"))
    assert "Staying Grounded · Step 1 of" in first
    store = services_of(ada.app.bot_data).store
    old = await store.get_session(sid)
    assert old is not None and old.status is SessionStatus.CANCELLED


async def test_a_cards_practise_button_asks(chat: Chat) -> None:
    ada = chat(7)
    sid = await repair_open_at_step_3(ada)
    await ada.send("/skill staying")
    [offer] = texts(await ada.press("Practise ▶"))
    assert "in the middle of <b>Repair</b>" in offer and "Staying Grounded" in offer
    assert await still_open_at(ada, "Repair", 2) == sid
    [resumed] = texts(await ada.press("Resume at step 3"))
    assert "Repair · Step 3 of 5" in resumed


async def test_the_nudges_practise_now_asks(chat: Chat, clock: FakeClock) -> None:
    ada = chat(7)
    await ada.send("/timezone UTC")
    sid = await repair_open_at_step_3(ada)
    clock.now = clock.now.replace(hour=9, minute=0, second=30)
    await services_of(ada.app.bot_data).dispatcher.run_once()
    [offer] = texts(await ada.press("Practise now"))
    assert "in the middle of <b>Repair</b>, at step 3 of 5" in offer
    assert await still_open_at(ada, "Repair", 2) == sid


async def test_practise_again_after_completing_asks(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for _ in range(5):
        await ada.press("Next") if "Next ▶" in button_labels(ada) else await ada.press("Finish")
    await ada.press("Skip")
    completion = ada.keyboard_message()
    await ada.send("/practice staying")
    await ada.press("Start")
    await ada.press("Next")
    sid = await still_open_at(ada, "Staying Grounded", 1)
    [offer] = texts(await ada.press("Practise again", completion))
    assert "in the middle of <b>Staying Grounded</b>, at step 2" in offer
    assert "start <b>Repair</b>?" in offer
    assert await still_open_at(ada, "Staying Grounded", 1) == sid


async def test_an_old_intros_start_asks(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    old_intro = ada.keyboard_message()
    await ada.send("/practice staying")
    await ada.press("Start")
    sid = await still_open_at(ada, "Staying Grounded", 0)
    [offer] = texts(await ada.press("Start", old_intro))
    assert "in the middle of <b>Staying Grounded</b>, at step 1" in offer
    assert button_labels(ada) == ["Resume at step 1", "Start Repair instead"]
    assert await still_open_at(ada, "Staying Grounded", 0) == sid


async def test_the_welcomes_try_now_asks(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/start")
    welcome = ada.keyboard_message()
    sid = await repair_open_at_step_3(ada)
    [offer] = texts(await ada.press("Try Repair now", welcome))
    assert "in the middle of <b>Repair</b>, at step 3 of 5" in offer
    assert button_labels(ada) == ["Resume at step 3", "Start over", "Choose another"]
    assert await still_open_at(ada, "Repair", 2) == sid


async def test_text_while_paused_offers_resume_or_end(chat: Chat) -> None:
    ada = chat(7)
    sid = await repair_open_at_step_3(ada)
    await ada.press("Pause")
    [reply] = texts(await ada.send("sorry, I had to go"))
    assert "paused at step 3 of 5" in reply
    assert button_labels(ada)[:2] == ["Resume at step 3", "End this practice"]
    [resumed] = texts(await ada.press("Resume"))
    assert "Step 3 of 5" in resumed
    session = await services_of(ada.app.bot_data).store.get_session(sid)
    assert session is not None and not session.paused  # typing now gets the steps again
    await ada.press("Pause")
    # What they write while paused is answered too: skills that fit it, beside.
    [answered] = texts(await ada.send("I yelled at my partner again"))
    assert "paused at step 3 of 5" in answered and "<b>Staying Grounded</b>" in answered
    labels = button_labels(ada)
    assert labels[:2] == ["Resume at step 3", "End this practice"]
    assert "Practise Staying Grounded ▶" in labels[2:]
    [ended] = texts(await ada.press("End this practice"))
    assert "Practice of Repair ended" in ended
    assert await services_of(ada.app.bot_data).store.open_session(7) is None


async def test_the_resume_button_at_the_reflection_says_so(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for _ in range(5):
        await ada.press("Next") if "Next ▶" in button_labels(ada) else await ada.press("Finish")
    [offer] = texts(await ada.send("/practice"))
    assert "at the reflection" in offer
    assert button_labels(ada)[0] == "Resume at the reflection"
    [prompt] = texts(await ada.press("Resume at the reflection"))
    assert "What did you notice?" in prompt


async def _to_the_reflection(person: FakeChat) -> None:
    await person.send("/practice")
    await person.press("Start")
    while "Finish ✓" not in button_labels(person):
        await person.press("Next")
    await person.press("Finish")


async def _reflect(person: FakeChat, words: str) -> None:
    await _to_the_reflection(person)
    await person.send(words)


async def _note(app: BotApplication) -> str | None:
    session = await services_of(app.bot_data).store.last_reflected(7)
    return None if session is None else session.reflection


async def test_a_message_right_after_a_reflection_is_more_of_it(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await _reflect(ada, "It went better than last time,")
    clock.advance(seconds=20)
    [added] = texts(await ada.send("and I stayed calm when she raised her voice."))
    assert added == "Added to your reflection on Repair. /reflections shows it."
    assert button_labels(ada) == ["That wasn’t for my reflection"]
    clock.advance(seconds=40)
    await ada.send("A third part, a minute later.")
    assert await _note(app) == (
        "It went better than last time,\n\n"
        "and I stayed calm when she raised her voice.\n\n"
        "A third part, a minute later."
    )
    [shown] = texts(await ada.send("/reflections"))
    assert "I stayed calm" in shown and "A third part" in shown
    # Once something else came between, later text is something new.
    [other] = texts(await ada.send("I get so defensive"))
    assert "Added to your reflection" not in other
    assert "defensive" not in (await _note(app) or "")


async def test_a_question_right_after_a_reflection_is_answered_not_filed(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await _reflect(ada, "It went better than last time.")
    clock.advance(seconds=20)
    replies = texts(await ada.send("what do I do if he ignores me?"))
    assert not any("Added to your reflection" in reply for reply in replies)
    assert await _note(app) == "It went better than last time."


async def test_asking_to_be_forgotten_at_the_reflection_question_is_never_kept(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await _to_the_reflection(ada)
    [asked] = texts(await ada.send("delete my data"))
    assert asked.startswith("<b>Delete everything")
    assert await _note(app) is None
    [stop] = texts(await ada.send("stop sending me messages"))
    assert "daily nudges" in stop
    assert await _note(app) is None


async def test_their_own_pain_mid_practice_is_met_and_the_practice_waits(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    calls = await ada.send("I can't stop crying")
    [met] = texts(calls)
    assert met.startswith("<b>That sounds really hard") and "/support" in met
    assert "<b>Pause</b> keeps your place" in met and "skill" not in met
    assert all("reply_markup" not in call.params for call in calls)  # no pull elsewhere
    session = await services_of(app.bot_data).store.get_session(1)
    assert session is not None and session.step == 1 and session.status is SessionStatus.ACTIVE
    [step] = texts(await ada.press("Next"))  # the step's own buttons still work
    assert "Step 3 of 5" in step


async def test_not_understanding_the_step_gets_help_on_it_not_other_skills(chat: Chat) -> None:
    # A tester: "I don't get this step" got Partnering Instead of Defending beside the
    # step, and "what does attunement mean" Owning Impact.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    for words in ("I don't get this step", "what does attunement mean?"):
        [helped] = texts(await ada.send(words))
        assert helped.startswith("<b>Take it slowly.</b>") and "/mistakes" in helped
        assert "Step 2 of 5" in helped and "could help too" not in helped
        assert button_labels(ada) == ["◀ Back", "Pause", "Next ▶"]


async def test_a_long_story_of_pain_mid_practice_is_met_and_paused_confusion_gets_no_skills(
    chat: Chat,
) -> None:
    # A third review: these still got "keep going", and Owning Impact beside a paused step.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    story = "my wife left last week and I feel so alone and I can't stop crying every night"
    [met] = texts(await ada.send(story))
    assert met.startswith("<b>That sounds really hard") and "skill" not in met
    await ada.press("Pause")
    [asked] = texts(await ada.send("what does attunement mean?"))
    assert "could help too" not in asked
    assert [label for label in button_labels(ada) if label.startswith("Practise")] == []


async def test_their_own_pain_as_the_reflection_is_kept_and_met_not_praised(
    chat: Chat, app: BotApplication
) -> None:
    # A reviewer: "I can't stop crying" at the reflection question got "You practised
    # Repair… That's your first time" and more skills; right after, "Added to your reflection".
    ada = chat(7)
    await _to_the_reflection(ada)
    [met] = texts(await ada.send("I can't stop crying"))
    assert met.startswith("<b>That sounds really hard") and "You practised" not in met
    assert "What you wrote is kept as your reflection" in met
    assert await _note(app) == "I can't stop crying"  # theirs, kept
    [again] = texts(await ada.send("I feel so alone tonight"))
    assert again.startswith("<b>That sounds really hard")
    assert "Added to your reflection" not in again
    assert await _note(app) == "I can't stop crying"  # not filed into the note


async def test_a_long_reflection_that_says_their_pain_is_kept_and_met(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await _to_the_reflection(ada)
    long = (
        "I noticed I always get defensive and honestly I just feel so alone and can't stop crying"
    )
    [met] = texts(await ada.send(long))
    assert met.startswith("<b>That sounds really hard") and "You practised" not in met
    assert await _note(app) == long


async def test_their_own_pain_with_the_practice_paused_points_to_resume(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Pause")
    [met] = texts(await ada.send("I can't stop crying"))
    assert "Your practice is paused, and keeps your place" in met
    assert "<b>Pause</b>" not in met  # the message above shows Resume


async def test_stop_mid_practice_asks_about_the_nudges_and_the_practice_waits(
    chat: Chat,
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [stop] = texts(await ada.send("stop sending me messages"))
    assert stop.startswith("<b>Shall I stop the daily nudges?</b>")
    [step] = texts(await ada.send("stop"))  # alone: about the practice, its step
    assert "Step 1 of 5" in step
    [unsubscribe] = texts(await ada.send("unsubscribe"))  # alone, and never the practice
    assert unsubscribe.startswith("<b>Shall I stop the daily nudges?</b>")
    [pause] = texts(await ada.send("pause for a week please"))
    assert pause.startswith("Shall I pause your daily nudges for 7 days?")
    [alone] = texts(await ada.send("leave me alone"))
    assert alone.startswith("<b>Shall I stop the daily nudges?</b>")


async def test_text_long_after_a_reflection_is_not_added_to_it(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await _reflect(ada, "Short and done.")
    clock.advance(minutes=4)
    [reply] = texts(await ada.send("I get so defensive"))
    assert "Added to your reflection" not in reply
    assert await _note(app) == "Short and done."


async def test_words_not_meant_for_the_note_come_back_out_and_are_answered(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await _reflect(ada, "Calmer today.")
    await ada.send("I get so defensive when she criticises me")
    note_message = ada.keyboard_message()
    undo = note_message.buttons[0]["callback_data"]
    calls = await ada.press("That wasn’t for my reflection")
    assert await _note(app) == "Calmer today."
    shown = texts(calls)
    assert shown[0] == "Okay, that’s out of your reflection again."
    assert len(shown) == 2  # then what the words would get: skills that fit, or the focus
    again = await ada.press_data(undo, note_message)
    assert callback_answers(again) == ["That button no longer works."]
    assert await _note(app) == "Calmer today."


async def test_safety_language_right_after_a_reflection_gets_help_and_stays_out_of_the_note(
    chat: Chat, app: BotApplication
) -> None:
    # Unasked-for words of distress are answered, not filed away in a note they did
    # not choose and could not take back out.
    ada = chat(7)
    await _reflect(ada, "It was a hard day.")
    [reply] = texts(await ada.send("Honestly I want to end my life."))
    assert reply.startswith("<b>I’m really glad you told me")
    assert "What you wrote is kept" not in reply
    assert await _note(app) == "It was a hard day."
    # And the words after them are not taken for more of the note either.
    await ada.send("also I never said sorry")
    assert await _note(app) == "It was a hard day."


async def test_thanks_after_a_reflection_is_answered_not_added_to_it(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await _reflect(ada, "Calmer today.")
    [reply] = texts(await ada.send("thanks!"))
    assert reply == "You’re welcome. I’m here whenever you want to practise."
    assert await _note(app) == "Calmer today."


async def test_a_plea_at_the_reflection_question_is_answered_not_kept_and_praised(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await _to_the_reflection(ada)
    [plea] = texts(await ada.send("please help me"))
    assert plea.startswith("<b>I’m here.") and "You practised" not in plea
    session = await services_of(app.bot_data).store.get_session(1)
    assert session is not None and session.status is SessionStatus.REFLECTING
    assert session.reflection is None


async def test_hurt_right_after_a_reflection_is_met_not_filed_in_the_note(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await _reflect(ada, "I listened.")
    [met] = texts(await ada.send("he called me useless in front of everyone"))
    assert met.startswith("<b>Being spoken to like that hurts")
    texts(await ada.send("💔"))
    assert await _note(app) == "I listened."


async def test_a_reflection_handled_twice_is_not_added_to_itself(
    chat: Chat, app: BotApplication
) -> None:
    # The same update again (a restart before it was marked done) finds the question
    # for more of the note open: it is the reflection, answered as it was.
    ada = chat(7)
    await _reflect(ada, "I listened this time.")
    [again] = texts(await ada.send("I listened this time."))
    assert "You practised" in again and "Added to your reflection" not in again
    assert await _note(app) == "I listened this time."


async def test_a_reflection_that_tells_of_being_yelled_at_is_kept(
    chat: Chat, app: BotApplication
) -> None:
    # Telling what happened is not being put down by the bot's reader: the long message
    # is the reflection, and is kept as one.
    ada = chat(7)
    words = (
        "When he yelled at me I breathed first and said I would come back in ten minutes. "
        "It went better."
    )
    await _reflect(ada, words)
    assert await _note(app) == words


async def test_a_practice_closed_long_ago_is_not_offered_back(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    clock.advance(days=2)
    await ada.send("/practice")  # closed now, and offered
    clock.advance(days=30)
    [intro] = texts(await ada.send("/practice"))
    assert intro.startswith("<b>Repair</b>")  # a month on, the intro as ever


async def test_the_offer_back_starts_the_focus_or_the_skill_named_instead(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    clock.advance(days=2)
    [offer] = texts(await ada.send("/practice Staying Grounded"))  # one message
    assert "waited a long while at step 1" in offer
    assert button_labels(ada) == ["Resume at step 1", "Practise Staying Grounded"]
    [grounded] = texts(await ada.press("Practise Staying Grounded"))
    assert "Staying Grounded · Step 1 of" in grounded


async def test_start_over_on_a_practice_that_sat_idle_starts_it_over(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Pause")  # paused: never closed
    await ada.press("Resume")
    step = ada.keyboard_message()
    clock.advance(days=2)
    await ada.press_data("p:1:0:o", step)  # Start over, pressed after the limit
    assert button_labels(ada) == ["Resume at step 1", "Start over"]


async def test_an_old_resume_never_reopens_a_practice_left_for_another(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    step = ada.keyboard_message()
    clock.advance(days=2)
    await ada.send("/practice Staying Grounded")
    notice = ada.keyboard_message()
    resume = notice.buttons[0]["callback_data"]
    await ada.press("Practise Staying Grounded", notice)
    # An old step of Repair now: no Resume that would only be refused.
    await ada.press("Next", step)
    assert step.buttons == [] and "already ended" in step.text
    # And the old Resume, pressed once Staying Grounded is over, reopens nothing.
    await ada.send("/cancel")
    [refused] = callback_answers(await ada.press_data(resume, notice))
    assert refused.startswith("That practice has already ended")


async def test_asking_for_the_practice_brings_it_back_with_no_other_skill(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for words in ("back to my practice", "seguir", "weitermachen", "where was I?"):
        [step] = texts(await ada.send(words))
        assert "Step 1 of 5" in step and "could help too" not in step
        assert button_labels(ada) == ["Pause", "Next ▶"]


async def test_punctuation_mid_practice_brings_the_step_back_and_is_no_reflection(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for stops in ("?", "...", "!!"):
        [step] = texts(await ada.send(stops))
        assert "Step 1 of 5" in step
        assert button_labels(ada) == ["Pause", "Next ▶"]
    for _ in range(4):
        await ada.press("Next")
    await ada.press("Finish")
    await ada.send("?")  # the reflection question is open: no note of "?"
    session = await services_of(app.bot_data).store.last_reflected(7)
    assert session is None


async def test_a_step_sent_in_parts_stays_whole_and_the_next_comes_below(
    make_app: AppFactory, api: FakeBotAPI
) -> None:
    from tests.support.paths import TRAPS

    app = await make_app(skills_dir=TRAPS)
    ada = StartedChat(app, api, 7)
    await ada.send("/practice Long Step")
    await ada.press("Start")
    parts = [m for m in ada.messages() if "Step 1 of 2" in m.text or len(m.text) > 3000]
    assert len(parts) >= 2  # the step went out in parts, its buttons under the last
    pressed = ada.keyboard_message()
    calls = await ada.press("Next")
    methods = [call.method for call in calls]
    assert "editMessageText" not in methods and "sendMessage" in methods
    assert "editMessageReplyMarkup" in methods  # the old buttons are taken away
    assert "Step 2 of 2" in texts(calls)[-1]
    assert (
        pressed.text == next(m for m in ada.messages() if m.message_id == pressed.message_id).text
    )
    # Back to it: sent below again, in parts, and step 2's buttons are taken away.
    step_two = ada.keyboard_message()
    methods = [call.method for call in await ada.press("Back")]
    assert methods.count("sendMessage") >= 2 and "editMessageText" not in methods
    assert "editMessageReplyMarkup" in methods and ada.keyboard_message() != step_two


@pytest.mark.parametrize("backend", [ONLY_POSTGRES], indirect=True)
async def test_on_postgres_a_next_press_waits_for_the_server_twice(
    make_app: AppFactory,
    api: FakeBotAPI,
    migrated_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The person and the practice in one read, then the move: where reading the
    # person, reading the practice and the move were three waits.
    app = await make_app(database_url=migrated_database_url)
    ada = StartedChat(app, api, 7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")  # asyncpg prepares each statement once, here
    sent = count_round_trips(monkeypatch)
    [shown] = texts(await ada.press("Next"))
    assert "Step 3 of 5" in shown
    assert len(sent) == 2, sent


async def test_next_typed_on_a_step_moves_on_and_stop_says_how_to_stop(chat: Chat) -> None:
    # A tester typed "next" on a step and got "tap Next" with two other skills beside it;
    # "stop" got the same.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [moved] = texts(await ada.send("next"))
    assert "Step 2 of 5" in moved and "could help too" not in moved
    [moved] = texts(await ada.send("Weiter!"))
    assert "Step 3 of 5" in moved
    [stop] = texts(await ada.send("stop"))
    assert stop.startswith("To stop for now, tap <b>Pause</b>: your place in Repair is kept.")
    assert "Step 3 of 5" in stop and "could help too" not in stop
    assert button_labels(ada) == ["◀ Back", "Pause", "Next ▶"]
    # On the last step, "next" is Finish: the reflection question.
    await ada.send("next")
    await ada.send("next")
    [finished] = texts(await ada.send("done"))
    assert "What did you notice?" in finished
    # Once more on the reflection question: Skip, never a reflection "next" to praise.
    [skipped] = texts(await ada.send("next"))
    assert "all 5 steps" in skipped and "wrote down" not in skipped
    # "where was I?" shows the step; it does not leave it.
    ben = chat(8)
    await ben.send("/practice")
    await ben.press("Start")
    [again] = texts(await ben.send("where was I?"))
    assert "Step 1 of 5" in again


async def test_done_after_a_reflection_is_not_added_to_it(chat: Chat, app: BotApplication) -> None:
    # A review: "done" typed after writing a reflection was appended to it, and "turn the
    # reminders back on" on the reflection question was kept as one.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for _ in range(4):
        await ada.press("Next")
    await ada.press("Finish")
    [not_kept] = texts(await ada.send("turn the reminders back on"))
    assert "wrote down" not in not_kept
    await ada.send("I noticed I calmed down before I answered.")
    await ada.send("done")
    [kept], _count = await services_of(app.bot_data).store.reflections(7)
    assert kept.text == "I noticed I calmed down before I answered."


async def test_what_is_this_on_a_step_gets_help_with_the_step(chat: Chat) -> None:
    # A review: "what is this?" mid-step got the bot's general help, and no step.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [helped] = texts(await ada.send("what is this?"))
    assert "Step 1 of 5" in helped and "practice companion" not in helped
    # Outside a practice it still asks what the bot is.
    await ada.send("/cancel")
    [about] = texts(await ada.send("what is this?"))
    assert about.startswith("I’m a practice companion for relationship skills.")
