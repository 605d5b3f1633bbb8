"""Short messages of the person's own pain, in plain words: "I can't stop crying", "I feel so
alone tonight", "i hate my life", "what's the point anymore", "Ich kann nicht mehr",
"Ya no puedo más", "Мне так плохо".

Not safety language: nothing in them names danger, and docs/safety.md leaves them out of
the lexicons on purpose (exhaustion as often as despair: "I can't do this anymore, this
heat"), because a safety answer there would also rest the nudges and listen for three
days. Nor a request for a skill: matched on their words they found "Owning Impact", or
the focus skill with a Practise button, which tells someone crying to get to work. They
are met first, as a person would meet them, with /support beside the skills.

The feeling must end its clause ("I feel so sad", "…, and he doesn't care"); "I feel sad
about what I said to her" is a story, and goes to the skills as before. Only short
messages are met this way (`MET_FIRST_WORDS`): in a long one the feeling is part of
telling what happened, and the skills that fit it are what helps.

Pure: text in, yes or no. English, German, Spanish and Russian, the bot's languages.
"""

from __future__ import annotations

import re

from bot.domain.feelings import MET_FIRST_WORDS
from bot.domain.safety import normalise

# What may follow the feeling in its clause: the end, a new clause, or when.
_ENDS = {
    "en": r"(?= \.|$| (?:and|but|so|because|cause|right now|today|tonight|lately|anymore"
    r"|any more|again|all the time|every day|these days|at all|honestly|lol)\b)",
    "de": r"(?= \.|$| (?:und|aber|weil|gerade|jetzt|heute|heute nacht|immer|so sehr|mehr"
    r"|einfach|wieder|total)\b)",
    "es": r"(?= \.|$| (?:y|pero|porque|hoy|ahora|ya|esta noche|otra vez|de verdad)\b)",
    "ru": r"(?= \.|$| (?:и|но|потому|сегодня|сейчас|уже|опять|снова|совсем)\b)",
}
# The small words between "I feel" and the feeling: "I feel so, so alone".
_SO = {
    "en": r"(?: (?:so|really|very|just|completely|totally|utterly|incredibly|extremely|pretty"
    r"|quite|kind of|kinda|a bit|a little|too|all|fucking|damn|super|always|still))*",
    "de": r"(?: (?:so|total|echt|richtig|ganz|einfach|sehr|völlig|voellig|gerade|mega|nur))*",
    "es": r"(?: (?:tan|muy|super|re|demasiado|totalmente|completamente|bastante|un poco))*",
    "ru": r"(?: (?:так|очень|совсем|сейчас|просто|ужасно|настолько|как-то))*",
}
_PATTERNS = {
    "en": (
        r"(?:i|ive|i have|i keep|i just|been|im) (?:feel|feeling|felt so)(?: like)?{so} "
        r"(?:sad|alone|lonely|empty|hopeless|helpless|broken|numb|miserable|depressed"
        r"|devastated|heartbroken|crushed|exhausted|drained|overwhelmed|awful|terrible"
        r"|horrible|like crap|like shit|like nothing|low|down|desperate|lost|invisible"
        r"|unloved|unwanted|trapped|like a failure|like giving up|like a burden){end}",
        r"(?:im|i am){so} (?:sad|alone|lonely|empty|hopeless|helpless|broken|numb|miserable"
        r"|depressed|devastated|heartbroken|crushed|exhausted|drained|overwhelmed|desperate"
        r"|falling apart|a mess|a wreck|at my limit|at breaking point|not okay|not ok"
        r"|struggling|drowning|barely holding on|barely hanging on|going under){end}",
        r"(?:cant|can not|cannot) stop crying",
        r"(?:ive been|i have been|been|i keep|keep|im|i am)(?: just)? crying"
        r"(?: all day| all night| for hours| for days| nonstop| non stop| every day"
        r"| every night| so much| again)?{end}",
        r"i hate (?:my life|myself|everything){end}",
        r"(?:i )?(?:cant|can not|cannot) (?:do this|do it|take this|take it|go on like this"
        r"|handle this|handle it) (?:anymore|any more|any longer){end}",
        r"(?:i )?(?:cant|can not|cannot) (?:take it|take any more|take anymore|cope|anymore"
        r"|any more){end}",
        r"(?:whats|what is)(?: even)? the point(?: of (?:anything|it all|any of this|any of it"
        r"|trying|all this))?(?: anymore| any more)?{end}",
        r"(?:everything|my life|my whole life) is falling apart{end}",
        r"(?:nobody|no one|noone) (?:cares about me|cares|loves me|understands me){end}",
        r"^(?:i )?give up{end}",
    ),
    "de": (
        r"ich (?:fühle mich|fuehle mich|fühl mich|fuehl mich|bin){so} (?:traurig|allein"
        r"|einsam|leer|hoffnungslos|kaputt|erschöpft|erschoepft|am ende|verzweifelt"
        r"|überfordert|ueberfordert|deprimiert|am boden|todunglücklich|wertlos"
        r"|ungeliebt){end}",
        r"mir gehts?(?: es)?{so} (?:schlecht|scheisse|mies|dreckig|beschissen){end}",
        r"mir geht es{so} (?:schlecht|scheisse|mies|dreckig|beschissen){end}",
        r"(?:kann|könnte) nicht (?:mehr )?aufhören zu weinen",
        r"ich weine (?:nur noch|die ganze zeit|seit stunden|seit tagen|jeden tag|ständig"
        r"|staendig|nur){end}",
        r"ich hasse (?:mein leben|mich){end}",
        r"ich kann nicht mehr{end}",
        r"ich (?:schaffe|schaff) das nicht mehr{end}",
        r"ich halte das nicht mehr aus{end}",
        r"(?:was soll das alles(?: noch)?|wozu das alles|wozu noch)(?= \.|$)",
        r"niemand (?:liebt mich|versteht mich|interessiert sich für mich){end}",
        r"^(?:ich )?gebe auf{end}",
    ),
    "es": (
        r"(?:me siento|estoy){so} (?:triste|sola|solo|vacía|vacia|vacío|vacio|rota|roto"
        r"|agotada|agotado|deprimida|deprimido|desesperada|desesperado|hundida|hundido"
        r"|fatal|destrozada|destrozado|abrumada|abrumado|sin fuerzas|mal){end}",
        r"no puedo (?:dejar|parar) de llorar",
        r"(?:llevo|estoy) (?:horas |días |dias |todo el día |todo el dia |toda la noche )?"
        r"llorando{end}",
        r"odio (?:mi vida|todo){end}",
        r"^me odio{end}",
        r"(?:ya )?no puedo m[aá]s{end}",
        r"(?:para qu[eé]|de qu[eé] sirve) (?:seguir|todo esto|todo|intentarlo|vivir así)"
        r"(?= \.|$)",
        r"nadie (?:me quiere|me entiende){end}",
        r"^(?:yo )?me rindo{end}",
    ),
    "ru": (
        r"мне{so} (?:плохо|одиноко|грустно|тяжело|пусто|больно|хреново|паршиво|тоскливо"
        r"|невыносимо){end}",
        r"я{so} (?:одинока|одинок|в отчаянии|разбита|разбит|опустошена|опустошен"
        r"|устала от всего|устал от всего){end}",
        r"не могу перестать плакать",
        r"я (?:весь день |всю ночь |постоянно |все время |всё время |опять |снова )?плачу{end}",
        r"(?:я )?ненавижу (?:свою жизнь|себя){end}",
        r"я больше не могу{end}",
        r"(?:я )?не могу больше{end}",
        r"(?:какой|в ч[её]м)(?: вообще| теперь)? смысл(?= \.|$)",
        r"никто меня не (?:любит|понимает){end}",
        r"^(?:я )?сдаюсь{end}",
    ),
}
_COMPILED = tuple(
    re.compile(r"\b" + pattern.format(so=_SO[language], end=_ENDS[language]))
    for language, patterns in _PATTERNS.items()
    for pattern in patterns
)


def heavy(text: str) -> bool:
    """True for a short message that says, in plain words, the writer is in pain now."""
    if len(text.split()) > MET_FIRST_WORDS:
        return False
    plain = normalise(text)
    return any(pattern.search(plain) for pattern in _COMPILED)
