from bot.offline import FakeBotAPI


def send(api: FakeBotAPI, **params: object) -> tuple[int, dict[str, object]]:
    return api.handle("sendMessage", {"chat_id": 1, "parse_mode": "HTML", **params}, {})


def test_send_and_edit() -> None:
    api = FakeBotAPI()
    status, body = send(api, text="<b>hi</b>")
    assert status == 200 and body["ok"]
    message = api.sent(1)[0]
    assert (message.message_id, message.text) == (1, "<b>hi</b>")
    status, body = api.handle(
        "editMessageText",
        {"chat_id": 1, "message_id": 1, "text": "<b>hi</b>", "parse_mode": "HTML"},
        {},
    )
    assert status == 400 and "message is not modified" in str(body["description"])
    status, _ = api.handle(
        "editMessageText", {"chat_id": 1, "message_id": 1, "text": "new", "parse_mode": "HTML"}, {}
    )
    assert status == 200 and api.messages[(1, 1)].text == "new"
    status, body = api.handle("editMessageText", {"chat_id": 1, "message_id": 99, "text": "x"}, {})
    assert status == 400 and "not found" in str(body["description"])


def test_rejects_what_telegram_rejects() -> None:
    api = FakeBotAPI()
    assert send(api, text="a & b")[0] == 400
    assert send(api, text="x" * 4097)[0] == 400
    assert send(api, text="x" * 4096)[0] == 200
    assert send(api, text="  ")[0] == 400
    markup = {"inline_keyboard": [[{"text": "go", "callback_data": "x" * 65}]]}
    assert send(api, text="ok", reply_markup=markup)[0] == 400
    assert api.handle("noSuchMethod", {}, {})[0] == 404
    assert [c.ok for c in api.calls] == [False, False, True, False, False, False]


def test_fault_hook_answers_instead() -> None:
    blocked = "Forbidden: bot was blocked by the user"
    api = FakeBotAPI(
        fault=lambda method, params: (
            403,
            {"ok": False, "error_code": 403, "description": blocked},
        )
    )
    status, _ = send(api, text="hi")
    assert status == 403 and api.calls[-1].error == "Forbidden: bot was blocked by the user"
    assert api.sent() == []


def test_get_updates_respects_the_offset() -> None:
    api = FakeBotAPI()
    api.push_update({"update_id": 1})
    api.push_update({"update_id": 2})
    assert [u["update_id"] for u in api.handle("getUpdates", {}, {})[1]["result"]] == [1, 2]
    assert [u["update_id"] for u in api.handle("getUpdates", {"offset": 2}, {})[1]["result"]] == [
        2
    ]
    assert api.pending_updates() == 1
