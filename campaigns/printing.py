"""The plan's print and its on-screen preview, both from the documents app's one renderer.

The preview is the very HTML the PDF is laid out from (``render_document_html``), so what the editor shows is the
printed layout; the page shows it with the same print stylesheet.
"""

import copy

from django.utils.safestring import SafeString

from thiduakhenthuong.documents.rendering import pdf_filename, render_document_pdf, render_document_preview

from .models import Plan

#: Header fields a preview may show before they are saved (the signer's printed name needs the service).
PREVIEW_DOCUMENT_FIELDS = ("summary", "document_date", "recipients", "archive_note")


def plan_preview(
    plan: Plan, *, texts: dict | None = None, campaigns=None, list_campaigns=None, document_fields=None
) -> SafeString:
    """The plan's printed HTML (inside ``<body>``); for a draft, with unsaved edits applied to a copy of its document.

    Nothing is written. A numbered plan shows its frozen document as it is, whatever is passed. The renderer's
    templates escape every user text, so the fragment is safe to embed.
    """
    document = plan.document
    if plan.is_editable:
        document = copy.copy(document)
        document.content = plan.content_with(texts=texts, campaigns=campaigns, list_campaigns=list_campaigns)
        for name, value in (document_fields or {}).items():
            if name in PREVIEW_DOCUMENT_FIELDS:
                setattr(document, name, value)
    return render_document_preview(document)


def plan_pdf(plan: Plan) -> tuple[bytes, str]:
    """The plan's PDF and its download name. An issued plan prints its frozen document as it is."""
    return render_document_pdf(plan.document), pdf_filename(plan.document)
