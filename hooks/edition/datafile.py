"""Data files (YAML) read with their line numbers and checked against a declared JSON Schema.

- ``read(path, name)``: parse a YAML file; a syntax error, a duplicate key or a schema violation
  becomes a ``Problem`` with file, line, entry and field (never a traceback);
- ``Document.line(path)``: the line of any value, for the checks that follow the schema.

The schemas are checked by jsonschema-rs (compiled, imported in ~2 ms); its errors are explained
to the editor in the edition's own words (`explain`).

Dates are not converted: `date: 1995-02-30` stays the string '1995-02-30' for the checks to
judge, instead of ending in PyYAML's ValueError. The schemas are in ``schemas/<name>.json``.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

SCHEMAS = Path(__file__).parent / "schemas"
PathT = tuple  # a path into the data: keys and 0-based indexes


class _Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp type (dates stay strings); its messages are the ones
    editors see."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser, where PyYAML has it: used first, for speed; on a syntax
    error the file is read again by _Loader for the message."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _loader in (_Loader, _FastLoader):  # `!!timestamp 1995-02-30` too stays text, for the checks to judge
    _loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)

# Characters a reader cannot see or that change what follows them: C0 controls but tab and line
# breaks, lone surrogates (no UTF-8 can be written), the bidirectional overrides and isolates.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def invisible_message(char: str) -> str:
    """What a problem says of an invisible character (INVISIBLE), by its code point and name."""
    name = unicodedata.name(char, "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control")
    return f"holds the invisible character U+{ord(char):04X} ({name}); remove it"


def invisible_problems(doc: Document) -> list[Problem]:
    """Every text of the data (key or value) that holds an invisible or direction-changing
    character, named by its code point."""
    problems = []

    def visit(value: object, path: PathT) -> None:
        texts = [value] if isinstance(value, str) else []
        if isinstance(value, dict):
            texts = [key for key in value if isinstance(key, str)]
            for key, item in value.items():
                visit(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))
        for text in texts:
            found = INVISIBLE.search(text)
            if found:
                problems.append(
                    Problem(doc.file, "text", field_name(path), invisible_message(found.group(0)), line=doc.line(path))
                )

    visit(doc.data, ())
    return problems


@dataclass
class Document:
    """A parsed data file: its data, the line of every value, and what was wrong with it."""

    file: str
    data: object = None
    lines: dict[PathT, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: Sequence) -> int:
        """The line of the value at ``path`` (or of its nearest parent that has one)."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def field_name(path: Sequence) -> str:
    """`('sources', 0, 'quote')` -> `sources[1].quote` (1-based, as an editor counts)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _walk(node: yaml.Node, path: PathT, doc: Document, visited: set[int]) -> None:
    line = doc.lines.get(path)  # a mapping's value: its key's line
    doc.lines[path] = node.start_mark.line + 1
    if len(path) > MAX_DEPTH:
        raise DepthError(node.start_mark.line + 1)
    if isinstance(node, yaml.CollectionNode):
        if id(node) in visited:  # an alias (*name) of a list or mapping: one value in two places
            line = line or (doc.line(path[:-1]) if path else 1)
            doc.problems.append(
                Problem(
                    doc.file,
                    "YAML alias",
                    field_name(path),
                    f"repeats the list or mapping of line {node.start_mark.line + 1} (an alias, *name); "
                    "aliases are not allowed in the edition's data: write the value out",
                    line=line,
                )
            )
            return
        visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key in seen:
                doc.problems.append(
                    Problem(
                        doc.file,
                        field_name(path) or "file",
                        str(key),
                        f"duplicate key '{key}' (first on line {seen[key]}); "
                        "YAML keeps only the last one: merge or remove one",
                        line=line,
                    )
                )
            seen.setdefault(key, line)
            doc.lines[(*path, key)] = line
            _walk(value_node, (*path, key), doc, visited)
            doc.lines[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), doc, visited)


class DepthError(Exception):
    """Data nested deeper than MAX_DEPTH (its line)."""


def parse(text: str, file: str, loader_class: type = _FastLoader) -> Document:
    """Parse YAML text; a syntax error, a duplicate key or an alias is a problem of the document."""
    doc = Document(file)
    if INVISIBLE.search(text):  # a lone surrogate cannot even reach the parser
        lines = text.split("\n")
        number = next(n for n, line in enumerate(lines, start=1) if INVISIBLE.search(line))
        message = invisible_message(INVISIBLE.search(lines[number - 1]).group(0))
        return Document(file, problems=[Problem(file, "text", "", message, line=number)])
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), doc, set())
            if not any(p.where == "YAML alias" for p in doc.problems):
                doc.data = loader.construct_document(node)
                doc.problems += invisible_problems(doc)
    except yaml.MarkedYAMLError as error:
        if loader_class is not _Loader:
            return parse(text, file, _Loader)
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(str(part) for part in (error.context, error.problem) if part)
        began = error.context_mark.line + 1 if error.context_mark else line
        since = f" (what it was reading began on line {began})" if began != line else ""
        doc.problems.append(
            Problem(
                file,
                "YAML syntax",
                "",
                f"{what}{since}; check the indentation, the quotes, the brackets and the ':' there",
                line=line,
            )
        )
    except yaml.YAMLError as error:
        doc.problems.append(Problem(file, "YAML", "", f"{error}", line=1))
    except (ValueError, TypeError) as error:  # a tag whose value cannot be built (`!!int x`, `!!binary ?`)
        doc.data = None
        doc.problems.append(
            Problem(file, "YAML", "", f"a value cannot be read ({error}); write it as plain text in quotes", line=1)
        )
    except (DepthError, RecursionError) as error:  # lists in lists
        doc.data = None
        line = error.args[0] if isinstance(error, DepthError) else 1
        doc.problems.append(
            Problem(
                file,
                "YAML",
                "",
                f"nested more than {MAX_DEPTH} levels deep; write the lists and mappings flat",
                line=line,
            )
        )
    finally:
        loader.dispose()
    return doc


@functools.cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


@functools.cache
def validator(name: str):
    """The schema's validator (jsonschema-rs: compiled, imported in ~2 ms)."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema(name))


