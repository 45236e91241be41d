"""Which code a benchmark measured: the commit, and whether the work tree differed from it.

A figure is only worth quoting for code that landed. A run on a tree with uncommitted
changes measures something nobody else can check out, so the benchmarks refuse to
report their targets from one unless ``--allow-dirty`` says it is on purpose.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def current() -> dict[str, Any]:
    """``{"commit", "dirty", "changed"}`` of the tree this file is in."""
    commit = _git("rev-parse", "HEAD").strip()
    changed = [line[3:] for line in _git("status", "--porcelain").splitlines() if line]
    return {"commit": commit or None, "dirty": bool(changed), "changed": changed[:50]}


def add_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--allow-dirty`` flag every benchmark takes."""
    parser.add_argument(
        "--allow-dirty",
        action="store_true",
        help="measure a work tree with uncommitted changes (its figures are marked so)",
    )


def checked(allow_dirty: bool) -> dict[str, Any]:
    """The provenance of this run; exit with a message when the tree is dirty and not allowed."""
    found = current()
    if found["commit"] is None:
        found["note"] = "not a git checkout: the code measured cannot be named"
    elif found["dirty"] and not allow_dirty:
        files = ", ".join(found["changed"][:8])
        sys.exit(
            f"The work tree has uncommitted changes ({files}). Commit first, so the figures "
            "belong to code others can check out, or pass --allow-dirty."
        )
    return found


def header(found: dict[str, Any]) -> str:
    """One line for the printed report."""
    commit = (found.get("commit") or "unknown")[:12]
    state = "DIRTY work tree (uncommitted changes)" if found.get("dirty") else "clean tree"
    return f"code: commit {commit}, {state}"
