"""Safety language through the real Application: help first, in every state, nothing logged."""

import io
import logging
from datetime import timedelta

import pytest
from sqlalchemy import text

from bot.domain.models import SessionStatus
from bot.domain.nudge_policy import REST_AFTER_SAFETY
from bot.logs import configure_logging
from bot.offline import FakeBotAPI
from bot.offline.api import Call
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.offline.updates import message_update
from bot.telegram.app import BotApplication
from bot.telegram.context import services_of
from tests.support.app import AppFactory, Chat
from tests.support.clock import FakeClock
from tests.support.environment import TOKEN

CRISIS = "I feel hopeless. I think about ending my life."
SUPPORT = "Samaritans: call 116 123, any time."


@pytest.fixture
async def app(make_app: AppFactory) -> BotApplication:
    return await make_app(support_text=SUPPORT)


def only_reply(calls: list[Call]) -> tuple[str, object]:
    [call] = [c for c in calls if c.method == "sendMessage"]
    assert call.message is not None
    return call.message.text, call.params.get("reply_markup")


def assert_help_first(reply: str) -> None:
    assert reply.startswith("<b>I’m really glad you told me")
    assert SUPPORT in reply and "/support" in reply
    for push in ("Well done", "/practice", "Practise", "Next", "Step "):
        assert push not in reply


async def test_crisis_free_text_gets_help_and_nothing_else(chat: Chat) -> None:
    reply, keyboard = only_reply(await chat(7).send("i dont want to live anymore"))
    assert_help_first(reply)
    assert keyboard is None


async def test_danger_from_a_partner_gets_its_own_line(chat: Chat) -> None:
    reply, _ = only_reply(await chat(7).send("I’m scared of what she’ll do tonight"))
    assert reply.startswith("<b>What you describe sounds frightening")
    assert SUPPORT in reply


