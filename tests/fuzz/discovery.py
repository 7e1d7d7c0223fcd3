"""Finding what to fuzz, with no list kept by hand: every named route of the URL resolver is opened as each role of a
school (an id route with the object the permission matrix builds for it), and every form the pages show — plain
``<form>``s and htmx elements that post — is read with its fields, options and the role that saw it. Query
parameters in the pages' links count as a GET form of their own. A new route with a form is found the day it ships.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.test_permissions import ALL_ROUTES, ROLES, TARGETS, World

#: Routes never fuzzed: the Django admin (setup data for deployment staff, gated by is_staff) and signing out.
SKIPPED_PREFIXES = ("admin:",)
SKIPPED = {"logout"}


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, file, hidden, number, date, email, submit…
    values: list[str] = field(default_factory=list)  # what the page offers (options, the rendered value)
    multiple: bool = False


@dataclass
class FormShape:
    """One form as a page shows it: where it goes, how, with what fields, and who saw it."""

    route: str
    method: str  # "get" or "post"
    action: str  # the URL path
    fields: dict[str, Field]
    role: str
    page: str

    @property
    def key(self) -> tuple:
        return (self.route, self.method, tuple(sorted(self.fields)))

    def __str__(self):
        return f"{self.method.upper()} {self.action} ({self.route}) as {self.role}, fields {sorted(self.fields)}"


class _FormParser(HTMLParser):
    """Forms, htmx posting elements and link query parameters of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._open: list[tuple[str, dict]] = []  # (tag, form) for every form-like element still open
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "a" and "?" in attrs.get("href", ""):
            self.links.append(attrs["href"])
        if tag == "form" or "hx-post" in attrs or ("hx-get" in attrs and tag != "a"):
            if tag == "form":
                method = attrs.get("method", "get").lower()
                action = attrs.get("hx-post") or attrs.get("action", "")
                method = "post" if attrs.get("hx-post") else method
            else:
                method, action = ("post", attrs["hx-post"]) if "hx-post" in attrs else ("get", attrs["hx-get"])
            form = {"method": method, "action": action, "fields": {}}
            self.forms.append(form)
            self._open.append((tag, form))
            return
        name = attrs.get("name")
        if not self._open or not name:
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset") and not attrs.get("value"):
                return
            self._add(Field(name, kind, [attrs.get("value", "")] if kind != "file" else [], "multiple" in attrs))
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self._fields(name).values[-1:] = [""] + self._fields(name).values[-1:]
        elif tag == "button" and attrs.get("value"):
            self._add(Field(name, "submit", [attrs["value"]]))
        elif tag == "select":
            self._select = self._add(Field(name, "select", [], "multiple" in attrs))
        elif tag == "textarea":
            self._textarea = self._add(Field(name, "textarea", [""]))
        if tag == "option" and self._select is not None:
            self._select.values.append(attrs.get("value", ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("form", "div", "section"):
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.values[0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def _fields(self, name) -> Field:
        return self._open[-1][1]["fields"][name]

    def _add(self, new: Field) -> Field:
        kept = new
        for _, form in self._open:
            fields = form["fields"]
            if new.name in fields:  # a radio group, checkboxes, repeated hidden fields
                fields[new.name].values.extend(v for v in new.values if v not in fields[new.name].values)
                fields[new.name].multiple = fields[new.name].multiple or new.kind == "checkbox"
                kept = fields[new.name]
            else:
                fields[new.name] = kept = Field(new.name, new.kind, list(new.values), new.multiple)
        return kept


def _route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def pages(world: World):
    """(route, URL maker, roles to try) for every route that can be opened; an id route's URL is made by building the
    permission matrix's object for it in ``world`` (call it inside a savepoint: objects of two routes may clash)."""
    for name, (converters, named_groups) in sorted(ALL_ROUTES.items()):
        if name in SKIPPED or name.startswith(SKIPPED_PREFIXES):
            continue
        if not converters and not named_groups:
            yield name, (lambda name=name: reverse(name)), tuple(ROLES)
        elif name in TARGETS:
            target = TARGETS[name]
            yield (
                name,
                lambda name=name, target=target: reverse(name, kwargs=target.make(world)[0]),
                tuple(r for r in ROLES if r in target.allowed),
            )


def discover(route: str, url: str, roles, clients: dict[str, Client]) -> list[FormShape]:
    """Every distinct form the page at ``url`` shows to ``roles``."""
    shapes: dict[tuple, FormShape] = {}
    if True:
        for role in roles:
            response = clients[role].get(url)
            if response.status_code != 200:
                continue
            if not response.get("Content-Type", "").startswith("text/html"):
                break  # a file (PDF, .xlsx): the same for every role
            parser = _FormParser()
            parser.feed(response.content.decode())
            for form in parser.forms:
                action = urlsplit(urljoin(url, form["action"] or url))
                target = _route_of(action.path)
                fields = {name: f for name, f in form["fields"].items() if name != "csrfmiddlewaretoken"}
                for key, value in parse_qsl(action.query):
                    fields.setdefault(key, Field(key, "hidden", [value]))
                wanted = target and target not in SKIPPED and not target.startswith(SKIPPED_PREFIXES)
                if wanted and (fields or form["method"] == "post"):
                    shape = FormShape(target, form["method"], action.path, fields, role, url)
                    shapes.setdefault(shape.key, shape)
            for link in parser.links:
                parts = urlsplit(urljoin(url, link))
                target = _route_of(parts.path)
                params = parse_qsl(parts.query, keep_blank_values=True)
                if target and params and target not in SKIPPED and not target.startswith(SKIPPED_PREFIXES):
                    fields = {}
                    for key, value in params:
                        fields.setdefault(key, Field(key, "hidden", [])).values.append(value)
                    shape = FormShape(target, "get", parts.path, fields, role, url)
                    shapes.setdefault(shape.key, shape)
    return sorted(shapes.values(), key=lambda s: s.key)