@dataclass(frozen=True)
class SchemaError:
    """One schema violation, in the terms `explain` reads: where in the data, which keyword of
    which subschema, and the offending value."""

    absolute_path: PathT
    schema: dict
    validator: str
    validator_value: object
    instance: object
    message: str
    detail: dict


def schema_errors(data: object, name: str) -> list[SchemaError]:
    """Every violation of ``schemas/<name>.json`` by ``data`` (nested `propertyNames` errors are
    reported at the key that breaks them)."""
    root = schema(name)
    errors = []
    for error in validator(name).iter_errors(data):
        path = list(error.schema_path)
        kind = error.kind
        detail = kind.as_dict() if kind.name != "propertyNames" else {}
        instance = error.instance
        if kind.name == "propertyNames":  # the key of the wrong form, checked by the inner schema
            instance = kind.error.instance
            path = path[: path.index("propertyNames") + 2]
        subschema: object = root
        for part in path[:-1]:
            subschema = subschema[part] if isinstance(subschema, dict | list) else {}
        keyword = str(path[-1]) if path else ""
        value = subschema.get(keyword) if isinstance(subschema, dict) else None
        errors.append(
            SchemaError(
                tuple(error.instance_path),
                subschema if isinstance(subschema, dict) else {},
                keyword,
                value,
                instance,
                error.message,
                {**detail, "property_names": kind.name == "propertyNames"},
            )
        )
    return errors


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value)",
    "null": "empty",
    "number": "a number",
}


