"""Values that remember where in a file they were read, without importing a YAML parser.

Kept apart from `yamlio` so that code which only needs line numbers (the loader reading its
JSON cache, for one) does not pay for importing PyYAML.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


class LineDict(dict[str, "Any"]):  # "Any": typing is not imported at run time
    """A mapping read from a file, with the 1-based line it starts on."""

    line: int = 0


class YamlError(ValueError):
    """A document could not be read; `line` is 1-based, 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


#: The most digits a number in a document may have. Python refuses to read more than 4,300
#: (a guard against quadratic time); no answer or rule needs more than a few.
MAX_DIGITS = 100


def too_many_digits(count: int) -> str:
    """The message for a number longer than `MAX_DIGITS`."""
    return (
        f"a number of {count:,} digits; numbers have at most {MAX_DIGITS} digits "
        f"(put the value in quotes if it is text)"
    )


def line_of(value: Any) -> int:
    """The line a value read by `load_yaml` starts on, when it is a mapping."""
    return value.line if isinstance(value, LineDict) else 0
