"""/skills, /skill, /mistakes and /focus, with and without names."""

from pathlib import Path

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.telegram.app import BotApplication
from tests.support.app import AppFactory, Chat, StartedChat


def labels(person: FakeChat) -> list[str]:
    return [b["text"] for b in person.keyboard_message().buttons]


async def test_skills_lists_core_first_as_buttons(chat: Chat) -> None:
    ada = chat(7)
    [listing] = texts(await ada.send("/skills"))
    # The heading says "Skills" once: the skills under it need no label of their own.
    assert listing.startswith("<b>Skills</b>\n\nRepair\n") and listing.count("Skills") == 1
    assert listing.index("Repair") < listing.index("<i>Building blocks</i>")
    assert "core" not in listing.casefold() and "meta" not in listing.casefold()
    assert labels(ada)[0] == "Repair" and len(labels(ada)) == 6
    [card] = texts(await ada.press("Holding Discomfort"))
    assert card.startswith("<b>Holding Discomfort</b> · <i>Building block</i>")


async def test_the_list_is_headed_once_in_the_persons_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    lena = FakeChat(app, api, 7, "Lena", "de")
    await lena.send("/start")
    [listing] = texts(await lena.send("/skills"))
    assert listing.startswith("<b>Fähigkeiten</b>\n\nWiedergutmachen\n")
    assert listing.count("Fähigkeiten") == 1 and "<i>Bausteine</i>" in listing


async def test_skill_card_and_its_supporting_skills(chat: Chat) -> None:
    ada = chat(7)
    [card] = texts(await ada.send("/skill repair"))
    assert "Why it matters" in card
    assert labels(ada)[:2] == ["Practise ▶", "Common mistakes"]
    assert "↗ Owning Impact" in labels(ada)
    assert "Make this my focus" not in labels(ada)  # Repair is already the focus
    [linked] = texts(await ada.press("Owning Impact"))
    assert linked.startswith("<b>Owning Impact</b>")
    assert "Make this my focus" in labels(ada)
    [intro] = texts(await ada.press("Practise"))
    assert intro.endswith("Tap <b>Start</b> when you’re ready.")


async def test_skill_without_a_name_lists_and_unknown_suggests(chat: Chat) -> None:
    ada = chat(7)
    assert texts(await ada.send("/skill"))[0].count("Skills") == 1
    [guess] = texts(await ada.send("/skill holdng"))
    assert guess.startswith("<b>Holding Discomfort</b>")
    [unknown] = texts(await ada.send("/skill nothing like it"))
    assert "couldn’t find" in unknown and len(labels(ada)) == 6


async def test_mistakes_of_the_focus_or_a_named_skill(chat: Chat) -> None:
    ada = chat(7)
    [focus] = texts(await ada.send("/mistakes"))
    assert "Common mistakes · Repair" in focus and focus.count("•") == 5
    assert labels(ada) == ["Practise Repair"]
    [named] = texts(await ada.send("/mistakes staying grounded"))
    assert "Common mistakes · Staying Grounded" in named
    [unknown] = texts(await ada.send("/mistakes xyzzy"))
    assert "couldn’t find" in unknown
    [via_button] = texts(await ada.press("Repair"))
    assert via_button.startswith("<b>Common mistakes · Repair</b>")  # what was asked for


async def test_focus_show_set_and_choose(chat: Chat) -> None:
    ada = chat(7)
    [shown] = texts(await ada.send("/focus"))
    assert "Your focus skill is <b>Repair</b> (suggested until you choose" in shown
    [set_] = texts(await ada.send("/focus integrating"))
    assert "Your focus is now <b>Integrating Feedback</b>" in set_
    [again] = texts(await ada.send("/focus"))
    assert "<b>Integrating Feedback</b> (you chose it)" in again
    [choose] = texts(await ada.press("Choose another focus"))
    assert "Choose your focus skill" in choose
    [picked] = texts(await ada.press("Owning Impact"))
    assert "Your focus is now <b>Owning Impact</b>" in picked
    assert "Common mistakes · Owning Impact" in texts(await ada.send("/mistakes"))[0]
    [unknown] = texts(await ada.send("/focus qqq"))
    assert "couldn’t find" in unknown
    [picked_from_list] = texts(await ada.press("Repair"))  # the list's buttons set the focus
    assert "Your focus is now <b>Repair</b>" in picked_from_list


