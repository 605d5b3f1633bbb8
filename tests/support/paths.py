"""Where the tests find the repository, their fixture cards, and the starter vault."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
# A copy of the starter cards, frozen as test data: editing a card in skills/ must not break
# tests. Only tests/test_starter_vault.py reads skills/ itself.
VAULT = FIXTURES / "vault"
TRAPS = FIXTURES / "traps"
BROKEN = FIXTURES / "broken"
STARTER_VAULT = REPO / "skills"
