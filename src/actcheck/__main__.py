"""Where the `actcheck` command starts: the console script (`actcheck.__main__:run`) and
`python -m actcheck`.

The forms scripts and CI run over and over, `actcheck assess FILE [--json] [--lang LANG]`
and `actcheck questions [--json]`, run here without importing click, which would cost
them a fifth of their start-up. Any other arguments, including `--help`, `--as-of`, other
commands and mistakes, go to the click group (`actcheck.cli.main`), which parses, explains
and refuses them as it always did. Both run the same code (`actcheck.commands`).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import NoReturn


def quick_command(args: Sequence[str]) -> Callable[[], None] | None:
    """The command `args` ask for when they are one of the forms run without click; None
    for any other arguments (click then reads them).

    Read as click reads them: options before or after the file, `--lang fr` or
    `--lang=fr`, the last `--lang` wins, and an argument starting with '-' (but '-',
    standard input) is an option.
    """
    if not args or args[0] not in ("assess", "questions"):
        return None
    as_json, lang, files = False, None, []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--json":
            as_json = True
        elif arg == "--lang":
            lang = next(rest, None)
            if lang is None:
                return None  # click says the option needs a value
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
        elif arg == "-" or not arg.startswith("-"):
            files.append(arg)
        else:
            return None
    if args[0] == "questions":
        if files or lang is not None:
            return None
        return lambda: _questions(as_json=as_json)
    if len(files) != 1:
        return None
    (file,) = files
    return lambda: _assess(file, as_json=as_json, lang=lang or "en")


def _questions(*, as_json: bool) -> None:
    from actcheck import commands  # after `run` has switched the collector off

    commands.questions(as_json=as_json)


def _assess(file: str, *, as_json: bool, lang: str) -> None:
    from actcheck import commands

    commands.assess(file, as_json=as_json, as_of=None, lang=lang)


def run() -> None:
    """Run the `actcheck` command with the process's arguments."""
    command = quick_command(sys.argv[1:])
    if command is None:
        from actcheck.cli import main

        main()
        return
    # A quick command lives a few dozen milliseconds: the cyclic garbage collector would only
    # walk the rule set's objects again and again while they are made, and tearing them down
    # one by one at exit (with every module) would cost a fifth of the run for nothing anyone
    # sees. So the collector is off, and once the output is flushed the process ends at
    # once, with the command's status. An unexpected error still ends the usual way, with
    # its traceback.
    gc.disable()
    try:
        command()
        status = 0
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    except BrokenPipeError:
        status = _quiet()
    _end(status)


def _end(status: int) -> NoReturn:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        status = _quiet()
    os._exit(status)


def _quiet() -> int:
    """The reader went away (`actcheck questions | head`): as click does, stop quietly
    with status 1 (what is still buffered goes nowhere)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1


if __name__ == "__main__":
    run()
