"""The view side of the kernel: running a service from a view, and answering with a file.

``run_service`` is the one way a view calls a service whose refusal (a Vietnamese ``ValidationError``) the person
must read: the error goes to the form (field errors to their fields, the rest on top) or, without a form, to the
page's messages. ``pdf_response`` is the one way to send a PDF. (.xlsx responses: ``core.spreadsheets``.)
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse

from .text import fold


@dataclass(frozen=True)
class Outcome:
    """What ``run_service`` did: truthy when the service succeeded, with the service's return value."""

    ok: bool
    value: Any = None

    def __bool__(self):
        return self.ok


def add_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to ``form``: errors about a field the form has go to that field, the
    rest (and field errors about fields the form does not show) on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def message_errors(request, form) -> None:
    """Show an invalid form's errors as the page's messages: for a small form posted from a page that redirects
    back rather than showing the form again."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def run_service(request, call: Callable[[], Any], success: str = "", form=None) -> Outcome:
    """Call ``call()`` (a service call); on success show ``success`` (if any) and return its value in a truthy
    ``Outcome``. On a ``ValidationError`` attach it to ``form`` or, without one, show each message as an error;
    return a falsy ``Outcome``. Other exceptions propagate: they are bugs, not refusals."""
    try:
        value = call()
    except ValidationError as error:
        if form is not None:
            add_errors(form, error)
        else:
            for message in error.messages:
                messages.error(request, message)
        return Outcome(ok=False)
    if success:
        messages.success(request, success)
    return Outcome(ok=True, value=value)


def download_name(filename: str, default: str = "tai-lieu") -> str:
    """A plain ASCII file name for ``filename``: accents folded, anything but letters, digits, dots, hyphens and
    underscores turned into hyphens, never starting with a hyphen or a dot (a command-line option, a hidden file)."""
    stem, dot, extension = filename.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,5}", extension):
        stem, extension = filename, ""
    stem = re.sub(r"[^a-z0-9_.-]+", "-", fold(stem).replace(" ", "-"))
    stem = re.sub(r"-{2,}", "-", re.sub(r"\.{2,}", "-", stem)).strip("-.") or default
    return f"{stem}.{extension.lower()}" if extension else stem


def content_disposition(filename: str, *, inline: bool) -> str:
    """``inline|attachment; filename="<ascii>"; filename*=UTF-8''<the name as given>`` (RFC 6266 / RFC 5987): old
    clients read the clean ASCII name, others the Vietnamese one."""
    kind = "inline" if inline else "attachment"
    ascii_name = download_name(filename)
    utf8_name = filename.replace("/", "-").replace("\\", "-").lstrip("-. ") or ascii_name
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(utf8_name, safe='')}"


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """A PDF, shown in the browser (``inline``) or downloaded, under a clean file name."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
