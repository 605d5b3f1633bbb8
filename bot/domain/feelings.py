"""Messages of nothing but emoji of hurt: not safety language (which names what is wrong),
and not a request for a skill either, so they are met before anything is suggested; and
what, with pleas and put-downs, is met as it is wherever it comes (`met_first`).

Pure: text in, yes or no.
"""

from __future__ import annotations

import re

from bot.domain.put_downs import put_down
from bot.domain.small_talk import SmallTalk, small_talk

# Crying, heartbreak, despair, anger and fear, and the knife, skull and blood someone in
# pain may send instead of words.
_HURT = frozenset("😭😢😞😔💔😡🤬😠😰😱😨🔪🩸💀☠😿😩😫😖😣🥺😥😓😟🙁☹😪🖤💊⚰🪦🔫")


# "😂💀" is "I'm dead (laughing)": beside laughter, the skull and the tears of laughing
# are not hurt; a broken heart or a knife still is.
_LAUGHING = frozenset("😂🤣😆😹")
_DEAD_OF_LAUGHTER = frozenset("💀☠😭")


# Among them, those that may stand for harm itself: a knife, blood, pills, a coffin.
_HARM = frozenset("🔪🩸💊⚰🪦🔫")


def only_harm(text: str) -> bool:
    """True for emoji alone (as `only_hurt`) among which is one that may stand for harm
    itself (a knife, blood, pills): answered with where help is, in the reply itself."""
    marks = [char for char in text if not char.isspace() and char != "\ufe0f"]
    if not marks or any(char.isalnum() for char in marks) or any(c in _LAUGHING for c in marks):
        return False
    return any(char in _HARM for char in marks)


# Sad faces typed in punctuation (":(", ":'(", ";-((" and the same turned round): the
# emoji of those who type them.
_SAD_FACES = re.compile(r"(?:[:;]['’]?-?\(+|\)+-?['’]?[:;])+")


def only_hurt(text: str) -> bool:
    """True for a message of emoji alone (spaces and punctuation aside), one of them hurt
    (the skull and tears, beside laughter, are not), or of sad faces typed (":(")."""
    marks = [char for char in text if not char.isspace()]
    if marks and _SAD_FACES.fullmatch("".join(marks)):
        return True
    if not marks or any(char.isalnum() for char in marks):
        return False
    if any(char in _LAUGHING for char in marks):
        return any(char in _HURT and char not in _DEAD_OF_LAUGHTER for char in marks)
    return any(char in _HURT for char in marks)


# A put-down this short is the message itself; in a longer one (a reflection, a bid)
# it may be part of telling what happened ("when he yelled at me I breathed first").
MET_FIRST_WORDS = 12


def met_first(text: str) -> bool:
    """A plea for help, emoji of hurt, or a short message that puts the person down:
    answered as such wherever it comes, never kept as a reflection, added to one, or
    taken as a repair bid's words."""
    if only_hurt(text) or small_talk(text) is SmallTalk.PLEA:
        return True
    return len(text.split()) <= MET_FIRST_WORDS and put_down(text)
