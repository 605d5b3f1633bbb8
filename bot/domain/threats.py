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

from bot.domain.put_downs import plain_words

_PATTERNS = (
    # English (apostrophes removed: "you'll" is "youll")
    r"\byou(?:ll| will| are going to|re going to|re gonna) (?:regret|be sorry|pay for)\b",
    # "…or else", and "or else I'll…"; never "or else tomorrow morning" (see _AT_END).
    r"\bor else (?:i|ill|im|i will|i am|youll|you will|you are|youre)\b",
    # Not "I know where you are coming from".
    r"\bi know where you (?:live|work|sleep|stay|are staying|are hiding|are)\b"
    r"(?! coming\b| going\b| headed\b| with\b| at\b| on\b| in\b| about\b)",
    # Not "I'll take the kids to school tomorrow".
    r"\b(?:ill|i will|im going to|im gonna|i am going to) take (?:the|our|my) "
    r"(?:kids|children|son|daughter|baby)"
    r"(?= away| from you| and you| and leave| and go| and move| and run| and disappear| if|$)",
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
    r"\bo si no (?:voy|vengo|te|ya|vas)\b",
    r"\bs[ée] d[óo]nde (?:est[áa]s|vives|trabajas|duermes)\b",
    r"\bno vas a volver a ver a (?:los|tus|nuestros) (?:niños|ninos|hijos)\b",
    r"\bnadie te va a creer\b|\bnadie te creer[áa]\b",
    r"\bme las vas a pagar\b",
    # Russian
    r"(?<!\bне )\bпожалеешь\b",
    r"\b(?:а не то|иначе) (?:будет хуже|пожалеешь|я приеду)\b",
    r"\bя знаю где ты (?:живёшь|живешь|работаешь|сейчас|находишься|прячешься|ночуешь"
    r"|бываешь|спишь)\b",
    r"\bдетей (?:ты )?(?:больше )?не увидишь\b",
    r"\bтебе никто не поверит\b",
    r"\bты (?:за это )?заплатишь\b",
)  # fmt: skip
_COMPILED = re.compile("|".join(f"(?:{pattern})" for pattern in _PATTERNS))
# Only where what is said ends ("…come home, or else."; "…o si no"; "я знаю, где ты"),
# read clause by clause: "or else tomorrow morning?" offers another time.
_AT_END = re.compile(r"\bor else$|\bo si no$|\bя знаю где ты$|\bich wei(?:ß|ss) wo du bist$")


_CLAUSES = re.compile(
    r"[.;!?¿¡…\n]+|,(?= *(?:but|and|or|aber|und|oder|pero|y|o|но|а|или)\b)", re.IGNORECASE
)


def threatens(text: str) -> bool:
    """True when `text`, sent to someone, pressures them with a threat or coercion.

    Read whole, commas and all ("Я знаю, где ты живёшь", "Ich weiß, wo du wohnst"); only
    the few that must end what is said are read clause by clause."""
    if _COMPILED.search(plain_words(text)):
        return True
    return any(_AT_END.search(plain_words(clause)) for clause in _CLAUSES.split(text))
