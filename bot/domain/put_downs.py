"""Words that put the person down: "he called me a stupid bitch", "she says I'm worthless",
"he yells at me all the time", or the words themselves, forwarded or quoted ("You are
worthless and nobody will ever love you").

Not safety language (no danger named) and not a request for a skill: matched on their
words, they found "Integrating Feedback — letting what you hear change how you act",
which tells someone insulted to take it to heart. They are met first, as a person would
meet them. Only degrading words count: "lazy", "selfish", "defensive" may be feedback,
and stay with the skills.

Pure: text in, yes or no. English, German, Spanish and Russian, the bot's languages.
"""

from __future__ import annotations

import re

_INSULTS = {
    "en": (
        r"stupid|dumb|worthless|useless|pathetic|crazy|insane|psycho|idiot|moron|retard(?:ed)?"
        r"|ugly|fat|disgusting|loser|failure|bitch|whore|slut|cunt|trash|garbage"
        r"|joke|embarrassment|disappointment|hysterical|unlovable|burden"
        r"|worth nothing|good for nothing"
    ),
    "de": (
        r"dumm|blöd|bloed|wertlos|nutzlos|erbärmlich|erbaermlich|verrückt|verrueckt|psycho"
        r"|idiotin|idiot|hässlich|haesslich|fett|ekelhaft|versagerin|versager|schlampe|hure"
        r"|miststück|miststueck|nichtsnutz|hysterisch|abschaum"
    ),
    "es": (
        r"estúpida|estupida|estúpido|estupido|tonta|tonto|inútil|inutil|patética|patetica"
        r"|patético|patetico|loca|loco|idiota|fea|feo|gorda|gordo|asquerosa|asqueroso"
        r"|fracasada|fracasado|puta|zorra|basura|histérica|histerica|inservible"
    ),
    "ru": (
        r"дура|дурак|тупая|тупой|никчёмная|никчемная|никчёмный|никчемный|ничтожество"
        r"|бесполезная|бесполезный|жалкая|жалкий|сумасшедшая|психованная|психопатка"
        r"|истеричка|уродина|урод|жирная|шлюха|сука|неудачница|неудачник|идиотка|идиот"
        r"|пустое место|тварь"
        # "назвал меня дурой": after "назвал" the word takes the instrumental case.
        r"|дурой|дураком|никчёмной|никчемной|ничтожеством|бесполезной|жалкой"
        r"|сумасшедшей|психованной|истеричкой|уродиной|уродом|жирной|шлюхой|сукой"
        r"|неудачницей|неудачником|идиоткой|идиотом|тварью"
    ),
}

# In each pattern `{i}` stands for the language's degrading words.
# A word or two may stand between ("a stupid bitch", "eine dumme Schlampe"), never a
# "not": "you are not stupid" reassures.
_GAP = r"(?:(?!(?:not|never|nicht|nie|kein\w*|no|не|ни)\b)\w+ ){0,2}"

