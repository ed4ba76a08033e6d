"""Build hook: carry the repository's queries and dashboard into the wheel.

Everything else about the package is declared in pyproject.toml. The SQL queries (top-level
``queries/``) and the dashboard (``app.py``, ``pages/``, ``ui/``, ``.streamlit/config.toml``,
``deploy/launch.py``) stay where they are in the repository; ``build_py`` copies them into
``budgetlens/_bundle/`` of the build, with the same layout, where
:mod:`budgetlens.resources` finds them in an installed wheel. The list of files is
``budgetlens.resources.BUNDLED``. A file pattern that matches nothing fails the build, so a wheel
(or an sdist without them: MANIFEST.in) can never ship without its queries or app.

Editable installs (``pip install -e .``, what ``make`` does) copy nothing: the package then finds
the files in the checkout around it.

This is setuptools' documented way to extend a build step (a ``build_py`` subclass passed as
``cmdclass``): https://setuptools.pypa.io/en/latest/userguide/extension.html
"""

from __future__ import annotations

import ast
import glob
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


def bundled_patterns() -> tuple[str, ...]:
    """``BUNDLED`` from budgetlens/resources.py, read without importing the package (its
    dependencies need not be installed in the build environment)."""
    path = os.path.join(HERE, "budgetlens", "resources.py")
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "BUNDLED" for t in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise RuntimeError("budgetlens/resources.py defines no BUNDLED")


class BuildWithBundle(build_py):
    """``build_py`` that also copies the queries and the dashboard into budgetlens/_bundle."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the checkout itself is used
        target = os.path.join(self.build_lib, "budgetlens", "_bundle")
        for pattern in bundled_patterns():
            matches = sorted(glob.glob(os.path.join(HERE, pattern)))
            if not matches:
                raise RuntimeError(f"nothing matches {pattern!r}: cannot build a complete wheel")
            for source in matches:
                dest = os.path.join(target, os.path.relpath(source, HERE))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copyfile(source, dest)


setup(cmdclass={"build_py": BuildWithBundle})
