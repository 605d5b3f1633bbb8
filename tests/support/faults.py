"""Deterministic Telegram errors for the fake Bot API (testkit/faults.py has the random ones)."""

from typing import Any

from bot.offline.api import FaultHook, Response


def telegram_error(
    method: str, status: int, description: str, *, times: int | None = None, **parameters: Any
) -> FaultHook:
    """A fault hook answering calls to `method` with this Bot API error: the first `times`
    calls, or every call. `parameters` become the error's `parameters` (e.g. retry_after)."""
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    answer: Response = (status, body)
    left = [times]

    def fault(called: str, params: dict[str, Any]) -> Response | None:
        if called != method or left[0] == 0:
            return None
        if left[0] is not None:
            left[0] -= 1
        return answer

    return fault
