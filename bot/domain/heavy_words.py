"""Short messages of the person's own pain, in plain words: "I can't stop crying", "I feel so
alone tonight", "i hate my life", "what's the point anymore", "Ich kann nicht mehr",
"Ya no puedo más", "Мне так плохо", "Я так больше не могу".

Not safety language: nothing in them names danger, and docs/safety.md leaves them out of
the lexicons on purpose (exhaustion as often as despair: "I can't do this anymore, this
heat"), because a safety answer there would also rest the nudges and listen for three
days. Nor a request for a skill: matched on their words they found "Owning Impact", or
the focus skill with a Practise button, which tells someone crying to get to work. They
are met first, as a person would meet them, with /support beside the skills.

The feeling must end its clause ("I feel so sad", "…, and he doesn't care"); "I feel sad
about what I said to her" is a story, and goes to the skills as before. Only short
messages are met this way (`MET_FIRST_WORDS`): in a long one the feeling is part of
telling what happened, and the skills that fit it are what helps. A reflection is the
exception: read however long it is (`any_length`).

Pure: text in, yes or no. English, German, Spanish and Russian, the bot's languages.
"""

from __future__ import annotations

import re

from bot.domain.feelings import MET_FIRST_WORDS
from bot.domain.safety import normalise

# What may follow the feeling in its clause: the end, a new clause, or when. Not "but"
# ("I'm exhausted but I did it": a turn follows it) and not "lol".
_ENDS = {
    "en": r"(?= \.|$| (?:and|so|because|cause|right now|rn|atm|tbh|today|tonight|lately"
    r"|anymore|any more|again|all the time|every day|every night|at night|all night"
    r"|these days|at all|honestly|inside"
    r"|i cant)\b)",
    "de": r"(?= \.|$| (?:und|weil|jetzt|gerade|heute|heute nacht|immer|so sehr|mehr|einfach"
    r"|wieder|total)\b)",
    "es": r"(?= \.|$| (?:y|porque|hoy|ahora|ya|esta noche|otra vez|de verdad)\b)",
    "ru": r"(?= \.|$| (?:и|потому|сегодня|сейчас|опять|снова|совсем)\b)",
}
# The message ends with the feeling (a time word or a stop aside): anger, a betrayal or a
# bad day followed by a question ("I'm angry, how do I calm down?") asks for a skill, and
# gets one (a review found it met instead).
_ALONE = r"(?=(?: (?:right now|rn|today|tonight|lately|again|anymore|so much))*(?: \.)*$)"
# The small words between "I feel" and the feeling: "I feel so, so alone".
_SO = {
    "en": r"(?: (?:so|really|very|just|completely|totally|utterly|incredibly|extremely|pretty"
    r"|quite|kind of|kinda|a bit|a little|too|all|fucking|damn|super|always|still))*",
    "de": r"(?: (?:so|total|echt|richtig|ganz|einfach|sehr|völlig|voellig|mega|nur))*",
    "es": r"(?: (?:tan|muy|super|re|demasiado|totalmente|completamente|bastante|un poco))*",
    "ru": r"(?: (?:так|очень|совсем|просто|ужасно|настолько|как-то))*",
}
# Alone, said with no more than that, is often just the fact ("I'm alone tonight, let's
# practise"); said with "so" or "all", it is how they feel.
_PATTERNS = {
    "en": (
        r"(?:(?:i(?: just| keep| still| have been)?|ive been|im) (?:feel|feeling)|^feeling)"
        r"(?: like)?{so} (?:sad|alone|lonely|empty|hopeless|helpless|broken|numb|miserable"
        r"|depressed|devastated|heartbroken|crushed|exhausted|drained|overwhelmed|awful|terrible"
        r"|horrible|like crap|like shit|like nothing|low|down|desperate|lost|invisible"
        r"|unloved|unwanted|trapped|worthless|pointless|like a failure|like giving up"
        r"|like a burden|like nothing matters|like such a failure){end}",
        r"(?:im|i am){so} (?:sad|lonely|empty|hopeless|helpless|broken|numb|miserable"
        r"|depressed|devastated|heartbroken|crushed|exhausted|drained|overwhelmed|desperate"
        r"|falling apart|a mess|a wreck|at my limit|at breaking point|not okay|not ok"
        r"|struggling|drowning|barely holding on|barely hanging on|going under|sobbing"
        r"|in (?:so much |a lot of )?pain|not doing (?:so |too )?(?:well|good)"
        r"|(?:so|tired|sick) (?:tired|sick) of everything|tired of everything"
        r"|scared and alone|(?:so|all|completely|totally|really|very) alone|worthless"
        r"|(?:a|such a|a total|a complete) (?:failure|disappointment|burden|mess)|useless"
        r"|nothing|not enough|having (?:a )?(?:panic attack|breakdown|meltdown)){end}",
        r"(?:^|(?<=\. )|i )(?:cant|can not|cannot) stop (?:crying|sobbing|cryign|cryin){end}",
        r"(?:ive been|i have been|i keep|im|i am)(?: just)? (?:crying|sobbing)"
        r"(?: all day| all night| for hours| for days| nonstop| non stop| every day"
        r"| every night| so much| again)?{end}",
        r"i hate (?:my life|myself|everything){end}",
        r"(?:^|(?<=\. )|i )(?:cant|can not|cannot) (?:do this|do it|take this|take it|go on"
        r" like this|handle this|handle it) (?:anymore|any more|any longer){end}",
        r"(?:^|(?<=\. )|i )(?:cant|can not|cannot) (?:take it|take any more|take anymore"
        r"|cope|anymore|any more){end}",
        r"(?:whats|what is)(?: even)? the point(?: of (?:anything|it all|any of this|any of it"
        r"|trying|all this))?(?: anymore| any more)?{end}",
        r"(?:everything|my life|my whole life) is falling apart{end}",
        r"(?:everything|it all|it) hurts(?: so much| too much)?{end}",
        r"(?:everything|it all|life) (?:feels|is|seems) (?:so )?pointless{end}",
        r"(?:^|(?<=\. ))nothing matters(?: anymore| any more)?{end}",
        r"(?:nobody|no one|noone) (?:cares about me|cares|loves me|understands me){end}",
        r"(?:^|(?<=\. )|i )(?:just )?need (?:someone|somebody) to talk to{end}",
        r"i (?:had|have had|ve had|just had)(?: such)? (?:a )?(?:terrible|horrible|awful|shit"
        r"|shitty|really bad|really hard|the worst) (?:day|night|week){end}",
        r"(?:everything|it all|its all|it)(?: is)?(?: just)? too much{end}",
        r"give up on (?:everything|life|myself){end}",
        r"^(?:i )?give up(?: \.)*$",
        # A tester on a hard day (2026-12-01, fifth session): each got a skill or the
        # focus skill's button. "Not wanting to be here" is as often a place in a bot
        # about relationships, so it is met here, with /support beside it, not answered
        # as a crisis (docs/safety.md, round 10).
        r"i (?:just |really |honestly )*(?:dont|do not) want to be here{end}",
        # Anger at a partner, a betrayal, a bad day, loneliness in the relationship. Not
        # "them" ("these exercises, I hate them"), not the past ("he made me so mad,
        # what skill helps?" is asking), not "bad" alone ("I feel so bad, I snapped at
        # her" is guilt, told to find a skill).
        r"i hate (?:him|her|my (?:husband|wife|partner|boyfriend|girlfriend|bf|gf|ex))"
        r"(?: so much)?{alone}",
        r"(?:im|i am){so} (?:furious|livid|angry|mad|pissed|pissed off|enraged)"
        r"(?: (?:at|with) (?:him|her|them|my (?:husband|wife|partner|boyfriend|girlfriend"
        r"|bf|gf)))?{alone}",
        r"(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|bf|gf))"
        r" (?:makes|make) me{so} (?:mad|angry|furious|sad|miserable){alone}",
        r"(?:he|she|my (?:husband|wife|partner|boyfriend|girlfriend|bf|gf|fiance|fiancee))"
        r" (?:cheated|has been cheating|is cheating|was cheating|had an affair)(?: on me)?"
        r"{alone}",
        r"(?:im|i am) having{so} (?:a|such a)(?: really| very| so)? (?:bad|hard|rough|terrible"
        r"|awful|horrible|shit|shitty) (?:day|night|week|time){alone}",
        r"i (?:feel|am feeling|m feeling){so} (?:lonely|alone)"
        r"(?: in (?:my|this|our) (?:marriage|relationship))?{alone}",
        r"i (?:feel|am feeling|m feeling){so} bad (?:today|tonight|right now|lately"
        r"|these days|all day)(?= \.|$)",
    ),
    "de": (
        r"ich (?:fühle mich|fuehle mich|fühl mich|fuehl mich){so} (?:traurig|allein|einsam"
        r"|leer|hoffnungslos|kaputt|erschöpft|erschoepft|verzweifelt|überfordert"
        r"|ueberfordert|deprimiert|wertlos|ungeliebt){end}",
        r"ich bin{so} (?:traurig|einsam|leer|hoffnungslos|kaputt|erschöpft|erschoepft|am ende"
        r"|verzweifelt|überfordert|ueberfordert|deprimiert|am boden|todunglücklich|wertlos"
        r"|so allein|ganz allein|völlig allein|total allein|(?:so )?müde von allem){end}",
        r"mir gehts?(?: es)?{so} (?:schlecht|scheisse|mies|dreckig|beschissen){end}",
        r"mir geht es{so} (?:schlecht|scheisse|mies|dreckig|beschissen){end}",
        r"(?:es geht mir|mir gehts?|mir geht es) (?:gar |überhaupt |wirklich )?nicht gut{end}",
        r"es tut (?:so |echt |einfach )?(?:so )?weh{end}",
        r"mir (?:ist|wird) (?:alles|das alles) zu viel{end}",
        r"ich bin (?:nichts wert|ein versager|eine versagerin|eine last|nutzlos){end}",
        r"(?:kann|könnte) nicht (?:mehr )?aufhören zu weinen{end}",
        r"ich weine (?:nur noch|die ganze zeit|seit stunden|seit tagen|jeden tag|ständig"
        r"|staendig|nur){end}",
        r"ich hasse (?:mein leben|mich){end}",
        r"ich kann(?: (?:einfach|echt|wirklich|halt|so|eigentlich))* nicht mehr{end}",
        r"ich (?:schaffe|schaff) das nicht mehr{end}",
        r"ich (?:halte|halt) (?:das|es)(?: (?:alles|einfach|echt|wirklich))* nicht mehr aus{end}",
        r"ich halts(?: (?:einfach|echt|wirklich))* nicht mehr aus{end}",
        r"(?:ich kann|so kann ich)(?: (?:einfach|echt|wirklich|halt))* (?:so(?: (?:einfach|echt"
        r"|wirklich))* nicht(?: mehr)?|nicht mehr(?: so)?|nicht so) weiter(?:machen)?{end}",
        r"so kann ich(?: (?:einfach|echt|wirklich|halt))* nicht(?: mehr)? weiter(?:machen)?{end}",
        r"(?:was soll das alles(?: noch)?|wozu das alles|wozu noch)(?= \.|$)",
        r"niemand (?:liebt mich|versteht mich|interessiert sich für mich){end}",
        r"^(?:ich )?gebe auf(?: \.)*$",
        # The tester of 2026-12-01: "heute" between ("mir geht es heute richtig schlecht"),
        # and a betrayal.
        r"mir geht(?:s| es)(?: (?:heute|gerade|grad|im moment|momentan|seit tagen))?{so}"
        r" (?:schlecht|scheisse|mies|dreckig|beschissen){end}",
        r"(?:er|sie|mein (?:mann|freund|partner)|meine (?:frau|freundin|partnerin))"
        r" (?:hat|hatte) mich betrogen{end}",
    ),
    "es": (
        r"(?<!\bno )me siento{so} (?:triste|sola|solo|vacía|vacia|vacío|vacio|rota|roto"
        r"|agotada|agotado|deprimida|deprimido|desesperada|desesperado|hundida|hundido"
        r"|fatal|destrozada|destrozado|abrumada|abrumado|sin fuerzas|mal){end}",
        r"(?<!\bno )estoy{so} (?:triste|vacía|vacia|vacío|vacio|rota|roto|agotada|agotado"
        r"|deprimida|deprimido|desesperada|desesperado|hundida|hundido|fatal|destrozada"
        r"|destrozado|abrumada|abrumado|sin fuerzas|mal|tan sola|tan solo|muy sola|muy solo"
        r"|harta de todo|harto de todo){end}",
        r"no puedo (?:dejar|parar) de llorar{end}",
        r"(?:llevo|estoy) (?:horas |días |dias |todo el día |todo el dia |toda la noche )?"
        r"llorando{end}",
        r"odio (?:mi vida|todo){end}",
        r"^me odio{end}",
        r"(?:ya )?no (?:puedo|aguanto) m[aá]s(?: con (?:esto|todo|mi vida))?{end}",
        r"ya no aguanto{end}",
        r"(?:ya )?no puedo (?:seguir|más|mas) as[ií](?: con (?:este|tanto|todo este) dolor)?{end}",
        r"as[ií] (?:ya )?no puedo seguir{end}",
        r"no estoy bien{end}",
        r"(?:no valgo nada|no sirvo para nada|soy un fracaso|soy una fracasada|soy un fracasado"
        r"|soy una carga|soy un estorbo){end}",
        r"(?:para qu[eé]|de qu[eé] sirve) (?:seguir|todo esto|todo|intentarlo|vivir así)"
        r"(?= \.|$)",
        r"nadie (?:me quiere|me entiende){end}",
        r"^(?:yo )?me rindo(?: \.)*$",
    ),
    "ru": (
        r"мне{so} (?:плохо|одиноко|грустно|тяжело|пусто|больно|хреново|паршиво|тоскливо"
        r"|невыносимо){end}",
        r"я{so} (?:одинока|одинок|в отчаянии|разбита|разбит|опустошена|опустошен"
        r"|устала от всего|устал от всего){end}",
        r"не могу перестать плакать{end}",
        r"я (?:весь день |всю ночь |постоянно |все время |всё время |опять |снова )?плачу{end}",
        r"(?:я )?ненавижу (?:свою жизнь|себя){end}",
        r"я больше не могу{end}",
        r"(?:я )?(?:больше )?так (?:больше )?не могу{end}",
        r"(?:я )?не могу(?: я)? так (?:больше|дальше){end}",
        r"я (?:этого |так )?(?:больше |уже )?не (?:выдержу|выдерживаю){end}",
        r"я не в порядке{end}",
        r"(?:я ничего не стою|я неудачница|я неудачник|я никчёмная|я никчемная|я никчёмный"
        r"|я никчемный|я ничтожество|я обуза){end}",
        r"(?:я )?не могу больше{end}",
        r"(?:какой|в ч[её]м)(?: вообще| теперь)? смысл(?= \.|$)",
        r"никто меня не (?:любит|понимает){end}",
        r"^(?:я )?сдаюсь(?: \.)*$",
    ),
}
_COMPILED = tuple(
    re.compile(r"\b" + pattern.format(so=_SO[language], end=_ENDS[language], alone=_ALONE))
    for language, patterns in _PATTERNS.items()
    for pattern in patterns
)

