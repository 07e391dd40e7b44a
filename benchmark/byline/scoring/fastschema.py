"""A fast yes/no acceptor generated from a JSON Schema, for files with many records.

``jsonschema`` walks a record through generic keyword handlers: about 10 ms for a prediction
record of 70 items, too slow for a 10,000-document file. :func:`compile_acceptor` generates
Python source for one schema (as ``fastjsonschema`` does for older drafts) that answers only
*is this record valid?*, some 50× faster. A record it rejects is handed to ``jsonschema`` for
the report (what was found, what was expected, where): ``jsonschema`` stays the authority on
every message, and a test checks that both agree on random records.

Supported keywords, with Draft 2020-12 semantics for values as ``json.loads`` returns them:
``type``, ``enum``/``const`` (of strings), ``required``, ``properties``,
``additionalProperties``, ``items``, ``minItems``, ``maxItems``, ``minLength``, ``maxLength``,
``pattern``, ``minimum``, ``maximum``, ``oneOf``, ``anyOf``, ``allOf``, ``$ref``, and annotations. Any
other keyword raises :class:`NotCompilable`, and callers fall back to ``jsonschema``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from referencing._core import Resolver

Accept = Callable[[Any], bool]

ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "definitions", "title", "description", "examples", "default"}
)
KEYWORDS = ANNOTATIONS | {
    "type", "enum", "const", "required", "properties", "additionalProperties", "items", "minItems",
    "maxItems", "minLength", "maxLength", "pattern", "minimum", "maximum", "oneOf", "anyOf", "allOf", "$ref",
}

_TYPE_EXPR = {
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "string": "type({v}) is str",
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
    "number": "(type({v}) is int or type({v}) is float)",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
}


class NotCompilable(Exception):
    """The schema uses a keyword this compiler does not implement."""


def compile_acceptor(schema: dict[str, Any], resolver: Resolver[Any]) -> Accept:
    """An acceptor for ``schema``; ``resolver`` resolves its ``$ref`` (for instance
    ``registry.resolver(schema["$id"])``)."""
    gen = _Generator()
    root = gen.function(schema, resolver)
    namespace: dict[str, Any] = dict(gen.constants)
    exec(compile("\n".join(gen.lines), "<byline.fastschema>", "exec"), namespace)
    accept: Accept = namespace[root]
    return accept


class _Generator:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {"_MISSING": object()}
        self._functions: dict[int, str] = {}
        self._pending: set[int] = set()

    def constant(self, value: Any) -> str:
        name = f"_C{len(self.constants)}"
        self.constants[name] = value
        return name

    def resolve(self, node: Any, resolver: Resolver[Any]) -> tuple[Any, Resolver[Any]]:
        """Follow a node that is nothing but a ``$ref`` (annotations aside)."""
        while isinstance(node, dict) and "$ref" in node and not (set(node) - ANNOTATIONS - {"$ref"}):
            resolved = resolver.lookup(node["$ref"])
            node, resolver = resolved.contents, resolved.resolver
        return node, resolver

    def expression(self, node: Any, resolver: Resolver[Any], var: str) -> str:
        """A Python expression that is true when ``var`` is valid under ``node``."""
        node, resolver = self.resolve(node, resolver)
        if node is True:
            return "True"
        if node is False:
            return "False"
        if isinstance(node, dict) and not (set(node) & {"properties", "required", "additionalProperties",
                                                         "items", "minItems", "maxItems", "oneOf",
                                                         "anyOf", "allOf", "$ref"}):
            return self._leaf(node, var)
        return f"{self.function(node, resolver)}({var})"

    def _leaf(self, node: dict[str, Any], var: str) -> str:
        _check_keywords(node)
        parts: list[str] = []
        types = _types(node)
        if types is not None:
            parts.append("(" + " or ".join(_TYPE_EXPR[t].format(v=var) for t in types) + ")")
        numeric = types is not None and set(types) <= {"integer", "number"}
        strings = types is not None and set(types) == {"string"}
        if "enum" in node or "const" in node:
            values = node["enum"] if "enum" in node else [node["const"]]
            if not all(isinstance(value, str) for value in values):
                raise NotCompilable("only string enums are supported")
            parts.append(f"(type({var}) is str and {var} in {self.constant(frozenset(values))})")
        bounds = []
        if "minimum" in node:
            bounds.append(f"{var} >= {node['minimum']!r}")
        if "maximum" in node:
            bounds.append(f"{var} <= {node['maximum']!r}")
        if bounds:
            joined = " and ".join(bounds)
            parts.append(f"({joined})" if numeric else f"(not {_TYPE_EXPR['number'].format(v=var)} or ({joined}))")
        text = []
        if "minLength" in node:
            text.append(f"len({var}) >= {int(node['minLength'])}")
        if "maxLength" in node:
            text.append(f"len({var}) <= {int(node['maxLength'])}")
        if "pattern" in node:
            text.append(f"{self.constant(re.compile(node['pattern']))}.search({var}) is not None")
        if text:
            joined = " and ".join(text)
            parts.append(f"({joined})" if strings else f"(type({var}) is not str or ({joined}))")
        return " and ".join(parts) if parts else "True"

    def function(self, node: Any, resolver: Resolver[Any]) -> str:
        """The name of a generated function ``f(x) -> bool`` for ``node``."""
        node, resolver = self.resolve(node, resolver)
        key = id(node)
        if key in self._functions:
            return self._functions[key]
        if key in self._pending:
            raise NotCompilable("recursive $ref")
        self._pending.add(key)
        name = f"_f{len(self._functions) + len(self._pending)}"
        body = self._body(node, resolver)
        self._pending.discard(key)
        self._functions[key] = name
        self.lines.append(f"def {name}(x):")
        self.lines.extend("    " + line for line in body)
        self.lines.append("    return True")
        self.lines.append("")
        return name

    def _body(self, node: Any, resolver: Resolver[Any]) -> list[str]:
        if node is True:
            return []
        if node is False:
            return ["return False"]
        if not isinstance(node, dict):
            raise NotCompilable(f"a schema must be an object or a boolean, not {node!r}")
        _check_keywords(node)
        out: list[str] = []
        leaf = {k: v for k, v in node.items() if k in {"type", "enum", "const", "minimum", "maximum",
                                                        "minLength", "maxLength", "pattern"}}
        if leaf:
            out.append(f"if not ({self._leaf(leaf, 'x')}): return False")
        if "$ref" in node:
            resolved = resolver.lookup(node["$ref"])
            out.append(f"if not {self.function(resolved.contents, resolved.resolver)}(x): return False")
        if {"required", "properties", "additionalProperties"} & set(node):
            out.append("if type(x) is dict:")
            out.extend("    " + line for line in self._object(node, resolver))
        if {"items", "minItems", "maxItems"} & set(node):
            out.append("if type(x) is list:")
            out.extend("    " + line for line in self._array(node, resolver))
        if "oneOf" in node:
            calls = ", ".join(f"{self.function(sub, resolver)}(x)" for sub in node["oneOf"])
            out.append(f"if [{calls}].count(True) != 1: return False")
        if "anyOf" in node:
            calls = " or ".join(f"{self.function(sub, resolver)}(x)" for sub in node["anyOf"])
            out.append(f"if not ({calls}): return False")
        for sub in node.get("allOf", ()):
            out.append(f"if not {self.function(sub, resolver)}(x): return False")
        return out

    def _object(self, node: dict[str, Any], resolver: Resolver[Any]) -> list[str]:
        out: list[str] = ["pass"]
        required = list(node.get("required", []))
        if required:
            out.append("if " + " or ".join(f"{name!r} not in x" for name in required) + ": return False")
        properties: dict[str, Any] = node.get("properties", {})
        additional = node.get("additionalProperties", True)
        if additional is False:
            out.append(f"if not x.keys() <= {self.constant(frozenset(properties))}: return False")
        elif additional is not True:
            known = self.constant(frozenset(properties))
            check = self.expression(additional, resolver, "v")
            out.append("for k, v in x.items():")
            out.append(f"    if k not in {known} and not ({check}): return False")
        for name, sub in properties.items():
            check = self.expression(sub, resolver, "v")
            if check == "True":
                continue
            if name in required:
                out.append(f"v = x[{name!r}]")
                out.append(f"if not ({check}): return False")
            else:
                out.append(f"v = x.get({name!r}, _MISSING)")
                out.append(f"if v is not _MISSING and not ({check}): return False")
        return out

    def _array(self, node: dict[str, Any], resolver: Resolver[Any]) -> list[str]:
        out: list[str] = ["pass"]
        if "minItems" in node:
            out.append(f"if len(x) < {int(node['minItems'])}: return False")
        if "maxItems" in node:
            out.append(f"if len(x) > {int(node['maxItems'])}: return False")
        if "items" in node:
            check = self.expression(node["items"], resolver, "v")
            if check != "True":
                out.append("for v in x:")
                out.append(f"    if not ({check}): return False")
        return out


def _check_keywords(node: dict[str, Any]) -> None:
    unknown = set(node) - KEYWORDS
    if unknown:
        raise NotCompilable(f"unsupported keywords: {sorted(unknown)}")


def _types(node: dict[str, Any]) -> list[str] | None:
    if "type" not in node:
        return None
    types = [node["type"]] if isinstance(node["type"], str) else list(node["type"])
    unknown = [t for t in types if t not in _TYPE_EXPR]
    if unknown:
        raise NotCompilable(f"unknown types {unknown}")
    return types
