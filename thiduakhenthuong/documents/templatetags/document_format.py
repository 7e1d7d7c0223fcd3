"""Template filters for printed documents: thin wrappers over ``documents.formatting``.

``{% load document_format %}`` then ``{{ document.document_date|vn_date }}``, ``{{ document.number|doc_number }}``,
``{{ document.header_place_name|place_date:document.document_date }}``, ``{% for line in document.grounds|grounds %}``,
``{% for p in document.body|paragraphs %}``, ``{% for line in document.recipients|recipients:document.archive_note %}``,
``{% for line in document.addressees|addressees %}``. Every filter returns plain text; templates escape it.
"""

from django import template

from .. import formatting

register = template.Library()


@register.filter
def doc_number(number):
    return formatting.format_number(number)


@register.filter
def vn_date(day):
    return formatting.format_date(day)


@register.filter
def place_date(place_name, day):
    return formatting.place_and_date(place_name, day)


@register.filter
def lines(text):
    return formatting.split_lines(text)


@register.filter
def grounds(text):
    return formatting.enumerate_lines(text)


@register.filter
def paragraphs(text):
    return formatting.paragraphs(text)


@register.filter
def addressees(text):
    return formatting.addressee_lines(text)


@register.filter
def recipients(text, archive_note=""):
    return formatting.recipient_lines(text, archive_note)
