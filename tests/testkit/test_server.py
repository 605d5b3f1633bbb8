import json
import urllib.request

from bot.offline import FakeBotAPI
from testkit.server import parse_body, serve_in_thread


def test_form_bodies_decode_like_ptb_encodes_them() -> None:
    params, files = parse_body(
        "application/x-www-form-urlencoded",
        b"chat_id=5&text=123&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D",
    )
    assert params == {"chat_id": 5, "text": "123", "reply_markup": {"inline_keyboard": []}}
    assert files == {}


def test_serves_the_api_over_http() -> None:
    api = FakeBotAPI()
    server, base = serve_in_thread(api)
    try:
        request = urllib.request.Request(
            f"{base}/bot1:x/sendMessage",
            data=json.dumps({"chat_id": 3, "text": "hi"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert json.loads(response.read())["result"]["text"] == "hi"
        assert api.sent(3)[0].text == "hi"
    finally:
        server.shutdown()
        server.server_close()