# Anywhere in the message, these say it is something else: a laugh, a turn for the better,
# or the step ("ich kann nicht mehr, so lecker!", "мне тяжело, но я справилась", "I feel
# lost, what do I do in step 2?", "…and it went really well"); but "I can't do this step,
# I can't stop crying" is pain.
_NOT_PAIN_ANYWHERE = re.compile(
    r"\b(?:lol|haha\w*|lmao|jk|sweet|weddings?|did it|proud|lighter|relieved|calmer"
    r"|(?<!\bdo this )steps?|what do i do (?:in|on|with|for|at) (?:this|the|that|step)"
    r"|slow down|explain\w*|schritt\w*|(?<!\bis )(?:thats|that is) (?:okay|ok)"
    r"|went (?:really |so |pretty |quite )?well|helped|hugged|good to know|it worked|glad"
    r"|grateful|thankful"
    r"|erklär\w*|paso \d|explica\w*|шаг \d|объясн\w*"
    r"|managed|(?:feel|feeling|felt|a bit|much) better|geschafft|stolz|lecker|lustig"
    r"|lo hice|orgullos[ao]|jaja\w*|справил\w*|получилось|смешно|ахах\w*|хаха\w*|лол"
    r"|практик\w* (?:закончил\w*|кончил\w*|прошл\w*))\b"
)
# In the feeling's own clause only: someone else's words ("he told me I can't take it
# anymore"), a start, a thanks, an "ok" or the step beside it ("I'm exhausted and done",
# "I feel lost in step 2"). The thing that hurt, or the practice, told in another clause
# ("She said she is leaving me. I can't stop crying", "sorry, I can't practise now, I
# feel so alone") is not a reason to look away.
_NOT_PAIN_HERE = re.compile(
    r"\b(?:(?<!\bi )(?:said|says|told|tells|texted|wrote)|start|anfangen|empezar|начать"
    r"|(?:este|el|ese|del|al) paso|pasos|шаг\w*"
    r"|(?<!\bnot )(?<!\bnever )(?:okay|ok)"
    r"|and (?:done|ready)|but ready"
    r"|pick one|(?<!\bnot )(?<!\bnever )happy|sagt|sagte|gesagt|dijo|dice|gracias"
    r"|сказал\w*)\b"
)
# A clause that ends so puts the next one in someone else's mouth ("he said, 'I can't…'").
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told me|tells me|texted|wrote|goes|sagt|sagte|meinte|dijo|dice"
    r"|сказал\w*|пишет|написал\w*)$"
)
# A clause that is only a nod to go on ("I'm exhausted, next"): an answer to the step.
_GOING_ON = re.compile(
    r"(?:^| \. )(?:and |but )?(?:ok |okay )?(?:next|ready|done|lets go|go on|continue"
    r"|weiter|fertig|bereit"
    r"|listo|lista|siguiente|дальше|готово|готова|готов)(?= \.|$)"
)
_CLAUSE = " . "
_LAUGHING = frozenset("😂🤣😆😹")


