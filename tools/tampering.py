"""Find code in a submission that reaches into the machinery of the kernel it runs in.

The grader judges answers in its own process, so a submission that rewires the kernel (its input
handling, its cell runner, Python's builtins, the import system) cannot make a wrong answer
pass. It can still make the kernel send back answers computed by something other than the
learner's functions: by the course's own code, reached through the import system or the check
tables. No exercise of the course needs any of the constructs below, so a submission that uses
one in a line of its own is flagged, scores 0, and the reason names the cell and the construct
for the instructor to review. Lines that are the chapter's own code are not scanned.
"""

from __future__ import annotations

import ast
import re

from helpers.i18n import tr

# Names of the machinery that are never an ordinary word: found in string constants too, so that
# vars(shell)["run_cell"] or attrgetter("meta_path") is seen as well.
DISTINCTIVE = (
    "input_transformers",
    "ast_transformers",
    "run_cell",
    "run_ast_nodes",
    "meta_path",
    "path_hooks",
    "__builtins__",
    "_runner",
    "set_custom_exc",
)

# Reaching code and frames by name or by reflection, instead of calling it.
CALLS = {
    "exec": "exec()",
    "eval": "eval()",
    "compile": "compile()",
    "__import__": "__import__()",
    "setattr": "setattr()",
    "delattr": "delattr()",
    "vars": "an object's attributes by name (vars())",
    "attrgetter": "attributes by name (operator.attrgetter)",
    "methodcaller": "methods by name (operator.methodcaller)",
}
MODULES = {
    "builtins": "Python's builtins",
    "importlib": "the import system (importlib)",
    "ctypes": "ctypes",
    "gc": "the garbage collector's object lists (gc)",
    "inspect": "frames and source (inspect)",
}
ATTRIBUTES = {
    # IPython's input handling and cell runner
    "input_transformers_cleanup": "IPython's input handling",
    "input_transformers_post": "IPython's input handling",
    "ast_transformers": "IPython's input handling",
    "transform_cell": "IPython's input handling",
    "run_cell": "the kernel's cell runner",
    "run_cell_async": "the kernel's cell runner",
    "run_ast_nodes": "the kernel's cell runner",
    "run_code": "the kernel's cell runner",
    "should_run_async": "the kernel's cell runner",
    "events": "the kernel's event hooks",
    "set_custom_exc": "the kernel's error handling",
    "showtraceback": "the kernel's error handling",
    "kernel": "the kernel object",
    # the interpreter
    "meta_path": "the import system (sys.meta_path)",
    "path_hooks": "the import system (sys.path_hooks)",
    "path_importer_cache": "the import system",
    "modules": "the import system (sys.modules)",
    "settrace": "the tracer (sys.settrace)",
    "setprofile": "the profiler (sys.setprofile)",
    "addaudithook": "audit hooks",
    "_getframe": "the call stack",
    "excepthook": "error handling (sys.excepthook)",
    "displayhook": "the display hook",
    "__builtins__": "Python's builtins",
    "__globals__": "another function's globals",
    "__code__": "another function's code",
    "__subclasses__": "the class hierarchy",
    "__dict__": "an object's attributes by name",
    "__getattribute__": "attributes by name",
    "f_globals": "the call stack",
    "f_locals": "the call stack",
    "f_back": "the call stack",
    "f_builtins": "the call stack",
    # the course's check tables
    "_runner": "the check runner",
    "exercises": "the check tables",
    "reference": "the check tables' reference answers",
}


def _parse(source: str) -> ast.Module | None:
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        source = TransformerManager().transform_cell(source)  # %magics, !shell lines
    except Exception:  # IPython missing, or a cell it cannot transform: parse what we have
        pass
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _findings(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Name) and node.id == "vars" and isinstance(node.ctx, ast.Load):
            found.append((line, CALLS["vars"]))
        elif isinstance(node, ast.Name) and node.id in CALLS:
            found.append((line, CALLS[node.id]))
        elif isinstance(node, ast.Name) and node.id == "__builtins__":
            found.append((line, ATTRIBUTES["__builtins__"]))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = [word for word in DISTINCTIVE if word in node.value]
            found.extend((line, tr("a string naming {word}", word=word)) for word in words[:1])
        elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
            found.append((line, ATTRIBUTES[node.attr]))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names]
            names.append(getattr(node, "module", None) or "")
            for name in names:
                parts = name.split(".")
                if parts[0] in MODULES:
                    found.append((line, MODULES[parts[0]]))
                found.extend((line, ATTRIBUTES[part]) for part in parts if part in ATTRIBUTES)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"run_line_magic", "run_cell_magic"}
        ):  # %time exec(...): the code a magic runs is a string argument
            for arg in node.args[1:]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    inner = _parse(arg.value)
                    found.extend((line, what) for _, what in (_findings(inner) if inner else []))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "getattr" and not (
                len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
            ):
                found.append((line, tr("getattr() with a computed name")))
    return sorted(found)


def find_tampering(cells: list[tuple[int, str]], chapter_lines: frozenset[str]) -> str | None:
    """The first construct that reaches into the kernel's machinery, as "cell N (`line`): what",
    or None. ``cells`` are (cell number, source); ``chapter_lines`` are stripped lines of the
    chapter's own code, never flagged."""
    for number, source in cells:
        lines = source.splitlines()
        tree = _parse(source)
        if tree is None:
            hits = [
                (i, tr("code the grader cannot parse, with {what}", what=tr(MODULES[word])))
                for i, text in enumerate(lines, start=1)
                for word in MODULES
                if re.search(rf"\b{word}\b", text)
            ]
        else:
            hits = _findings(tree)
        for line, what in hits:
            text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            if text and text in chapter_lines:
                continue
            return tr(
                "cell {number} (`{text}`) reaches into {what}",
                number=number,
                text=text[:60],
                what=tr(what),  # the tables' phrases are English; the others were translated
            )
    return None


def chapter_code_lines(sources: list[str]) -> frozenset[str]:
    """The stripped, non-empty lines of the chapter's own code cells."""
    return frozenset(line.strip() for s in sources for line in s.splitlines() if line.strip())
