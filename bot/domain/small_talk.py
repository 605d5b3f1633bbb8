"""A few words that are not about a skill at all: asking how the bot works, asking for
help, thanks, a greeting, an "ok". Answered as a person would, not with "I'm not sure
which skill fits".

Pure: text in, a kind (or None) out. Whole messages only, in the bot's languages.
"""

from __future__ import annotations

import re
from enum import StrEnum


class SmallTalk(StrEnum):
    """What a short message is, when it is none of a skill's business."""

    HELP = "help"
    # "who are you?", "are you AI?", "is this a real person?": what the bot is.
    ABOUT = "about"
    # "help me", "помогите": a person asking for help, not how the bot works.
    PLEA = "plea"
    THANKS = "thanks"
    HELLO = "hello"
    OK = "ok"
    # "where was I?", "weiter", "continuar": back to the practice they left.
    CONTINUE = "continue"
    # "stop sending me messages", "unsubscribe": the daily nudges, off or paused.
    STOP = "stop"
    # "turn the reminders back on": the daily nudges, on again.
    NUDGES_ON = "nudges_on"
    # "forget me", "delete my data": what /forget does, asked in words.
    FORGET = "forget"
    # "delete my notes", "erase what I wrote": their reflections only, asked in words.
    FORGET_NOTES = "forget_notes"