_PATTERNS = {
    "en": (
        # Reported: someone called or named them so.
        rf"\b(?:called|calls|calling|call) me (?:a |an |his |her |their )?{_GAP}{{i}}\b",
        # Someone else said it ("I said I was useless at cooking" is their own word).
        rf"(?<!\bi )\b(?:said|says|told me|tells me|telling me|keeps saying|kept saying"
        rf"|screamed|yelled)(?: that)? (?:i am|im|i was|ill always be|i will always be) "
        rf"(?:so |such a |a |an |just a |nothing but a )?{_GAP}{{i}}\b",
        # The words themselves, at the start (forwarded, quoted, pasted).
        rf"^(?:you are|youre|ur|you re) (?:so |such a |a |an |just a |nothing but a |"
        rf"nothing but )?{_GAP}{{i}}\b",
        r"^(?:you are|youre|ur|you re) (?:nothing|nobody|a nobody)(?: to me| without me)?$",
        r"\b(?:nobody|no one|noone) (?:will|would|could|is ever going to) ever love you\b",
        # Being yelled at: no word needed to say what it is.
        r"\b(?:yells|yelled|yelling|screams|screamed|screaming|shouts|shouted|shouting) at me\b",
    ),
    "de": (
        rf"\b(?:nennt|nannte) mich (?:eine?n? |ein )?{_GAP}{{i}}\b",
        rf"\bhat mich (?:als )?(?:eine?n? |ein )?{_GAP}{{i}}(?: \w+)? (?:genannt|beschimpft)",
        rf"\b(?:sagt|sagte|meint|meinte|schreit|schrie)(?: mir)?(?: dass)? ich (?:sei|bin|wäre|"
        rf"waere) (?:so |total |eine?n? |ein )?{_GAP}{{i}}\b",
        rf"^du bist (?:so |total |doch |nur |eine?n? |ein )*{_GAP}{{i}}\b",
        r"^du bist (?:ein )?nichts(?: ohne mich| für mich| fuer mich)?$",
        r"\b(?:niemand|keiner) wird dich (?:je |jemals )?lieben\b",
        r"(?<!\bich )\b(?:sagt|sagte|meint|meinte)(?: mir)?(?: dass)? ich (?:sei|bin|wäre|waere) "
        r"(?:nichts wert|zu nichts zu gebrauchen|zu nichts nütze|zu nichts nuetze)\b",
        r"\b(?:schreit|schrie|brüllt|bruellt|brüllte) mich (?:\w+ ){0,3}an\b"
        r"|\bhat mich (?:\w+ ){0,3}(?:angeschrien|angebrüllt|angebruellt)\b",
    ),
    "es": (
        rf"\bme (?:llamó|llamo|llama)(?: que soy)? (?:una? )?{_GAP}{{i}}\b",
        # "Me dijo que soy una inútil", never "no me dice nada".
        rf"\bme (?:dijo|dice|gritó|grito|grita) que (?:soy|eres) (?:una? )?{_GAP}{{i}}\b",
        rf"^(?:eres|sos) (?:una? |tan |un |una )?{_GAP}{{i}}\b",
        r"^(?:eres|sos) (?:una )?nada(?: sin mí| sin mi| para mí| para mi)?$",
        r"\bnadie te (?:va a|podrá|podra|va) (?:a )?querer\b",
        r"\b(?:dice|dijo|decía|decia|me dice|me dijo) que no (?:sirvo para nada|valgo nada"
        r"|valgo la pena)\b",
        r"\bme (?:grita|gritó|grito|gritaba|chilla|chilló|chillo)\b",
    ),
    "ru": (
        rf"\b(?:назвал|назвала|называет|обозвал|обозвала|обзывает) меня {_GAP}{{i}}",
        rf"\b(?:сказал|сказала|говорит|орал|орала|кричал|кричала)(?: мне)?(?: что)? я "
        rf"{_GAP}{{i}}",
        rf"^ты (?:такая |такой |просто |всего лишь )?{_GAP}{{i}}",
        r"^ты (?:никто|ничто)(?: без меня| для меня)?$",
        r"\bникто (?:никогда )?тебя не (?:полюбит|будет любить)",
        r"(?<!\bя )\b(?:сказал|сказала|говорит|говорил|говорила)(?: мне)?(?: что)? я "
        r"(?:ничего не стою|ни на что не гожусь|ни на что не годн\w*)",
        r"\b(?:орёт|орет|орал|орала|кричит|кричал|кричала|наорал|наорала) на меня\b",
    ),
}

# "crazy about her", "crazy good at this", "useless at cooking": the word, not the
# put-down.
_NOT_MEANT = r"(?! (?:like|but|compared|else|special|wrong|about|good|at|for you|in love))"

