"""A few words that are not about a skill are told apart from everything else."""

import pytest

from bot.domain.small_talk import SmallTalk, asks_for_next, small_talk


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("help", SmallTalk.HELP),
        ("what can you do?", SmallTalk.HELP),
        # A tester, new to the bot: each got "I'm not sure which skill fits that".
        ("what is this?", SmallTalk.HELP),
        ("how do i use this", SmallTalk.HELP),
        ("was ist das hier?", SmallTalk.HELP),
        ("¿cómo funciona?", SmallTalk.HELP),
        ("что это такое?", SmallTalk.HELP),
        ("who are you", SmallTalk.ABOUT),
        ("turn off the reminders please", SmallTalk.STOP),
        ("Erinnerungen ausschalten", SmallTalk.STOP),
        ("turn reminders back on", SmallTalk.NUDGES_ON),
        ("activa los recordatorios", SmallTalk.NUDGES_ON),
        ("включи напоминания", SmallTalk.NUDGES_ON),
        ("are you AI?", SmallTalk.ABOUT),
        ("is this a real person?", SmallTalk.ABOUT),
        ("bist du ein Bot?", SmallTalk.ABOUT),
        ("¿eres una persona?", SmallTalk.ABOUT),
        ("кто ты?", SmallTalk.ABOUT),
        ("Hilfe", SmallTalk.HELP),
        ("Help!", SmallTalk.PLEA),
        ("please help me", SmallTalk.PLEA),
        ("hilf mir", SmallTalk.PLEA),
        ("¡Ayuda!", SmallTalk.PLEA),
        ("ayúdame", SmallTalk.PLEA),
        ("Помогите!", SmallTalk.PLEA),
        ("ayúdame por favor", SmallTalk.PLEA),
        ("auxilio", SmallTalk.PLEA),
        ("ayuda por favor", SmallTalk.PLEA),
        ("help pls", SmallTalk.PLEA),
        ("can you help me please", SmallTalk.PLEA),
        ("помогите пожалуйста", SmallTalk.PLEA),
        ("🙂👍", SmallTalk.OK),
        ("🔥🔥🔥", SmallTalk.OK),
        ("❤️", SmallTalk.OK),
        ("👍🏽", SmallTalk.OK),
        ("🫶", SmallTalk.OK),
        ("thanks 🙏", SmallTalk.THANKS),
        ("Danke!", SmallTalk.THANKS),
        ("спасибо", SmallTalk.THANKS),
        ("hi", SmallTalk.HELLO),
        ("Hola", SmallTalk.HELLO),
        ("Okay.", SmallTalk.OK),
        ("vale", SmallTalk.OK),
        ("Where was I?", SmallTalk.CONTINUE),
        ("let's continue", SmallTalk.CONTINUE),
        ("weiter bitte", SmallTalk.CONTINUE),
        ("¿Dónde nos quedamos?", SmallTalk.CONTINUE),
        ("На чём мы остановились?", SmallTalk.CONTINUE),
        # Stops and marks alone: a question mark asks what this is, the rest is a nod.
        ("?", SmallTalk.HELP),
        ("??", SmallTalk.HELP),
        ("¿?", SmallTalk.HELP),
        (".", SmallTalk.OK),
        ("…", SmallTalk.OK),
        ("!!!", SmallTalk.OK),
    ],
)
def test_the_few_words(text: str, kind: SmallTalk) -> None:
    assert small_talk(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "",
        "help me, he hits me",
        "I need help with my partner",
        "thanks for nothing, ok",
        "I can't continue like this",
        "where was I when he needed me",
    ],
)
def test_anything_more_is_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


def test_stop_alone_is_told_from_a_request_about_the_nudges() -> None:
    from bot.domain.small_talk import bare_stop

    for alone in ("stop", "Stop!", "стоп", "basta."):
        assert bare_stop(alone) and small_talk(alone) is SmallTalk.STOP, alone
    for about_nudges in ("unsubscribe", "stop sending me messages", "leave me alone"):
        assert not bare_stop(about_nudges) and small_talk(about_nudges) is SmallTalk.STOP


@pytest.mark.parametrize(
    "text",
    [
        "please delete everything about me",
        "I want you to delete all my data",
        "remove all my information",
        "forget everything about me",
        "delete everything you know about me",
        "can you erase all my data?",
        "wipe my data from your database",
        "Lösche alles über mich",
        "vergiss alles über mich",
        "borra todo sobre mí",
        "eliminar todos mis datos",
        "удали всё обо мне",
        "забудь всё обо мне",
        # a second trial: someone whose partner may read the phone
        "can you delete all my stuff",
    ],
)
def test_asking_in_a_sentence_for_everything_to_go_is_forget(text: str) -> None:
    # /forget asks before deleting anything: these get its question and its two buttons.
    assert small_talk(text) is SmallTalk.FORGET


@pytest.mark.parametrize(
    "text",
    [
        # a second trial: someone whose partner may read the phone
        "erase everything I wrote",
        "how do I delete my reflections?",
        "delete my notes",
        "please delete all my notes",
        "can you remove what I wrote",
        "lösche meine Notizen",
        "bitte lösch alle meine Notizen",
        "borra mis notas",
        "eliminar todo lo que escribí",
        "удали мои заметки",
        "сотри всё что я написала",
        # a trial of the first version: the singular, the bot's own button words, and
        # word orders it missed
        "delete my note",
        "delete that note",
        "get rid of my notes",
        "I want my notes gone",
        "forget my notes",
        "Meine Notizen löschen",
        "lösche meine Gedanken",
        "Удалить мои заметки",
        "заметки удали",
        "borra mi nota",
    ],
)
def test_asking_for_their_notes_to_go_is_forget_notes(text: str) -> None:
    # Asked about the notes alone, with /forget named for everything else.
    assert small_talk(text) is SmallTalk.FORGET_NOTES


@pytest.mark.parametrize(
    "text",
    [
        "I want to forget what I wrote to him",
        "forget what I wrote",  # "never mind", as often
        "he deleted my notes",
        "my notes are a mess",
        "delete the note he wrote",
    ],
)
def test_notes_said_otherwise_are_not_forget_notes(text: str) -> None:
    assert small_talk(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "forget it",
        "forget about it",
        "I want to forget him",
        "I want to forget everything about him",
        "he deleted all my messages",
        "delete the last message",
        "remove the reminder",
        "I wish I could delete everything I said to her",
        # What happened to them, not their data (a reviewer: these got "Delete everything
        # about you?").
        "I want to forget everything",
        "how do I forget everything",
        "I need to forget everything",
        "I want to destroy everything",
        "destroy me",
        "clear everything",
        "I want to forget everything about that night",
        "forget everything I said",  # "never mind", as often
    ],
)
def test_deleting_something_else_is_not_forget(text: str) -> None:
    assert small_talk(text) is not SmallTalk.FORGET


@pytest.mark.parametrize(
    "text",
    ["next", "Next!", "next please", "weiter", "fertig", "siguiente", "дальше", "what's next?"],
)
def test_next_in_words(text: str) -> None:
    assert asks_for_next(text)


@pytest.mark.parametrize(
    "text", ["where was I?", "continue", "seguir", "next time", "I'm done with him", "ok"]
)
def test_not_next(text: str) -> None:
    assert not asks_for_next(text)


def test_only_the_button_word_is_next_when_asked_to_be_strict() -> None:
    # In the days after a disclosure "what's next?" and "done" may be about their life.
    assert asks_for_next("weiter!", button_word_only=True)
    assert not asks_for_next("what's next?", button_word_only=True)
    assert not asks_for_next("done", button_word_only=True)
