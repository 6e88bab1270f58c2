"""Safe YAML reading that remembers where each mapping came from.

Rule authors need `file:line: what is wrong`, and founders need to hear about a key they
typed twice instead of losing the first value silently. Only `yaml.safe_load` semantics are
used: no Python object is ever constructed from YAML.
"""

from __future__ import annotations

import yaml

from actcheck.rules.located import MAX_DIGITS, LineDict, YamlError, line_of, too_many_digits

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

__all__ = ["LineDict", "YamlError", "line_of", "load_yaml"]

_Base: type[yaml.SafeLoader]
try:  # libyaml's parser when the wheel has it: several times faster at start-up
    _Base = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader


#: What the standard tags are called in a message.
_KINDS = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "yes or no"}


class _Loader(_Base):  # type: ignore[misc,valid-type,unused-ignore]
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's constructors, with their failures as `YamlError` on the value's line.

        They raise plain Python errors on values that look like their type and are not, or
        carry an explicit tag: `2024-13-45` (ValueError), `!!int ""` (IndexError),
        `!!timestamp x` (AttributeError). None of these may pass the parser.
        """
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, IndexError, AttributeError, TypeError, OverflowError) as exc:
            if isinstance(exc, YamlError):
                raise
            tag = str(node.tag).rsplit(":", 1)[-1]
            kind = _KINDS.get(tag, f"{tag} value")
            value = str(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
            shown = repr(value if len(value) <= 40 else value[:39] + "…")
            raise YamlError(
                f"{shown} is not a {kind} ({exc}); put it in quotes if it is text",
                node.start_mark.line + 1,
            ) from None


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    seen: dict[Any, int] = {}
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise YamlError(
                "a mapping key must be a plain value", key_node.start_mark.line + 1
            ) from exc
        if key in seen:
            raise YamlError(
                f"the key {key!r} appears twice (first on line {seen[key]}); keep one",
                key_node.start_mark.line + 1,
            )
        seen[key] = key_node.start_mark.line + 1
    data.update(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    digits = sum(char.isdigit() for char in str(node.value))
    if digits > MAX_DIGITS:
        raise YamlError(too_many_digits(digits), node.start_mark.line + 1)
    return loader.construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml(text: str | bytes) -> Any:
    """Parse one YAML (or JSON) document safely.

    Raises:
        YamlError: with a readable message and the line of the problem.
    """
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        what = exc.problem or exc.context or "not valid YAML"
        raise YamlError(f"not valid YAML: {what}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}") from exc
