"""Words that put the person down are told from feedback and from everyday talk."""

import pytest

from bot.domain.put_downs import put_down

PUT_DOWNS = [
    "we had a huge fight and he called me a stupid bitch",
    "You are worthless and nobody will ever love you",
    "She said I'm pathetic",
    "he keeps saying that I'm crazy",
    "my husband told me I was a failure",
    "he calls me fat in front of his friends",
    "Er hat mich eine dumme Schlampe genannt",
    "Er sagt, ich sei wertlos",
    "Du bist so erbärmlich",
    "Niemand wird dich jemals lieben",
    "Me llamó estúpida delante de todos",
    "Eres una inútil",
    "me dijo que soy una fracasada",
    "nadie te va a querer",
    "Он назвал меня дурой",
    "Он назвал меня тупой",
    "Ты ничтожество",
    "сказал что я никчёмная",
    "Никто тебя не полюбит",
    "ur so ugly",
]

NOT_PUT_DOWNS = [
    "she called me out on being late",
    "he called me a genius today",
    "you are so sweet",
    "I called him stupid and now I feel awful",
    "my boss said I'm lazy",
    "she told me I was selfish and she is right",
    "he called me last night",
    "she called me and said she misses me",
    "You are right, I should listen more",
    "Er hat mich gestern angerufen",
    "Du bist so lieb",
    "Me llamó ayer por la noche",
    "Eres muy importante para mí",
    "Он назвал меня по имени",
    "Ты такая красивая",
    "I feel stupid for overreacting",
    "he said I'm nothing like his ex",
    "you're nothing but kind to me",
    "she said I was a joy to be with",
    "my son said I'm the best",
    "Ты просто чудо",
]


@pytest.mark.parametrize("text", PUT_DOWNS)
def test_put_downs_reported_or_repeated_are_recognised(text: str) -> None:
    assert put_down(text)


@pytest.mark.parametrize("text", NOT_PUT_DOWNS)
def test_feedback_and_everyday_words_are_not_put_downs(text: str) -> None:
    assert not put_down(text)
