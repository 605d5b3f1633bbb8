"""Free text outside a practice through the real Application: skills offered, never a dead end."""

import pytest

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.telegram.app import BotApplication
from tests.support.app import AppFactory, Chat, StartedChat


def button_labels(person: FakeChat) -> list[str]:
    return [button["text"] for button in person.keyboard_message().buttons]


def labels(person: FakeChat) -> list[str]:
    return [button["text"] for button in person.keyboard_message().buttons]


async def test_free_text_about_a_fight_offers_skills_as_buttons(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("😢 I yelled at my partner again"))
    assert "may help" in reply and "<b>Staying Grounded</b>" in reply
    assert labels(ada)[:2] == ["Practise Staying Grounded ▶", "Common mistakes"]
    assert all(label.startswith("Practise ") for label in labels(ada)[2:])

    [intro] = texts(await ada.press("Practise Staying Grounded"))
    assert intro.startswith("<b>Staying Grounded</b>") and "Tap <b>Start</b>" in intro


async def test_defensive_free_text_finds_defending(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("I got so defensive when he criticised me"))
    assert "<b>Partnering Instead of Defending</b>" in reply
    assert labels(ada)[0] == "Practise Partnering Instead of Defending ▶"
    [mistakes] = texts(await ada.press("Common mistakes"))
    assert "Common mistakes · Partnering Instead of Defending" in mistakes


async def test_nonsense_offers_the_focus_skill(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("asdfghjkl"))
    assert "not sure which skill fits" in reply and "<b>Repair</b>" in reply and "/skills" in reply
    assert labels(ada) == ["Practise Repair ▶", "Common mistakes"]


