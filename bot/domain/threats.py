"""Veiled threats and coercion aimed at whoever reads a message: "if you don't answer me
tonight you'll regret it", "I know where you are staying", "nobody will believe you".

A repair bid carries the sender's words to their partner with a 💌 and a "Thank you ❤️"
button; these must never travel that way. Open threats ("I'll kill you") are safety
language (bot/domain/lexicons, harm_to_others) and are met before this is asked; put-downs
are `put_downs.aimed_at_reader`. This is what is left: pressure that names no blow.

Pure: text in, yes or no. English, German, Spanish and Russian, the bot's languages.
"""

from __future__ import annotations

import re

_PATTERNS = (
    # English (apostrophes removed: "you'll" is "youll")
    r"\byou(?:ll| will| are going to|re going to|re gonna) (?:regret|be sorry|pay for)\b",
    # At the end of what is said ("…or else"), never "or else tomorrow morning".
    r"\bor else$",
    # Not "I know where you are coming from".
    r"\bi know where you (?:live|work|sleep|stay|are staying|are hiding|are)\b"
    r"(?! coming\b| going\b| headed\b| with\b| at\b| on\b| in\b| about\b)",
    # Not "I'll take the kids to school tomorrow".
    r"\b(?:ill|i will|im going to|im gonna|i am going to) take (?:the|our|my) "
    r"(?:kids|children|son|daughter|baby)(?= away| from you| and you| if|$)",
    r"\byou(?:ll| will) never see (?:the|your|our|my) "
    r"(?:kids|children|son|daughter|baby) again\b",
    r"\b(?:or|otherwise) (?:im|i am|ill|i will) (?:coming|come|going to come) "
    r"(?:over|there|round|around|for you)\b",
    r"\b(?:nobody|no one|noone) (?:will|would|is going to|is gonna) (?:ever )?believe you\b",
    r"\bif you (?:ever )?tell (?:anyone|anybody|someone|the police|the cops|your)\b",
    r"\bwatch your back\b",
    r"\byou(?:ll| will) see what happens\b",
    # German
    r"\bsonst (?:wirst du|passiert|kannst du was erleben)\b",
    r"\b(?:du wirst es|das wirst du) bereuen\b",
    r"\bich wei(?:ß|ss) wo du (?:bist|wohnst|arbeitest|schläfst|schlaefst)\b",
    r"\bdie kinder (?:wirst du )?nie wieder sehen\b",
    r"\b(?:dir glaubt (?:eh |sowieso |doch )?(?:keiner|niemand)|niemand wird dir glauben)\b",
    # Spanish
    r"(?<!\bno )\b(?:te vas a arrepentir|te arrepentirás|te arrepentiras)\b",
    r"\bo si no$",
    r"\bs[ée] d[óo]nde (?:est[áa]s|vives|trabajas|duermes)\b",
    r"\bno vas a volver a ver a (?:los|tus|nuestros) (?:niños|ninos|hijos)\b",
    r"\bnadie te va a creer\b|\bnadie te creer[áa]\b",
    r"\bme las vas a pagar\b",
    # Russian
    r"(?<!\bне )\bпожалеешь\b",
    r"\b(?:а не то|иначе) (?:будет хуже|пожалеешь|я приеду)\b",
    r"\bя знаю где ты(?: (?:живёшь|живешь|сейчас|находишься|прячешься|ночуешь))?$"
    r"|\bя знаю где ты (?:живёшь|живешь|сейчас|находишься|прячешься|ночуешь)\b",
    r"\bдетей (?:ты )?(?:больше )?не увидишь\b",
    r"\bтебе никто не поверит\b",
    r"\bты (?:за это )?заплатишь\b",
)  # fmt: skip
_COMPILED = re.compile("|".join(f"(?:{pattern})" for pattern in _PATTERNS))
_APOSTROPHES = re.compile(r"['’`´]")
_NOT_WORDS = re.compile(r"[^\w\s]+")


# Read clause by clause, so "…or else" at a clause's end is told from "or else tomorrow".
_CLAUSES = re.compile(r"[.,;:!?¿¡…\n]+")


def threatens(text: str) -> bool:
    """True when `text`, sent to someone, pressures them with a threat or coercion."""
    folded = _APOSTROPHES.sub("", text.casefold())
    return any(
        _COMPILED.search(" ".join(_NOT_WORDS.sub(" ", clause).split()))
        for clause in _CLAUSES.split(folded)
    )