_WORDS: dict[SmallTalk, tuple[str, ...]] = {
    SmallTalk.HELP: (
        "help", "what can you do", "how does this work", "how does it work", "what is this",
        "whats this", "what s this", "what is this bot", "how do i use this",
        "how do i use you", "how to use this",
        "hilfe", "was kannst du", "was ist das", "was ist das hier", "wie funktioniert das",
        "wie funktioniert das hier",
        "ayuda", "qué puedes hacer", "qué es esto", "que es esto", "cómo funciona",
        "como funciona", "cómo funciona esto", "como funciona esto",
        "помощь", "что ты умеешь", "что это", "что это такое", "как это работает",
    ),
    SmallTalk.ABOUT: (
        "who are you", "what are you", "are you ai", "are you an ai", "are you a bot",
        "are you a robot", "are you real", "are you human", "are you a person",
        "are you a real person", "is this a real person", "is this a bot", "is this ai",
        "am i talking to a bot", "am i talking to a person", "am i talking to a human",
        "are you a human", "am i talking to a real person", "are you a therapist",
        "is this a therapist", "are you a real therapist",
        "wer bist du", "was bist du", "bist du ein bot", "bist du eine ki", "bist du echt",
        "bist du ein mensch", "ist das ein bot",
        "quién eres", "quien eres", "qué eres", "que eres", "eres un bot", "eres una ia",
        "eres real", "eres humano", "eres una persona", "eres una persona real",
        "eres un terapeuta",
        "кто ты", "ты кто", "ты бот", "ты робот", "ты человек", "ты настоящий",
        "ты живой человек", "ты психолог",
        "это бот",
    ),
    SmallTalk.PLEA: (
        "help me", "help please", "please help", "please help me", "somebody help",
        "someone help me", "i need help", "help me please", "can you help me",
        "could you help me", "can you help", "kannst du mir helfen", "puedes ayudarme",
        "me puedes ayudar", "можешь помочь", "можешь мне помочь",
        "hilf mir", "bitte hilf mir", "hilfe bitte", "ich brauche hilfe",
        "ayúdame", "ayudame", "ayúdenme", "ayudenme", "necesito ayuda", "auxilio", "socorro",
        "sos",
        "помоги", "помогите", "помоги мне", "помогите мне", "мне нужна помощь",
    ),
    SmallTalk.THANKS: (
        "thanks", "thank you", "thank you so much", "thanks a lot", "thx", "ty", "cheers",
        "thanks that helped", "thank you that helped", "that helped", "that helped thanks",
        "that was helpful", "thanks that was helpful", "thats helpful", "that s helpful",
        "danke das hat geholfen", "das hat geholfen", "gracias me ayudó", "gracias me ayudo",
        "me ayudó", "me ayudo", "спасибо помогло", "помогло спасибо", "это помогло",
        "danke", "danke schön", "dankeschön", "vielen dank",
        "gracias", "muchas gracias",
        "спасибо", "спасибо большое", "благодарю",
    ),
    SmallTalk.HELLO: (
        "hi", "hello", "hey", "hi there", "good morning", "good evening",
        "hallo", "hi du", "guten morgen", "guten abend", "servus", "moin",
        "hola", "buenos días", "buenas", "buenas tardes", "buenas noches",
        "привет", "здравствуйте", "здравствуй", "добрый день", "доброе утро", "добрый вечер",
    ),
    SmallTalk.OK: (
        "ok", "okay", "k", "kk", "alright", "got it", "sure", "fine", "cool", "done",
        "gut", "alles klar", "passt", "fertig",
        "vale", "bueno", "de acuerdo", "entendido", "listo",
        "ок", "окей", "ладно", "хорошо", "понятно", "ясно", "готово",
    ),
    SmallTalk.CONTINUE: (
        "continue", "resume", "where was i", "where were we", "carry on", "keep going",
        "lets continue", "let s continue", "back to it", "back to my practice",
        "continue my practice", "resume my practice", "continue practice",
        "weiter", "weitermachen", "fortsetzen", "wo war ich", "wo waren wir",
        "weiter üben", "lass uns weitermachen",
        "continuar", "seguir", "sigamos", "continuemos", "dónde estaba", "donde estaba",
        "dónde nos quedamos", "donde nos quedamos", "dónde me quedé", "donde me quede",
        "продолжить", "продолжим", "продолжай", "где мы остановились",
        "на чём мы остановились", "на чем мы остановились", "где я остановился",
        "где я остановилась",
    ),
    SmallTalk.STOP: (
        "stop", "stop it", "please stop", "stop messaging me", "stop sending me messages",
        "stop texting me", "stop writing to me", "stop sending messages", "stop the nudges",
        "stop the reminders", "stop reminding me", "stop nudging me", "no more messages",
        "no more reminders", "no more nudges", "unsubscribe", "stop notifications",
        "stopp", "hör auf", "hoer auf", "hör auf mir zu schreiben", "keine nachrichten mehr",
        "keine erinnerungen mehr", "keine impulse mehr", "abmelden",
        "para", "basta", "deja de escribirme", "deja de enviarme mensajes", "no más mensajes",
        "no mas mensajes", "no más recordatorios", "no mas recordatorios", "darme de baja",
        "стоп", "хватит", "перестань писать", "перестань мне писать", "не пиши мне",
        "хватит писать", "больше не пиши", "отписаться", "отпишись", "не пиши мне больше",
        "не пиши больше", "оставь меня в покое",
        "leave me alone", "go away", "lass mich in ruhe", "déjame en paz", "dejame en paz",
        # A tester: "turn off the reminders please" got Partnering Instead of Defending.
        "turn off the reminders", "turn off reminders", "turn the reminders off",
        "turn off the nudges", "turn off nudges", "turn the nudges off",
        "turn off notifications", "turn off the notifications", "switch off the reminders",
        "switch off reminders", "disable reminders", "disable the reminders",
        "mute the reminders", "mute reminders",
        "erinnerungen aus", "erinnerungen ausschalten", "schalte die erinnerungen aus",
        "impulse aus", "impulse ausschalten",
        "desactiva los recordatorios", "desactivar recordatorios", "apaga los recordatorios",
        "отключи напоминания", "выключи напоминания", "отключить напоминания",
    ),
    SmallTalk.NUDGES_ON: (
        "turn reminders back on", "turn the reminders back on", "turn on reminders",
        "turn on the reminders", "turn the reminders on", "turn nudges back on",
        "turn the nudges back on", "turn on the nudges", "turn on nudges",
        "reminders on", "nudges on", "enable reminders", "start the reminders again",
        "resume the reminders", "resume reminders", "i want the reminders again",
        "i want reminders again", "send me reminders again", "send me nudges again",
        "erinnerungen wieder an", "erinnerungen an", "erinnerungen einschalten",
        "erinnerungen wieder einschalten", "schalte die erinnerungen wieder an",
        "activa los recordatorios", "activar recordatorios", "reactiva los recordatorios",
        "vuelve a enviarme recordatorios", "quiero los recordatorios otra vez",
        "включи напоминания", "включить напоминания", "верни напоминания",
        "снова присылай напоминания",
    ),
    SmallTalk.FORGET: (
        "forget me", "delete me", "delete my data", "delete my account", "delete everything",
        "delete all my data", "remove my data", "erase my data", "delete my info",
        "how do i delete my account", "how do i delete my data", "how can i delete my data",
        "i want to delete my account", "i want to delete my data",
        "vergiss mich", "lösche meine daten", "lösch meine daten", "meine daten löschen",
        "daten löschen", "konto löschen", "lösche mein konto",
        "olvídame", "olvidame", "borra mis datos", "borrar mis datos", "elimina mis datos",
        "eliminar mis datos", "eliminar mi cuenta", "borra mi cuenta",
        "забудь меня", "удали мои данные", "удалить мои данные", "удали меня",
        "удалить аккаунт", "удали мой аккаунт",
    ),
}  # fmt: skip
_KIND = {words: kind for kind, phrases in _WORDS.items() for words in phrases}