async def test_crisis_text_mid_practice_gets_help_and_the_practice_waits(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    reply, keyboard = only_reply(await ada.send("honestly i just wanna kms"))
    assert_help_first(reply)
    assert keyboard is None  # no step, no Next button: no push to practise
    opened = await services_of(app.bot_data).coach.current(7)
    assert opened.session is not None
    assert opened.session.status is SessionStatus.ACTIVE and opened.session.step == 1


# The first reply of a stretch of listening, then the ones that follow it, in turn.
LISTENING = (
    "<b>I’m here, and I’m listening.</b>",
    "<b>I’m still listening.</b>",
    "<b>Thank you for telling me.</b>",
    "<b>I hear you.</b>",
)


def listened(reply: str) -> bool:
    return reply.startswith(LISTENING)


async def test_someone_who_goes_on_writing_is_not_answered_with_the_same_words(
    chat: Chat, clock: FakeClock
) -> None:
    # A tester wrote three messages after help was given and got one reply three times.
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    replies = []
    for words in ("thank you. I'm just so tired", "I feel so stupid", "he said awful things",
                  "I don't know what to do"):  # fmt: skip
        clock.advance(minutes=2)
        [reply] = texts(await ada.send(words))
        replies.append(reply)
    assert [reply.split("</b>")[0] + "</b>" for reply in replies] == list(LISTENING)
    assert "emergency number" in replies[0]  # where help is, first
    clock.advance(minutes=31)  # a while later: where help is, again
    [reply] = texts(await ada.send("it's happening again"))
    assert reply.startswith(LISTENING[0]) and "emergency number" in reply


async def test_what_follows_help_is_met_not_matched_to_a_skill(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    only_reply(await ada.send("I'm scared to go home"))
    for number, words in enumerate(("I'm scared", "also he was really drunk again")):
        clock.advance(minutes=5)
        [reply] = texts(await ada.send(words))
        assert listened(reply)
        assert "Resume" not in reply and "Practise" not in reply
        if number == 0:
            assert "Nothing you started is lost" in reply  # their practice waits
            # …but is not offered: after danger from a partner the safety reply said
            # couples exercises are not meant for that relationship.
            assert "/practice" not in reply
    [thanks] = texts(await ada.send("thanks"))
    assert thanks.startswith("You’re welcome. I’m here whenever you need me")
    # For days, whatever they press or send between: a command, a button, a question.
    await ada.send("/support")
    clock.advance(days=2)
    [still] = texts(await ada.send("i'm so scared"))
    assert still.startswith("<b>I’m here, and I’m listening.</b>")
    # After them, text is read as before.
    clock.advance(days=1, minutes=1)
    replies = texts(await ada.send("I get so defensive when she criticises me"))
    assert not any("I’m listening" in reply for reply in replies)


async def test_in_the_days_after_danger_a_practices_card_says_to_go_gently_first(
    chat: Chat, clock: FakeClock
) -> None:
    # A tester: right after "he hit me", /practice showed Repair ("Without repair, wounds
    # deepen…") as if to repair with him.
    ada = chat(7)
    await ada.send("/start")
    [before] = texts(await ada.send("/practice"))
    assert "Go gently today" not in before
    await ada.press("Cancel")
    only_reply(await ada.send("he hit me"))
    [card] = texts(await ada.send("/practice"))
    assert card.startswith("<i>Go gently today.") and "/support comes first" in card
    assert "Tap <b>Start</b>" in card  # the practice is still theirs to choose
    await ada.press("Cancel")
    # /start's Try … now goes straight to step 1, past the card: the welcome says it.
    [welcome] = texts(await ada.send("/start"))
    assert welcome.startswith("<i>Go gently today.")
    clock.advance(days=3, minutes=1)
    [after] = texts(await ada.send("/practice"))
    assert "Go gently today" not in after
    assert "Go gently today" not in texts(await ada.send("/start"))[0]


async def test_listening_holds_with_a_question_open_and_ends_when_they_say_so(
    chat: Chat,
) -> None:
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    await ada.send("/pause")  # a question is open: "7" would answer it, this does not
    [met] = texts(await ada.send("we had a fight last night and I feel awful"))
    assert met.startswith("<b>I’m here, and I’m listening.</b>")
    # No practice started: nothing is promised to be kept, and none is offered.
    assert met.endswith("Tell me more if you like.") and "Nothing you started" not in met
    [harm] = texts(await ada.send("💊💊💊"))  # emoji of harm: help in the reply itself
    assert SUPPORT in harm
    # Their way out of the days of listening: the button under the reply.
    [after] = texts(await ada.press("I’m okay, suggest skills again"))
    assert after.startswith("Glad to hear it.")
    replies = texts(await ada.send("we had a fight last night and I feel awful"))
    assert not any("I’m listening" in reply for reply in replies)


async def test_i_am_okay_ends_only_its_own_days_and_not_for_who_hurt_someone(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    await ada.send("he is shouting again")
    old_reply = ada.keyboard_message()
    clock.advance(hours=1)
    only_reply(await ada.send("I'm scared to go home"))  # a newer disclosure
    [refused] = callback_answers(await ada.press("I’m okay", old_reply))
    assert refused  # the earlier reply's button ends nothing now
    [still] = texts(await ada.send("he is shouting again"))
    assert still.startswith("<b>I’m here, and I’m listening.</b>")
    # Someone who said they hurt someone (and is at risk too) gets no such button.
    ben = chat(8)
    await ben.send("I hit my wife last night and I'm scared he will kill me")
    [met] = texts(await ben.send("she left"))
    assert met.startswith("<b>I’m here, and I’m listening.</b>")
    assert not any(m.buttons for m in ben.messages()[-1:])


async def test_where_was_i_with_no_practice_waiting_is_met_while_listening(
    chat: Chat,
) -> None:
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    [met] = texts(await ada.send("where was I?"))
    assert met.startswith("<b>I’m here, and I’m listening.</b>")  # not "find a skill"


async def test_in_the_days_of_listening_the_practice_comes_back_with_no_skill_beside_it(
    chat: Chat,
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    only_reply(await ada.send("tengo miedo de volver a casa, se enoja mucho"))
    for words in ("¿dónde estaba?", "back to my practice"):
        [step] = texts(await ada.send(words))
        assert "Step 1 of 5" in step or "Paso 1 de 5" in step
        assert "could help too" not in step and "también podría" not in step
        labels = [button["text"] for button in ada.keyboard_message().buttons]
        assert labels == ["Pause", "Next ▶"]  # the step's own, no other skill's


async def test_in_the_days_of_listening_a_question_for_the_mistakes_is_answered(
    chat: Chat,
) -> None:
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    [mistakes] = texts(await ada.send("what are the common mistakes with repair?"))
    assert mistakes.startswith("<b>Common mistakes · Repair</b>")
    await ada.send("/practice")
    await ada.press("Start")
    [mid] = texts(await ada.send("what are the common mistakes with repair?"))
    assert mid.startswith("<b>Common mistakes · Repair</b>")


@pytest.mark.parametrize(
    "words",
    [
        "which mistakes? I'm so tired of everything",
        "what mistakes did I make? he left me and I can't stop crying",
        "the biggest mistake was staying with him",
        "he keeps making the same mistakes with me, why?",
        "welche Fehler habe ich gemacht? ich kann nicht mehr",
    ],
)
async def test_in_the_days_of_listening_mistakes_told_of_are_met_not_answered_with_a_list(
    chat: Chat, words: str
) -> None:
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    [met] = texts(await ada.send(words))  # in German too: no offer to speak it then
    assert met.startswith("<b>I’m here, and I’m listening.</b>")


async def test_in_the_days_of_listening_more_words_are_met_not_filed_in_a_note(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    await ada.send("/practice")
    await ada.press("Start")
    for _ in range(4):
        await ada.press("Next")
    await ada.press("Finish")
    await ada.send("It went a little better today.")  # asked for: kept, as ever
    [met] = texts(await ada.send("I'm so scared, he is shouting again"))
    assert met.startswith("<b>I’m here, and I’m listening.</b>")
    [met] = texts(await ada.send("the biggest mistake was staying with him, I feel so alone"))
    assert listened(met)
    session = await services_of(app.bot_data).store.last_reflected(7)
    assert session is not None and session.reflection == "It went a little better today."


async def test_stopping_forgetting_and_going_back_are_done_right_after_help(
    chat: Chat,
) -> None:
    ada = chat(7)
    only_reply(await ada.send("I'm scared to go home"))
    [asked] = texts(await ada.send("delete my data"))
    assert asked.startswith("<b>Delete everything")
    [stop] = texts(await ada.send("stop sending me messages"))
    assert stop.startswith("<b>Shall I stop the daily nudges?</b>")


async def test_harm_to_others_puts_their_safety_first_and_what_follows_is_met(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    reply, keyboard = only_reply(await ada.send("I hit my wife last night"))
    assert reply.startswith("<b>What you describe could put someone in danger")
    assert SUPPORT in reply and keyboard is None
    assert "nudges will rest" not in reply  # they are not the one at risk
    person = await services_of(app.bot_data).store.get_user(7)
    assert person is not None and person.paused_until is None
    [next_reply] = texts(await ada.send("she is crying now"))
    assert next_reply.startswith("<b>I’m here, and I’m listening.</b>")  # not Repair


async def test_partner_danger_says_this_chat_can_be_deleted(chat: Chat) -> None:
    reply, _ = only_reply(await chat(7).send("I’m scared of what she’ll do tonight"))
    assert "you can delete this chat in Telegram" in reply
    assert "aren’t meant for a relationship with violence" in reply
    assert "domestic-violence helpline" in reply


async def test_emoji_of_harm_alone_get_where_help_is_in_the_reply(chat: Chat) -> None:
    [reply] = texts(await chat(7).send("💊💊💊"))
    assert reply.startswith("<b>I see you. If you’re thinking of hurting yourself")
    assert SUPPORT in reply


async def test_a_crisis_reflection_is_saved_and_answered_with_help_not_praise(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    for _ in range(4):
        await ada.press("Next")
    await ada.press("Finish")
    reply, keyboard = only_reply(await ada.send(CRISIS))
    assert_help_first(reply)
    assert "What you wrote is kept" in reply and keyboard is None
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        row = (await conn.execute(text("SELECT status, reflection FROM practice_sessions"))).one()
    assert row == ("completed", CRISIS)


async def test_commands_edits_and_captions_are_read_for_safety_too(
    chat: Chat, api: FakeBotAPI
) -> None:
    ada = chat(7)
    reply, _ = only_reply(await ada.send("/practice i want to kill myself"))
    assert_help_first(reply)
    edited = message_update(api, 7, "he hits me when he drinks")
    edited["edited_message"] = edited.pop("message")
    reply, _ = only_reply(await ada.feed(edited))
    assert reply.startswith("<b>What you describe")
    photo = message_update(
        api,
        7,
        photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
        caption="i want to die",
    )
    reply, _ = only_reply(await ada.feed(photo))
    assert_help_first(reply)


async def test_ordinary_figures_of_speech_are_not_answered_as_a_crisis(chat: Chat) -> None:
    for words in ("that joke killed me", "we hit the gym"):
        [reply] = texts(await chat(7).send(words))
        assert SUPPORT not in reply


async def test_no_words_reach_the_logs_when_safety_language_is_noticed(
    chat: Chat, app: BotApplication
) -> None:
    configure_logging("DEBUG", [TOKEN])
    logs = io.StringIO()
    root = logging.getLogger()
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(logs)
    free, mid, reflection = (
        "i want to kill myself tonight",
        "my husband choked me again",
        "I have pills saved up and a note written",
    )
    try:
        ada, bo = chat(7), chat(8)
        await ada.send(free)
        await bo.send("/practice")
        await bo.press("Start")
        await bo.send(mid)
        for _ in range(4):
            await bo.press("Next")
        await bo.press("Finish")
        await bo.send(reflection)
    finally:
        root.handlers.clear()
    written = logs.getvalue()
    assert "safety language noticed (self_harm) from user 7" in written
    assert "safety language noticed (partner_danger) from user 8" in written
    for sentence in (free, mid, reflection):
        for word in sentence.split():
            if len(word) > 4:  # "kill", "pills", "choked", "husband", "saved", "note"…
                assert word not in written, word


async def test_help_without_an_operator_text_comes_in_the_persons_language(
    make_app: AppFactory, api: FakeBotAPI
) -> None:
    app = await make_app()  # no SUPPORT_TEXT: the bot's own, translated
    lena = FakeChat(app, api, 41, "Lena", "de")
    await lena.send("/start")
    reply, _markup = only_reply(await lena.send("Ich will mir etwas antun"))
    assert reply.startswith("<b>Ich bin wirklich froh, dass du es mir sagst")
    assert "ruf jetzt den Notruf an" in reply and "findahelpline.com" in reply
    assert "call your local emergency number" not in reply
    [again] = texts(await lena.send("/support"))
    assert "ruf jetzt den Notruf an" in again


async def test_daily_nudges_rest_for_a_few_days_after_safety_language(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    # The day after "he grabbed my wrist" is no day for a Repair step telling them to
    # reach out to him.
    ada = chat(7)
    await ada.send("/start")
    reply, _ = only_reply(await ada.send("he grabbed my wrist and I’m scared to go back in"))
    assert reply.endswith(
        "<i>Your daily nudges will rest for the next 3 days; /resume brings them back.</i>"
    )
    store = services_of(app.bot_data).store
    person = await store.get_user(7)
    assert person is not None and person.paused_until == clock() + REST_AFTER_SAFETY


async def test_a_longer_pause_is_kept_and_nudges_switched_off_stay_unmentioned(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    store = services_of(app.bot_data).store
    ada = chat(7)
    await ada.send("/start")
    await ada.send("/pause 14")
    reply, _ = only_reply(await ada.send(CRISIS))
    assert "nudges" not in reply  # the pause they chose is kept, and not misdescribed
    person = await store.get_user(7)
    assert person is not None and person.paused_until == clock() + timedelta(days=14)

    ben = chat(8)
    await ben.send("/start")
    await ben.send("/remind off")
    reply, _ = only_reply(await ben.send(CRISIS))
    assert_help_first(reply)
    assert "nudges" not in reply
    person = await store.get_user(8)
    assert person is not None and person.paused_until is None


async def test_asked_whether_to_leave_in_the_days_after_danger_is_answered(
    chat: Chat, clock: FakeClock
) -> None:
    # A tester: "should I leave him?" after "he hit me again" got "Thank you for telling
    # me. I'm here." like any other message.
    ada = chat(7)
    only_reply(await ada.send("he hit me again last night"))
    clock.advance(minutes=2)
    await ada.send("I don't know what to do")
    clock.advance(minutes=2)
    [answer] = texts(await ada.send("should I leave him?"))
    assert answer.startswith("<b>That’s a big decision, and it’s yours to make.</b>")
    assert "plan to do it safely" in answer and "/support" in answer
    # Outside those days it is a question like any other (the skills may have one).
    clock.advance(days=3, minutes=1)
    replies = texts(await ada.send("should I leave him?"))
    assert not any("big decision" in reply for reply in replies)


async def test_in_the_days_after_danger_next_who_are_you_and_pain_are_answered(
    chat: Chat, clock: FakeClock
) -> None:
    # A review: after a disclosure, "next" on a step, "who are you?" got "I'm still
    # listening", and pain said again got a short reply without where help is.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    only_reply(await ada.send("I'm scared to go home"))
    clock.advance(minutes=1)
    [moved] = texts(await ada.send("next"))
    assert "Step 2 of 5" in moved
    [about] = texts(await ada.send("who are you?"))
    assert about.startswith("I’m a bot, not a person:")
    clock.advance(minutes=1)
    await ada.send("it's all so much")
    clock.advance(minutes=1)
    [again] = texts(await ada.send("I don't want to be here"))
    assert again.startswith("<b>I’m here, and I’m listening.</b>") and "emergency" in again


async def test_what_s_next_after_a_disclosure_does_not_move_a_couples_exercise_on(
    chat: Chat, clock: FakeClock
) -> None:
    # A review: "what's next?" right after "my husband hits me" moved Repair to step 2.
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    only_reply(await ada.send("my husband hits me and I am scared to go home"))
    clock.advance(minutes=1)
    [reply] = texts(await ada.send("what's next?"))
    assert "Step 2 of 5" not in reply
