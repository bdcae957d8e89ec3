"""Layering of podplayer, read from the source: no import cycles, no upward imports.

The layers (an arrow points to what a layer may import):

    base     -> base                              podplayer/__init__.py and the top-level modules (podplayer.paths)
    core     -> core, base                        pure Python, no Qt
    store    -> store, core, base
    usecases -> usecases, store, core, base       import, restore, re-sync, podcast jobs: one transaction each
    ui       -> ui, usecases, store, core, base
    cli      -> cli, usecases, store, core, base  plus one narrow way into the GUI (below)
    entry  -> cli, base               podplayer/__main__.py

The CLI starts the GUI through ``podplayer.ui.app`` only, imported inside the functions of
``podplayer.cli.gui_commands``, so a CLI command that needs no window never loads Qt. Nothing in
``ui`` imports ``cli``. Every import counts, including lazy ones and those under ``TYPE_CHECKING``
(see tests/import_graph.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import podplayer
from tests.import_graph import ImportGraph, build_graph, cycle_path, cycles, package_graph, where

SOURCE_ROOT = Path(podplayer.__file__).resolve().parent.parent

LAYERS: dict[str, set[str]] = {
    "base": {"base"},
    "core": {"core", "base"},
    "store": {"store", "core", "base"},
    "usecases": {"usecases", "store", "core", "base"},
    "ui": {"ui", "usecases", "store", "core", "base"},
    "cli": {"cli", "usecases", "store", "core", "base"},
    "entry": {"entry", "cli", "base"},
}
GUI_LAUNCHER = "cli.gui_commands"  # the one CLI module that may import the GUI ...
GUI_ENTRY = "ui.app"  # ... and the one GUI module it may import, inside a function


def layer(package: str, module: str) -> str:
    rest = module.removeprefix(package).lstrip(".")
    if rest == "__main__":
        return "entry"
    first = rest.split(".")[0]
    return first if first in LAYERS else "base"


def upward_imports(graph: ImportGraph, package: str) -> list[str]:
    """Every import that breaks the layers, as ``importer:line -> target``."""
    breaches = []
    for imp in graph.imports:
        if imp.implicit:
            continue  # a package __init__ is checked through its own imports
        source, target = layer(package, imp.importer), layer(package, imp.target)
        if target in LAYERS[source]:
            continue
        if (
            imp.importer == f"{package}.{GUI_LAUNCHER}"
            and imp.target == f"{package}.{GUI_ENTRY}"
            and imp.lazy
            and not imp.type_only
        ):
            continue
        how = " (TYPE_CHECKING)" if imp.type_only else " (in a function)" if imp.lazy else ""
        breaches.append(f"{imp.importer}:{imp.line}{how} -> {imp.target}")
    return breaches


def cycle_report(graph: ImportGraph, what: str = "modules") -> list[str]:
    report = []
    for component in cycles(graph):
        loop = cycle_path(graph, component)
        steps = [where(graph, a, b) for a, b in zip(loop, loop[1:], strict=False)]
        report.append(f"{len(component)} {what} import each other: {', '.join(component)}\n"
                      f"  for example {' -> '.join(loop)}\n  imports at: {', '.join(steps)}")
    return report


# --- podplayer itself ------------------------------------------------------------------------------


def test_podplayer_has_no_import_cycle() -> None:
    graph = build_graph(SOURCE_ROOT, "podplayer")
    assert len(graph.modules) > 100  # the walk found the package
    assert cycle_report(graph) == []


def test_no_two_subpackages_import_each_other() -> None:
    graph = build_graph(SOURCE_ROOT, "podplayer")
    assert cycle_report(package_graph(graph), "packages") == []


def test_podplayer_never_imports_upward() -> None:
    graph = build_graph(SOURCE_ROOT, "podplayer")
    assert upward_imports(graph, "podplayer") == []


def test_the_gui_entry_is_the_only_way_from_cli_into_ui() -> None:
    graph = build_graph(SOURCE_ROOT, "podplayer")
    into_ui = {(i.importer, i.target) for i in graph.imports
               if layer("podplayer", i.importer) == "cli" and layer("podplayer", i.target) == "ui" and not i.implicit}
    assert into_ui == {("podplayer.cli.gui_commands", "podplayer.ui.app")}


# --- the checker on packages made for the purpose -------------------------------------------------


def make_package(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    for folder in [root / "pkg", *(p for p in (root / "pkg").rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return root


CLEAN = {
    "core/model.py": "X = 1\n",
    "core/timeline.py": "from pkg.core.model import X\nfrom . import model\n",
    "store/repo.py": "from pkg.core import model\nfrom ..core.timeline import X\n",
    "ui/app.py": "def start():\n    from pkg.ui.window import main\n",
    "ui/window/main.py": "from pkg.store.repo import model\nfrom pkg.ui.window import parts\n",
    "ui/window/parts.py": "from pkg.core.model import X\n",
    "cli/gui_commands.py": "from pkg.store import repo\n\ndef run():\n    from pkg.ui.app import start\n",
    "__main__.py": "from pkg.cli import gui_commands\n",
    "paths.py": "import os\n",
    "core/files.py": "from pkg.paths import os\n",
}


def test_a_clean_package_passes(tmp_path: Path) -> None:
    graph = build_graph(make_package(tmp_path, CLEAN), "pkg")
    assert cycle_report(graph) == []
    assert upward_imports(graph, "pkg") == []
    # relative imports are resolved, and ``from package import module`` points at the module
    edges = graph.edges()
    assert "pkg.core.model" in edges["pkg.core.timeline"]
    assert "pkg.core.timeline" in edges["pkg.store.repo"]
    assert "pkg.ui.window.parts" in edges["pkg.ui.window.main"]


def test_a_cycle_under_type_checking_fails(tmp_path: Path) -> None:
    files = dict(CLEAN)
    files["ui/window/parts.py"] = """\
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from pkg.ui.window.main import Window
        """
    graph = build_graph(make_package(tmp_path, files), "pkg")
    report = cycle_report(graph)
    assert len(report) == 1
    assert "for example pkg.ui.window.main -> pkg.ui.window.parts -> pkg.ui.window.main" in report[0]
    assert "(TYPE_CHECKING)" in report[0]


def test_a_cycle_through_a_function_level_import_fails(tmp_path: Path) -> None:
    files = dict(CLEAN)
    files["core/model.py"] = "X = 1\n\ndef later():\n    import pkg.core.timeline\n"
    graph = build_graph(make_package(tmp_path, files), "pkg")
    assert [c for c in cycles(graph)] == [["pkg.core.model", "pkg.core.timeline"]]


def test_a_longer_loop_is_reported_in_order(tmp_path: Path) -> None:
    files = dict(CLEAN)
    files["core/a.py"] = "from pkg.core import b\n"
    files["core/b.py"] = "from pkg.core.c import Y\n"
    files["core/c.py"] = "import importlib\nY = importlib.import_module('pkg.core.a')\n"
    graph = build_graph(make_package(tmp_path, files), "pkg")
    assert cycles(graph) == [["pkg.core.a", "pkg.core.b", "pkg.core.c"]]
    assert cycle_path(graph, cycles(graph)[0]) == ["pkg.core.a", "pkg.core.b", "pkg.core.c", "pkg.core.a"]


def test_a_cycle_through_a_package_init_fails(tmp_path: Path) -> None:
    files = dict(CLEAN)
    files["cli/__init__.py"] = "from pkg.cli import gui_commands\n"
    files["cli/gui_commands.py"] = "def run():\n    from pkg.ui.app import start\n"
    files["ui/app.py"] = "def main():\n    from pkg.cli import other\n"
    files["cli/other.py"] = "X = 1\n"
    graph = build_graph(make_package(tmp_path, files), "pkg")
    # ui.app -> cli.other runs cli/__init__.py first, which imports gui_commands, which imports ui.app
    assert cycles(graph) == [["pkg.cli", "pkg.cli.gui_commands", "pkg.ui.app"]]
    assert upward_imports(graph, "pkg") == ["pkg.ui.app:2 (in a function) -> pkg.cli.other"]


def test_a_cycle_between_two_subpackages_fails(tmp_path: Path) -> None:
    files = dict(CLEAN)
    # no module imports itself back, but ui.window and ui.player need each other
    files["ui/window/session.py"] = "X = 1\n"
    files["ui/player/intents.py"] = "from pkg.ui.window.session import X\n"
    files["ui/window/main.py"] = "from pkg.ui.player import intents\n"
    graph = build_graph(make_package(tmp_path, files), "pkg")
    assert cycle_report(graph) == []
    report = cycle_report(package_graph(graph), "packages")
    assert len(report) == 1
    assert "for example pkg.ui.player -> pkg.ui.window -> pkg.ui.player" in report[0]
    assert "pkg.ui.player.intents:1" in report[0] and "pkg.ui.window.main:1" in report[0]
    # a top-level module stands for itself: ui.app importing a subpackage that imports ui.icons is fine
    assert cycles(package_graph(build_graph(make_package(tmp_path / "clean", CLEAN), "pkg"))) == []


def test_upward_imports_fail(tmp_path: Path) -> None:
    files = dict(CLEAN)
    files["core/model.py"] = "from pkg.store.repo import model\n"  # core -> store (also a cycle)
    files["store/ui_use.py"] = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.ui.app import start\n"
    files["cli/other.py"] = "def run():\n    from pkg.ui.window.main import model\n"  # not the GUI entry
    files["cli/gui_commands.py"] = "from pkg.ui.app import start\n"  # the entry, but not lazily
    files["paths.py"] = "from pkg.core import model\n"  # the base imports nothing of the layers
    graph = build_graph(make_package(tmp_path, files), "pkg")
    assert sorted(upward_imports(graph, "pkg")) == [
        "pkg.cli.gui_commands:1 -> pkg.ui.app",
        "pkg.cli.other:2 (in a function) -> pkg.ui.window.main",
        "pkg.core.model:1 -> pkg.store.repo",
        "pkg.paths:1 -> pkg.core.model",
        "pkg.store.ui_use:3 (TYPE_CHECKING) -> pkg.ui.app",
    ]