# Asking in a sentence of one's own for everything to go ("please delete everything
# about me", "I want you to delete all my data", "remove all my information"): a
# deleting verb and what is the person's, and nothing else. /forget asks before it
# deletes anything, so a question too many costs one button.
_ASKING = (
    r"(?:(?:can|could|would|will) you |i (?:want|need|would like|d like) (?:you )?to "
    r"|i want |how (?:do|can) i |(?:you )?(?:should|must|need to) )?"
)
_MINE = (
    r"(?:all )?my (?:data|information|info|details|account|history|profile|messages|records?"
    r"|stuff|chats?)"
    r"|everything (?:about|on|of) me"
    r"|everything you (?:know|have|keep|store|stored) (?:about|on|of) me"
)
_DELETING = (
    # "delete everything" may stand alone; "forget everything" and "clear everything" are
    # as often about what happened to them ("I want to forget everything"): only with
    # "about me", or what is theirs.
    r"(?:(?:delete|erase|remove|wipe) (?:all (?:of )?)?(?:me|everything|" + _MINE + r")"
    r"|(?:forget|clear) (?:all (?:of )?)?(?:" + _MINE + r"))"
    r"(?: (?:from|in) (?:here|this bot|your (?:database|records|memory)))?"
    r"(?: now| forever| for good)?"
    r"|lösch\w* (?:alles über mich|alle meine daten|meine ganzen daten|mich)"
    r"|vergiss alles über mich"
    r"|(?:borra|borrar|elimina|eliminar|olvida) (?:todo (?:sobre|de) mí|todo (?:sobre|de) mi"
    r"|toda mi información|toda mi informacion|todos mis datos)"
    r"|(?:удали|удалите|сотри|забудь) (?:всё|все) (?:обо мне|мои данные|про меня)"
)
_FORGET_ASKED = re.compile(_ASKING + _DELETING)
# Their notes (the reflections) alone: asked about those only, with /forget named for the
# rest. "I want to forget what I wrote" is as often about a fight as about the bot: what
# they wrote only with delete, erase or remove; "forget" only with "my notes".
_NOTES_DELETING = (
    r"(?:(?:delete|erase|remove|wipe|clear|get rid of|forget) (?:all (?:of )?)?(?:my|the|those"
    r"|these|that|this) (?:reflections?|notes?|journal|entries|entry|answers)"
    r"|(?:delete|erase|remove|wipe|clear|get rid of) (?:everything|all|what) i (?:wrote|typed"
    r"|have written|ve written))"
    r"(?: (?:from|in) (?:here|this bot|your (?:database|records|memory)))?"
    r"(?: now| forever| for good| please)?"
    r"|i want (?:my|the|those) (?:notes|reflections) (?:gone|deleted|erased|removed)"
    r"|(?:lösch\w*|entfern\w*) (?:alle |bitte )*(?:(?:meine |die )?(?:notizen|notiz"
    r"|gedanken|reflexionen|einträge|antworten)|alles was ich geschrieben habe"
    r"|was ich geschrieben habe)"
    r"|(?:alle )?(?:meine |die )?(?:notizen|notiz|gedanken|reflexionen|einträge) (?:bitte )?"
    r"(?:löschen|entfernen)"
    r"|(?:borra|borrar|elimina|eliminar|quita|quitar) (?:todas )?(?:(?:mis|las|esas) (?:notas"
    r"|reflexiones|respuestas)|mi nota|la nota|todo lo que escribí|todo lo que escribi"
    r"|lo que escribí|lo que escribi)"
    r"|(?:удали|удалите|удалить|сотри|сотрите|стереть) (?:все )?(?:(?:мои|эти) )?(?:заметки"
    r"|заметку|записи|рефлексии|ответы|мысли)"
    r"|(?:удали|удалите|удалить|сотри|сотрите|стереть) (?:всё|все|то) что я (?:написал|написала"
    r"|писал|писала)"
    r"|(?:мои )?(?:заметки|записи) (?:удали|удалите|удалить|сотри)"
)
_NOTES_ASKED = re.compile(_ASKING + r"(?:" + _NOTES_DELETING + r")")
_TRIM = re.compile(r"[^\w\s]+")
_POLITE = frozenset({"please", "pls", "plz", "bitte", "por", "favor", "пожалуйста"})
# "help" may ask how the bot works; "Help!" is a cry.
_CRIES = frozenset({"help", "hilfe", "ayuda", "помощь"})