def explain(error) -> tuple[PathT, str]:
    """(path of the offending value, what is wrong; how to fix) for one schema error."""
    path = tuple(error.absolute_path)
    hint = error.schema.get("description") if isinstance(error.schema, dict) else None
    keyword = error.validator
    if keyword == "required":
        name = str(error.detail.get("property", "?"))
        sub_hint = error.schema.get("properties", {}).get(name, {}).get("description")
        return (*path, name), f"missing field '{name}'; add it" + (f": {sub_hint}" if sub_hint else "")
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        pattern = error.schema.get("propertyNames", {}).get("pattern")
        if allowed:
            return (*path, extra[0]), (
                f"unknown field '{extra[0]}'; check its spelling or remove it (allowed: {', '.join(allowed)})"
            )
        return (*path, extra[0]), f"unknown field '{extra[0]}'" + (f"; names must match {pattern}" if pattern else "")
    if keyword == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(TYPE_NAMES.get(t, t) for t in wanted)
        message = f"{_shown(error.instance)} is not {names}"
        if "string" in wanted and isinstance(error.instance, (int, float, bool)):
            message += ' (quote it: "...")'
    elif keyword == "pattern" and error.validator_value == "\\S":
        return path, f"{_shown(error.instance)} is empty or only spaces; write the words in quotes"
    elif keyword == "pattern":
        message = f"{_shown(error.instance)} has the wrong form"
    elif keyword == "minItems":
        message = "the list is empty" if not error.instance else f"give at least {error.validator_value} items"
    elif keyword == "minProperties":
        message = "empty: give at least one entry"
    elif keyword == "minLength":
        message = "empty text"
    elif keyword == "enum":
        message = f"{_shown(error.instance)} is not one of: " + ", ".join(map(str, error.validator_value))
    elif keyword in ("minimum", "maximum"):
        message = f"{_shown(error.instance)} is out of range ({keyword} {error.validator_value})"
    elif keyword == "propertyNames":
        message = f"the key {_shown(error.instance)} has the wrong form"
    elif keyword == "uniqueItems":
        message = "the list repeats an item"
    else:
        message = error.message
    return path, message + (f"; {hint}" if hint else "")


Where = Callable[[object, PathT], tuple[str, PathT]]


def check(doc: Document, name: str, where: Where) -> list[Problem]:
    """``schema_problems``, unless the data is valid (the common case, answered at once)."""
    try:
        if validator(name).is_valid(doc.data):
            return []
    except (TypeError, ValueError):  # what JSON has no type for (a set, a number as a key)
        return [Problem(doc.file, "file", "", "holds a value JSON cannot represent; write plain text, numbers, lists")]
    return schema_problems(doc, name, where)


def schema_problems(doc: Document, name: str, where: Where) -> list[Problem]:
    """Every schema violation of ``doc.data``, in file order.

    ``where(data, path)`` splits a path into the entry's label and the field path within it."""
    problems = []
    for error in schema_errors(doc.data, name):
        if error.detail["property_names"]:  # a key of the wrong form: point at the key
            path = (*error.absolute_path, error.instance)
            hint = error.schema.get("description") or "check its spelling"
            message = f"the key {_shown(error.instance)} has the wrong form; {hint}"
        else:
            path, message = explain(error)
        label, rest = where(doc.data, path)
        problems.append(Problem(doc.file, label, field_name(rest), message, line=doc.line(path)))
    return sorted(problems, key=lambda p: p.line or 0)


def by_file(label: str) -> Where:
    """Every problem labelled ``label``, its field named by the full path."""
    return lambda _data, path: (label, path)


MAX_BYTES = 2_000_000  # the largest data file (events.yml) is ~30 kB; a full edition ~300 kB
MAX_DEPTH = 16  # the deepest data (events.yml) is 5 levels


def read(path: Path, file: str, schema_name: str, where: Where | None = None) -> Document:
    """Read ``path`` (shown as ``file``) and check it against ``schemas/<schema_name>.json``."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            return Document(
                file,
                problems=[
                    Problem(
                        file,
                        "file",
                        "",
                        f"is {size / 1e6:.1f} MB; a data file stays under {MAX_BYTES / 1e6:.0f} MB: split it or "
                        "remove what is not the edition's data",
                        line=1,
                    )
                ],
            )
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Document(file, problems=[Problem(file, "file", "", "the file is missing; restore it", line=1)])
    except UnicodeDecodeError as error:
        return Document(
            file, problems=[Problem(file, "file", "", f"not UTF-8 ({error.reason}); save it as UTF-8", line=1)]
        )
    except OSError as error:
        return Document(
            file, problems=[Problem(file, "file", "", f"cannot be read ({error.strerror}); restore it", line=1)]
        )
    doc = parse(text, file)
    if doc.problems and doc.data is None:
        return doc
    doc.problems += check(doc, schema_name, where or by_file(schema_name))
    return doc
