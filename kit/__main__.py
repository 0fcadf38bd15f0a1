"""``python -m kit COMMAND`` (also installed as ``incident-kit``).

Commands:

- ``notebooks DIR``: copy the kit's guided notebooks into DIR, keeping any you have.
- ``mark WHAT ["words"]`` and ``status``: mark a moment of the incident you are in,
  in the same live draft as notebook 01 (``kit/marks.py``).
- ``encrypt``, ``decrypt``, ``rekey`` [``--journal DIR``]: turn the journal's
  encryption on or off, or change its passphrase (asked for, never an argument); run
  a stopped ``encrypt`` or ``decrypt`` again to finish it.

Each command is one entry of ``COMMANDS``: a name, a function that adds its arguments
to an argparse sub-parser, and a function that runs it and returns the exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import messages
from .errors import KitError

__all__ = ["COMMANDS", "main"]


def _notebooks_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help=messages.CLI_NOTEBOOKS_FOLDER_HELP)


def _notebooks(args: argparse.Namespace) -> int:
    from .notebooks import copy_notebooks

    copied = copy_notebooks(args.folder)
    if copied:
        print(messages.CLI_NOTEBOOKS_COPIED.format(n=len(copied), folder=args.folder))
    else:
        print(messages.CLI_NOTEBOOKS_NONE.format(folder=args.folder))
    return 0


def _journal_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--journal", type=Path, help=messages.CLI_JOURNAL_HELP)


def _vault_command(args: argparse.Namespace) -> int:
    from .conversion import run_command

    return run_command(args.command, args.journal)


def _marks(command: str) -> tuple[Callable[..., None], Callable[..., int]]:
    """``mark`` and ``status`` (kit/marks.py), imported only when they run."""

    def add(parser: argparse.ArgumentParser) -> None:
        from . import marks

        getattr(marks, f"{command}_arguments")(parser)

    def run(args: argparse.Namespace) -> int:
        from . import marks

        return int(getattr(marks, f"run_{command}")(args))

    return add, run


#: name -> (help, add arguments, run)
COMMANDS: dict[
    str,
    tuple[str, Callable[[argparse.ArgumentParser], None], Callable[..., int]],
] = {
    "notebooks": (messages.CLI_NOTEBOOKS_HELP, _notebooks_args, _notebooks),
    "encrypt": (messages.CLI_ENCRYPT_HELP, _journal_args, _vault_command),
    "decrypt": (messages.CLI_DECRYPT_HELP, _journal_args, _vault_command),
    "rekey": (messages.CLI_REKEY_HELP, _journal_args, _vault_command),
    "mark": (messages.CLI_MARK_HELP, *_marks("mark")),
    "status": (messages.CLI_STATUS_HELP, *_marks("status")),
}


def main(argv: list[str] | None = None) -> int:
    """Run one command of the kit from a terminal; return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m kit", description=messages.CLI_HELP
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, add_arguments, _run) in COMMANDS.items():
        add_arguments(commands.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][2](args)
    except KitError as error:
        print(error, file=sys.stderr)  # a command-line tool speaks on stderr
        return 1


if __name__ == "__main__":
    sys.exit(main())