def heavy(text: str, *, any_length: bool = False) -> bool:
    """True for a short message that says, in plain words, the writer is in pain now.

    `any_length`: however long, for a reflection (or more of one), which is theirs to
    keep but not to be praised for when it says they can't stop crying."""
    too_long = len(text.split()) > MET_FIRST_WORDS and not any_length
    if too_long or _LAUGHING.intersection(text):
        return False
    plain = normalise(text)
    if _NOT_PAIN_ANYWHERE.search(plain) or _GOING_ON.search(plain):
        return False
    return any(
        _theirs(plain, match.start(), match.end())
        for pattern in _COMPILED
        for match in pattern.finditer(plain)
    )


def _theirs(plain: str, start: int, end: int) -> bool:
    """Whether the feeling found at plain[start:end] is the writer's pain: nothing in its
    own clause makes it someone else's words or an answer about the practice (a step, a
    start, an "ok"), and the clause before it does not end in "he said"."""
    begins = plain.rfind(_CLAUSE, 0, start)
    clause_start = 0 if begins < 0 else begins + len(_CLAUSE)
    ends = plain.find(_CLAUSE, end)
    clause = plain[clause_start : len(plain) if ends < 0 else ends]
    if _NOT_PAIN_HERE.search(clause):
        return False
    before = plain[: max(begins, 0)]
    return not (begins >= 0 and _SPEECH_BEFORE.search(before))