async def test_large_vaults_page_the_list(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    for number in range(20):
        (tmp_path / f"Skill {number:02}.md").write_text(
            f'---\nfileClass: meta_skill\nsteps: ["Step 1: Do {number}"]\n---\n'
        )
    app = await make_app(skills_dir=tmp_path)
    ada = StartedChat(app, api, 7)
    await ada.send("/skills")
    assert labels(ada)[:8] == [f"Skill {n:02}" for n in range(8)]
    assert labels(ada)[8:] == ["1 / 3", "Next ›"]
    await ada.press("Next ›")
    assert labels(ada)[0] == "Skill 08" and labels(ada)[-3:] == ["‹ Previous", "2 / 3", "Next ›"]
    await ada.press("Next ›")
    assert labels(ada)[:4] == ["Skill 16", "Skill 17", "Skill 18", "Skill 19"]
    # The page-number button just redraws the same page: nothing changes, nothing breaks.
    calls = await ada.press("3 / 3")
    assert all(c.ok or "not modified" in (c.error or "") for c in calls)


async def test_a_vault_of_hundreds_is_one_message_paged_in_place(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    for number in range(400):
        (tmp_path / f"Skill {number:03}.md").write_text(
            f'---\nfileClass: meta_skill\nsteps: ["Step 1: Do {number}"]\n---\n'
        )
    app = await make_app(skills_dir=tmp_path)
    ada = StartedChat(app, api, 7)
    sent = await ada.send("/skills")
    [listing] = [c.message for c in sent if c.message is not None]
    assert "page 1 of 50" in listing.text
    assert "Skill 007" in listing.text and "Skill 008" not in listing.text  # text = buttons
    pressed = await ada.press("Next ›")
    assert [c.method for c in pressed if c.message is not None] == ["editMessageText"]
    [page_two] = [c.message for c in pressed if c.message is not None]
    assert page_two.message_id == listing.message_id and "page 2 of 50" in page_two.text
    assert "Skill 008" in page_two.text and "Skill 007" not in page_two.text


async def test_an_empty_vault_says_so(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    app = await make_app(skills_dir=tmp_path)
    ada = StartedChat(app, api, 7)
    for command in ("/practice", "/skills", "/mistakes", "/focus"):
        assert "no skill cards" in texts(await ada.send(command))[0], command


async def test_in_a_real_obsidian_vault_skills_lists_only_skills(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    from tests.support.vaults import real_vault

    app = await make_app(skills_dir=real_vault(tmp_path / "Vault"))
    ada = StartedChat(app, api, 7)
    await ada.send("/skills")
    assert sorted(labels(ada)) == [
        "Holding Discomfort",
        "Integrating Feedback",
        "Owning Impact",
        "Partnering Instead of Defending",
        "Repair",
        "Staying Grounded",
    ]
    # Not the piano note with its ## Steps, not the template, not an excluded draft.
    [answer] = texts(await ada.send("/skill piano"))
    assert "Steps to learn piano" not in answer


async def test_an_unknown_name_lists_the_skills_for_the_reflections_asked_for(
    chat: Chat,
) -> None:
    ada = chat(7)
    await ada.send("/practice holding")
    await ada.press("Start")
    for _ in range(9):
        if "Finish" in " ".join(labels(ada)):
            break
        await ada.press("Next")
    await ada.press("Finish")
    await ada.send("it held")
    [listing] = texts(await ada.send("/reflections zzz"))
    assert "Here are all of them" in listing
    [shown] = texts(await ada.press("Holding Discomfort"))  # its reflections, not its card
    assert "on Holding Discomfort" in shown and "it held" in shown
