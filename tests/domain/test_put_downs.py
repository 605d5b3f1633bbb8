"""Words that put the person down are told from feedback and from everyday talk."""

import pytest

from bot.domain.put_downs import aimed_at_reader, put_down

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
    "You are nothing",
    "du bist ein Nichts",
    # Being yelled at (found by a tester: it was matched to Integrating Feedback).
    "er schreit mich ständig an und ich weiß nicht, was ich tun soll",
    "he yells at me all the time",
    "me grita todo el tiempo",
    "он орёт на меня",
    # Found by a tester: worth nothing, in each language.
    "he said I'm worth nothing",
    "dice que no sirvo para nada",
    "me dijo que no valgo nada",
    "он сказал, что я ничего не стою",
    "er sagt, ich sei nichts wert",
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
    # Found by a reviewer: everyday sentences and reassurances.
    "No me dice nada",
    "Me dijo que nada había cambiado",
    "Du bist mir nichts schuldig",
    "You are right, nothing to worry about",
    "You're the best, nothing compares",
    "He called me last night, nothing happened",
    "You are not stupid",
    "my therapist said I am not a failure",
    "Du bist nicht dumm",
    "she says im crazy about her",
    "You're crazy good at this",
    "ты просто дурачишься",
    "I said I was useless at cooking",
    "I yelled at him and feel bad",
    "я сказала, что я ничего не стою",  # their own words, not someone else's
    "ich sagte, ich sei nichts wert",
]


@pytest.mark.parametrize("text", PUT_DOWNS)
def test_put_downs_reported_or_repeated_are_recognised(text: str) -> None:
    assert put_down(text)


@pytest.mark.parametrize("text", NOT_PUT_DOWNS)
def test_feedback_and_everyday_words_are_not_put_downs(text: str) -> None:
    assert not put_down(text)


# Typed as a repair bid: degrading whoever reads it.
AIMED = [
    "You are worthless and nobody will ever love you",
    "Come home you stupid bitch",
    "you idiot",
    "I love you. You are nothing without me",
    "I don't care, you're stupid",
    "Du bist so dumm",
    "Eres una inútil",
    "Ты никчёмная",
]
# What a repair bid is for: an apology naming its own words, hurt told back, warmth.
NOT_AIMED = [
    "I'm sorry I called you stupid last night",
    "I was wrong to call you useless",
    "When you called me stupid it really hurt. Can we talk?",
    "Thank you, stupid me for forgetting",
    "I know I said that you are crazy, I am sorry",
    "You're so good at this",
    "nobody will ever love you like I do",
    "Perdón por decir que eres tonta",
    "Прости, что я сказал, что ты дура",
    # Denied, or the writer's own word for themselves (a reviewer's list).
    "I don't think you're stupid.",
    "No eres tonta, yo fui el idiota",
    "Sorry I drove you crazy last night",
    "You are right, I'm stupid",
    "Ты права, я дура",
    "I'm sorry for saying you're useless",
    "Ich hab nie gedacht du bist dumm",
]


@pytest.mark.parametrize("text", AIMED)
def test_words_that_would_degrade_the_reader_are_recognised(text: str) -> None:
    assert aimed_at_reader(text)


@pytest.mark.parametrize("text", NOT_AIMED)
def test_apologies_and_hurt_told_back_are_not_aimed_at_the_reader(text: str) -> None:
    assert not aimed_at_reader(text)
