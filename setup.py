"""The one build step pyproject.toml cannot state: ship the top-level ``resources/``.

``resources/`` (icons, fonts, KPI packs) is the one source; wheels carry it inside the
package as ``opsdesk/resources``, where ``opsdesk.core.resources`` finds it installed.
An editable install copies nothing: there the checkout's own ``resources/`` is used.
Everything else about the build is in pyproject.toml; the sdist carries ``resources/``
through MANIFEST.in.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"


def _resource_files() -> list[tuple[str, str]]:
    """(source, path inside the package) of every file under resources/."""
    return [(str(source), str(Path("opsdesk", "resources", source.relative_to(RESOURCES))))
            for source in sorted(RESOURCES.rglob("*")) if source.is_file()]


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        files = _resource_files()
        if not files:  # an sdist made without MANIFEST.in's graft, say: refuse, not ship none
            raise RuntimeError(f"{RESOURCES} is missing or empty; the app cannot run without it.")
        for source, inside in files:
            target = Path(self.build_lib, inside)
            self.mkpath(str(target.parent))
            self.copy_file(source, str(target))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not self.editable_mode:
            outputs += [str(Path(self.build_lib, inside)) for _, inside in _resource_files()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithResources})
