"""The public API of ``helpers`` as text, one line per name, kept per version in ``tests/api/``.

    python3 -m tools.api_snapshot            # write tests/api/<helpers.__version__>.txt
    python3 -m tools.api_snapshot --print    # show it instead

A chapter says which version it needs (``require_version("0.2.0")`` in its setup cell), so a
learner with an older install is told to update instead of meeting an ``AttributeError``. That
only works if the version changes whenever the API does: ``tests/test_version.py`` compares the
API with the snapshot of the current version, and each chapter's imports with the snapshot of
the version it asks for. Change the API → bump ``helpers.__version__`` → write its snapshot.
An existing snapshot is never rewritten: it records what that version was.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "api"


class _Shown:
    """A default value as the snapshot writes it: arrays by shape, so a line stays one line."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _signature(obj: Any) -> str:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return ""
    parameters = [
        p.replace(default=_Shown(f"<array {p.default.shape}>"))
        if type(p.default).__name__ == "ndarray"
        else p
        for p in signature.parameters.values()
    ]
    return " ".join(str(signature.replace(parameters=parameters)).split())


def _describe(qualified: str, obj: Any) -> list[str]:
    if inspect.isclass(obj):
        lines = [f"{qualified}{_signature(obj)}"]
        for name, member in sorted(vars(obj).items()):
            if name.startswith("_"):
                continue
            if isinstance(member, property):
                lines.append(f"{qualified}.{name} (property)")
            elif callable(member) or isinstance(member, (staticmethod, classmethod)):
                lines.append(f"{qualified}.{name}{_signature(getattr(obj, name))}")
        return lines
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return [f"{qualified}{_signature(obj)}"]
    return [qualified]  # a constant, a registry, a check table


def public_api() -> list[str]:
    """Every public name of every ``helpers`` module (its ``__all__``), with signatures."""
    import helpers

    lines = [f"helpers.{name}" for name in helpers.__all__]
    names = sorted(m.name for m in pkgutil.walk_packages(helpers.__path__, "helpers."))
    for module_name in names:
        if any(part.startswith("_") for part in module_name.split(".")):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # old names still import
            module = importlib.import_module(module_name)
        if (module.__doc__ or "").startswith("Old name"):
            continue  # a deprecated alias of another module
        for name in sorted(getattr(module, "__all__", [])):
            lines += _describe(f"{module_name}.{name}", getattr(module, name))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--print", action="store_true", help="print instead of writing")
    args = parser.parse_args(argv)
    import helpers

    text = "\n".join(public_api()) + "\n"
    if args.print:
        print(text, end="")
        return 0
    target = SNAPSHOTS / f"{helpers.__version__}.txt"
    if target.exists():
        if target.read_text(encoding="utf-8") == text:
            print(f"{target.relative_to(ROOT)} is up to date")
            return 0
        message = (f"{target.relative_to(ROOT)} records version {helpers.__version__} as it was; "
                   "bump helpers.__version__ for a new API instead of rewriting it")  # fmt: skip
        print(message, file=sys.stderr)
        return 1
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)} ({text.count(chr(10))} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