async def test_the_focus_offered_is_the_persons_own(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/focus staying grounded")
    [reply] = texts(await ada.send("lorem ipsum"))
    assert "<b>Staying Grounded</b>" in reply


async def test_text_mid_practice_keeps_the_step_and_offers_what_fits_beside_it(
    chat: Chat,
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [reply] = texts(await ada.send("I yelled at my partner again"))
    # Met gently, the step still there, and the skill for what happened offered below it.
    assert "If something came up, <b>Pause</b> keeps your place" in reply
    assert "Step 1 of 5" in reply
    assert "<b>Staying Grounded</b> could help too" in reply
    assert button_labels(ada) == ["Pause", "Next ▶", "Practise Staying Grounded ▶"]
    # Pressed, it offers to end Repair first, as /practice would.
    assert "Repair" in "".join(texts(await ada.press("Practise Staying Grounded")))


async def test_text_mid_practice_that_fits_nothing_keeps_just_the_step(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [reply] = texts(await ada.send("ok"))
    assert "tap <b>Next</b>" in reply and "could help too" not in reply
    assert button_labels(ada) == ["Pause", "Next ▶"]


async def test_semantic_matching_through_the_application(
    make_app: AppFactory, api: FakeBotAPI
) -> None:
    pytest.importorskip("wordllama")
    app: BotApplication = await make_app(skill_matching="semantic")
    ada = StartedChat(app, api, 7)
    [reply] = texts(await ada.send("I lose my temper and start shouting"))
    assert "<b>Staying Grounded</b>" in reply
    [reply] = texts(await ada.send("asdfghjkl"))
    assert "not sure which skill fits" in reply


async def test_emoji_of_hurt_alone_are_met_before_any_skill(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("😭😭😭"))
    assert reply.startswith("I see you. You don’t have to put it into words.")
    assert "/support" in reply and "Practise" not in reply
    [thumbs] = texts(await ada.send("👍"))
    assert "I see you" not in thumbs  # other emoji go on to the skills as before


async def test_a_plea_for_help_is_met_with_where_to_find_it_first(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("please help me"))
    assert reply.startswith("<b>I’m here. If you’re in danger")
    assert reply.index("findahelpline.com") < reply.index("/help")  # help before the bot
    assert reply.endswith("I’ll find a skill that fits.") and "Practise" not in reply


async def test_hurt_help_and_thanks_mid_practice_are_answered_as_anywhere(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [hurt] = texts(await ada.send("😭😭💔"))
    assert hurt.startswith("I see you.") and "Step" not in hurt
    [plea] = texts(await ada.send("help me"))
    assert plea.startswith("<b>I’m here.")
    [thanks] = texts(await ada.send("thanks"))
    assert thanks.startswith("You’re welcome.")
    # The practice waited where it was.
    assert button_labels(ada) == ["Pause", "Next ▶"]
    assert "Step 1 of 5" in ada.keyboard_message().text


async def test_help_thanks_hello_and_ok_are_answered_as_a_person_would(chat: Chat) -> None:
    ada = chat(7)
    [helped] = texts(await ada.send("help"))
    assert "/practice" in helped and "/support" in helped and "may help" not in helped
    [thanked] = texts(await ada.send("thanks!"))
    assert thanked == "You’re welcome. I’m here whenever you want to practise."
    [hello] = texts(await ada.send("hi"))
    assert hello.startswith("Hi! Send /practice")
    [ok] = texts(await ada.send("ok"))
    assert "/practice" in ok and "not sure which skill" not in ok


async def test_words_that_put_them_down_are_met_not_matched_to_a_skill(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("we had a huge fight and he called me a stupid bitch"))
    assert reply.startswith("<b>Being spoken to like that hurts")
    assert "Feedback" not in reply and "/support" in reply
    assert button_labels(ada) == ["See the skills"]
    [listed] = texts(await ada.press("See the skills"))
    assert "Repair" in listed


async def test_their_own_pain_in_a_few_words_is_met_not_given_a_skill(chat: Chat) -> None:
    # A tester on a hard day got "Holding Discomfort" for this, and the focus skill's
    # Practise button for "I can't do this anymore".
    ada = chat(7)
    for words in ("I can't stop crying, what's the point", "I can't do this anymore"):
        [reply] = texts(await ada.send(words))
        assert reply.startswith("<b>That sounds really hard, and I’m glad you told me.</b>")
        assert "/support" in reply and "may help" not in reply and "Practise" not in reply
        assert button_labels(ada) == ["See the skills"]
    # A story with the same feeling in it goes to the skills, as before.
    [story] = texts(await ada.send("I feel sad about what I said to her when we argued"))
    assert "That sounds really hard" not in story


async def test_a_long_story_with_their_pain_in_it_says_where_people_are_first(
    chat: Chat,
) -> None:
    # A second trial: this got Holding Discomfort, thanked, with no /support.
    ada = chat(7)
    story = "my wife left last week and I feel so alone and I can't stop crying every night"
    [reply] = texts(await ada.send(story))
    assert reply.startswith("<i>Thank you for telling me all that. It sounds really hard")
    assert "/support" in reply and "may help" in reply  # the skills still follow
    # A long story with no pain in it is thanked as before.
    [plain] = texts(
        await ada.send(
            "we want to plan a date night next week and keep arguing "
            "about where to go and who pays"
        )
    )
    assert plain.startswith("<i>Thank you for telling me all that.</i>")


async def test_common_mistakes_asked_in_words_show_the_named_skills(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("what are the common mistakes with holding discomfort?"))
    assert reply.startswith("<b>Common mistakes · Holding Discomfort</b>")
    assert button_labels(ada) == ["Practise Holding Discomfort"]
    # Without a name: the focus skill's.
    [focus] = texts(await ada.send("common mistakes?"))
    assert focus.startswith("<b>Common mistakes · Repair</b>")
    # Telling of one is something that happened: skills that fit, as before.
    [told] = texts(await ada.send("I made a mistake with Repair"))
    assert "Common mistakes ·" not in told


async def test_mistakes_asked_mid_practice_are_the_practised_skills(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [reply] = texts(await ada.send("what are the typical mistakes here?"))
    assert reply.startswith("<b>Common mistakes · Repair</b>")
    assert button_labels(ada) == ["Pause", "Next ▶"]  # the step's own, still there


async def test_someone_telling_what_happened_is_heard_before_any_skill(chat: Chat) -> None:
    ada = chat(7)
    told = (
        "we had a huge fight about the dishes again, I slammed the door and now I am "
        "sitting in the car and I don't know what to do"
    )
    [reply] = texts(await ada.send(told))
    assert reply.startswith("<i>Thank you for telling me all that.</i>\n\n")
    assert "Practise" in " ".join(button_labels(ada))  # and then the way forward
    [short] = texts(await ada.send("the same fight again"))
    assert "Thank you for telling me" not in short  # a few words: no ceremony


async def test_where_someone_lives_typed_as_a_message_offers_that_time_zone(
    chat: Chat,
) -> None:
    ada = chat(7)
    [offer] = texts(await ada.send("I live in Lisbon"))
    assert offer.startswith("Is this the “Lisbon” you mean?")
    assert [b["text"] for b in ada.keyboard_message().buttons] == ["Lisbon · Europe/Lisbon"]
    await ada.send("I live in Dublin")  # the one the zone is named after, first
    assert [b["text"] for b in ada.keyboard_message().buttons][:2] == [
        "Dublin · Europe/Dublin",
        "Dublin, California, United States",
    ]


async def test_asked_what_it_is_the_bot_says_plainly_it_is_a_bot(chat: Chat) -> None:
    # A tester: "are you AI?" and "who are you" got "I'm not sure which skill fits that",
    # "is this a real person?" got Integrating Feedback.
    ada = chat(7)
    for question in ("are you AI?", "who are you", "is this a real person?"):
        [answer] = texts(await ada.send(question))
        assert answer.startswith("I’m a bot, not a person:") and "/support" in answer
    [answer] = texts(await ada.send("what is this?"))
    assert answer.startswith("I’m a practice companion for relationship skills.")


async def test_a_place_in_words_that_names_several_offers_them(chat: Chat) -> None:
    # A sweep: "I live in Odessa" got "I'm not sure which skill fits that", where
    # /timezone Odessa asks Ukraine or Texas.
    ada = chat(7)
    for typed in ("I live in Odessa", "my time zone is GMT"):
        [asked] = texts(await ada.send(typed))
        assert "Which one do you mean?" in asked, typed
    first = ada.keyboard_message().buttons[0]["text"]
    assert first.startswith("UK, with summer")