# Friendly emoji alone ("🙂👍", "🔥🔥"): an "ok" without words. (Emoji of hurt are met
# before this, in `feelings.only_hurt`.)
_FRIENDLY = frozenset("🙂😊👍🔥❤🙏👌😀😃😄😁🥰💪✨🌟😍🤗☺✌👏💙💚💛🧡💜🤍♥😉😌🤝💯🫶")
# The variation selector, the zero-width joiner and the skin tones (👍🏽 is a 👍).
_JOINERS = frozenset("\ufe0f\u200d🏻🏼🏽🏾🏿")


_STOPS_AND_MARKS = frozenset(".…。?¿？!¡")


def only_stops(text: str) -> bool:
    """A message of stops and marks alone (".", "?", "!!"): it names nothing."""
    marks = [char for char in text if not char.isspace()]
    return bool(marks) and all(char in _STOPS_AND_MARKS for char in marks)


def small_talk(text: str) -> SmallTalk | None:
    """What this message is, when it is only one of these few words (punctuation and
    emoji aside, but for the "!" that makes a cry of "help"); None for anything else."""
    marks = [char for char in text if not char.isspace() and char not in _JOINERS]
    if marks and all(char in _FRIENDLY for char in marks):
        return SmallTalk.OK
    if only_stops(text):
        # Stops and marks alone name no situation, so no skill is looked for in them: a
        # question mark asks what this is; "." or "!!" is a nod. (":(" is not one of them:
        # a face, met as a sad emoji is, in `feelings`.)
        return SmallTalk.HELP if any(char in "?¿？" for char in marks) else SmallTalk.OK
    words = " ".join(_TRIM.sub(" ", text.casefold()).split())
    if words in _CRIES and "!" in text:
        return SmallTalk.PLEA
    kind = _KIND.get(words)
    if kind is None:
        # "ayúdame por favor", "ayuda por favor", "помощь пожалуйста": a plea, or a cry
        # for help, said politely is a plea.
        plain = " ".join(w for w in words.split() if w not in _POLITE)
        if plain != words and plain in _CRIES:
            return SmallTalk.PLEA
        kind = _KIND.get(plain)
    if kind is None and _NOTES_ASKED.fullmatch(plain):
        kind = SmallTalk.FORGET_NOTES
    if kind is None and _FORGET_ASKED.fullmatch(plain):
        kind = SmallTalk.FORGET
    return kind


# Of the STOP words, those that alone, in the middle of a practice, may mean the practice
# rather than the nudges ("unsubscribe" never does).
_BARE_STOPS = frozenset({"stop", "stopp", "стоп", "хватит", "para", "basta", "stop it"})


def bare_stop(text: str) -> bool:
    """ "stop" and the like, alone (a "." or "!" aside): about the practice, mid-practice."""
    return " ".join(text.casefold().strip(" .!").split()) in _BARE_STOPS


# Typed on a step, in place of tapping Next: the button's own word in each language
# ("next", "weiter", "siguiente", "дальше") and a few like it. Read only mid-practice.
# Not "continue", "weitermachen" or "seguir": those ask for the practice back (CONTINUE),
# and mid-practice they show the step, as "where was I?" does.
_NEXT_WORDS = frozenset(
    {
        "next", "next step", "next one", "ok next", "okay next", "done", "done next",
        "whats next", "what s next",
        "weiter", "nächster", "nächster schritt", "nächste", "der nächste", "fertig",
        "siguiente", "siguiente paso", "el siguiente", "listo",
        "дальше", "далее", "следующий", "следующий шаг", "готово",
    }
)  # fmt: skip


# The Next button's own word in each language: all that moves a step in the days after
# a disclosure, when "what's next?" or "done" may be about their life, not the step.
_NEXT_BUTTON_WORDS = frozenset({"next", "weiter", "siguiente", "дальше"})


def asks_for_next(text: str, *, button_word_only: bool = False) -> bool:
    """ "next" and the like, alone ("please" and punctuation aside): on a step, Next.
    `button_word_only`: only the Next button's own word."""
    words = [word for word in _TRIM.sub(" ", text.casefold()).split() if word not in _POLITE]
    said = " ".join(words)
    return said in (_NEXT_BUTTON_WORDS if button_word_only else _NEXT_WORDS)
