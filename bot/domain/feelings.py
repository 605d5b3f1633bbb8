"""Messages of nothing but emoji of hurt: not safety language (which names what is wrong),
and not a request for a skill either, so they are met before anything is suggested.

Pure: text in, yes or no.
"""

from __future__ import annotations

# Crying, heartbreak, despair, anger and fear, and the knife, skull and blood someone in
# pain may send instead of words.
_HURT = frozenset("😭😢😞😔💔😡🤬😠😰😱😨🔪🩸💀☠😿😩😫😖😣🥺😥😓😟🙁☹😪🖤")


def only_hurt(text: str) -> bool:
    """True for a message of emoji alone (spaces and punctuation aside), one of them hurt."""
    marks = [char for char in text if not char.isspace()]
    if not marks or any(char.isalnum() for char in marks):
        return False
    return any(char in _HURT for char in marks)
