"""The test suite's own rules: test modules share code only through tests/support/, and
each folder mirrors a package, so a test is found where its code is."""

import ast

from tests.support.paths import REPO

TESTS = REPO / "tests"
# Folders of tests that mirror no single package: whole processes, and the shared helpers.
NOT_MIRRORED = {"e2e", "support", "fixtures"}


def _test_modules() -> list[str]:
    return sorted(
        str(path.relative_to(REPO))
        for path in TESTS.rglob("*.py")
        if "fixtures" not in path.parts and path.name != "__init__.py"
    )


def test_test_modules_import_no_other_test_module() -> None:
    offending = []
    for name in _test_modules():
        tree = ast.parse((REPO / name).read_text(), name)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported = [node.module]
            elif isinstance(node, ast.Import):
                imported = [alias.name for alias in node.names]
            else:
                continue
            for module in imported:
                if module.split(".")[0] == "tests" and not module.startswith("tests.support"):
                    offending.append(f"{name}: {module}")
    assert offending == [], "import shared helpers from tests/support/ instead"


def test_each_test_folder_mirrors_a_package() -> None:
    folders = {
        path.relative_to(TESTS)
        for path in TESTS.rglob("*")
        if path.is_dir() and path.name != "__pycache__" and "fixtures" not in path.parts
    }
    for folder in folders:
        if folder.parts[0] in NOT_MIRRORED:
            continue
        mirrored = [REPO / "bot" / folder, REPO / folder]  # bot/<package>, or testkit/
        assert any(path.is_dir() for path in mirrored), f"tests/{folder} mirrors nothing"
