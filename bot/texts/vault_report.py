"""The skill vault's state for admins: what loaded, what changed, each problem."""

from __future__ import annotations

from html import escape

from bot.vault.library import Vault, summary


def vault_report(vault: Vault, changes: object | None = None) -> str:
    """The vault's state for admins: what loaded, what changed, each problem."""
    lines = [f"<b>Skill cards</b>: {escape(summary(vault))}"]
    if changes:
        lines.append(f"Changes: {escape(str(changes))}")
    shown = vault.problems[:30]
    if shown:
        lines.append("")
        lines += [f"• {escape(str(problem))}" for problem in shown]
    if len(vault.problems) > len(shown):
        lines.append(f"…and {len(vault.problems) - len(shown)} more (run skillbot check)")
    return "\n".join(lines)