_COMPILED = tuple(
    # The word whole ("дура", never inside "дурачишься"), and meant.
    re.compile(pattern.replace("{i}", rf"(?:{_INSULTS[language]})\b{_NOT_MEANT}"))
    for language, patterns in _PATTERNS.items()
    for pattern in patterns
)
# Words that degrade whoever reads them, anywhere in a message meant for someone else (a
# repair bid): "come home, you stupid bitch", "you're worthless", "nobody will ever love
# you". An apology that names its own words ("I'm sorry I called you stupid") and the
# hurt told back to the one who caused it ("when you called me stupid it hurt") are not:
# those are what a repair bid is for.
_OWN_WORDS_BEFORE = r"(?<!\bcalled )(?<!\bcall )(?<!\bcalling )(?<!\bsaid )(?<!\bthat )"
_AIMED = {
    "en": (
        rf"{_OWN_WORDS_BEFORE}\b(?:you are|youre|ur|you re) (?:so |such a |a |an |just a "
        rf"|nothing but a |nothing but |a fucking |fucking |a little )?{_GAP}{{i}}\b",
        # "you idiot", "you stupid bitch"; never "thank you, stupid me".
        rf"{_OWN_WORDS_BEFORE}(?<!\bthank )\byou (?:fucking |little |stupid |dumb |ugly |fat )*"
        rf"{{i}}\b",
        # Never "nobody will ever love you like I do".
        r"\b(?:nobody|no one|noone) (?:will|would|could|is ever going to) ever love you\b"
        r"(?! (?:like|as much as) i do)",
        r"\b(?:you are|youre) (?:nothing|nobody|a nobody)\b",
    ),
    "de": (
        rf"(?<!\bdass )\bdu (?:bist )?(?:so |total |doch |nur |eine?n? |ein )*{_GAP}{{i}}\b",
        r"\b(?:niemand|keiner) wird dich (?:je |jemals )?lieben\b",
        r"\bdu bist (?:ein )?nichts\b",
    ),
    "es": (
        rf"(?<!\bque )\b(?:eres|sos) (?:una? |tan |un |una )?{_GAP}{{i}}\b",
        r"\bnadie te (?:va a|podrá|podra|va) (?:a )?querer\b",
        r"\b(?:eres|sos) (?:una )?nada\b",
    ),
    "ru": (
        rf"(?<!\bчто )\bты (?:такая |такой |просто |всего лишь )?{_GAP}{{i}}",
        r"\bникто (?:никогда )?тебя не (?:полюбит|будет любить)",
        r"\bты (?:никто|ничто)\b",
    ),
}

_APOSTROPHES = re.compile(r"['’`´]")
_NOT_WORDS = re.compile(r"[^\w\s]+")


_AIMED_COMPILED = tuple(
    re.compile(pattern.replace("{i}", rf"(?:{_INSULTS[language]})\b{_NOT_MEANT}"))
    for language, patterns in _AIMED.items()
    for pattern in patterns
)


def put_down(text: str) -> bool:
    """True when `text` reports or repeats words that degrade the person."""
    plain = plain_words(text)
    return any(pattern.search(plain) for pattern in _COMPILED)


def aimed_at_reader(text: str) -> bool:
    """True when `text`, sent to someone, would degrade them ("you're worthless", "you
    stupid bitch"), wherever in it the words stand; an apology naming its own words, hurt
    told back, or the words denied ("I don't think you're stupid", "No eres tonta") is
    not. Read clause by clause: "You're right, I'm stupid" says nothing of the reader."""
    for clause in _CLAUSES.split(text):
        plain = plain_words(clause)
        for pattern in _AIMED_COMPILED:
            match = pattern.search(plain)
            if match and not _TAKEN_BACK.intersection(plain[: match.start()].split()):
                return True
    return False


_CLAUSES = re.compile(r"[.,;:!?¿¡…\n]+")
# Before the words in their clause: a denial ("not", "never", "no", "nie", "не"), or
# the writer owning them ("for saying", "I drove you crazy").
_TAKEN_BACK = frozenset(
    {"not", "never", "dont", "didnt", "doesnt", "no", "nie", "nicht", "niemals", "nunca",
     "jamás", "jamas", "не", "ни", "никогда", "saying", "say", "said", "says", "called",
     "calling", "call", "drove", "drive", "driving", "made", "make", "sagte", "gesagt",
     "nannte", "genannt", "dije", "decir", "dicho", "llamé", "llame", "сказал", "сказала",
     "назвал", "назвала", "говорил", "говорила"}
)  # fmt: skip


def plain_words(text: str) -> str:
    """`text` as the patterns read it: folded case, no apostrophes ("you're" is "youre"),
    other punctuation a space, single spaces."""
    folded = _APOSTROPHES.sub("", text.casefold())
    return " ".join(_NOT_WORDS.sub(" ", folded).split())
