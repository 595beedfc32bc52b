"""The test suite's own layout: builders live in ``tests/factories/``,
machinery in ``tests/support/``, fixtures in conftests, and no test module
imports another test module (or a conftest), so that moving or deleting a
test never breaks an unrelated one."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Not tests: builders, machinery, the test-only content app and its settings.
SHARED = ("tests.factories", "tests.support", "tests.testapp", "tests.settings")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.AST, module: str, is_package: bool, top: str) -> list[tuple[int, str]]:
    """(line, module) of every import in ``tree``, relative ones resolved;
    ``from tests import x`` counts as importing ``tests.x``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                package = package if is_package else package[:-1]
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == top:
                found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, base))
    return found


def layout_problems(root: Path) -> list[str]:
    """Everything in the test tree at ``root`` that breaks the layout."""
    top = root.name
    problems = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in ("factories", "support", "testapp") or str(relative) == "settings.py":
            continue
        if path.name not in ("__init__.py", "conftest.py") and not path.name.startswith("test_"):
            problems.append(f"{relative}: neither a test module nor a conftest (builders go to factories/)")
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, name in _imported(tree, _module_name(path, root), path.name == "__init__.py", top):
            inside = name.startswith(top + ".")
            shared = any(name == home or name.startswith(home + ".") for home in SHARED)
            if inside and not shared:
                problems.append(f"{relative}:{line}: imports {name}")
    return problems


def test_no_test_module_imports_another_test_module():
    assert layout_problems(TESTS) == []


def test_the_layout_check_finds_a_test_module_importing_another(tmp_path):
    tests = tmp_path / "tests"
    (tests / "news").mkdir(parents=True)
    (tests / "factories").mkdir()
    for init in (tests / "__init__.py", tests / "news" / "__init__.py", tests / "factories" / "__init__.py"):
        init.write_text("")
    (tests / "factories" / "news.py").write_text("def make_news(): ...\n")
    (tests / "news" / "test_views.py").write_text("def helper(): ...\n")
    (tests / "news" / "builders.py").write_text("")
    (tests / "news" / "test_feeds.py").write_text(
        "from tests.factories import make_news\n"
        "from tests.factories.news import make_news as again\n"
        "from tests.news.test_views import helper\n"
        "from .test_views import helper as relative\n"
        "from tests.conftest import something\n"
        "import tests.news.test_views\n"
        "from tests import conftest, factories\n"
        "from tests.support.smtp_sink import SmtpSink\n"
    )
    assert layout_problems(tests) == [
        "news/builders.py: neither a test module nor a conftest (builders go to factories/)",
        "news/test_feeds.py:3: imports tests.news.test_views",
        "news/test_feeds.py:4: imports tests.news.test_views",
        "news/test_feeds.py:5: imports tests.conftest",
        "news/test_feeds.py:6: imports tests.news.test_views",
        "news/test_feeds.py:7: imports tests.conftest",
    ]
