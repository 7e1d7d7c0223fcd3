"""The school's public page of good deeds and its Atom feed, without login (``login_not_required``).

Only verified deeds the school has not hidden; of each: the name as it may be published (``GoodDeed.public_name``),
the class or position, the deed, its day and place, its photos (re-encoded, without metadata). Nothing else
personal. Newest first, accent-insensitive search over what is published, 20 a page, a constant number of queries.

Cache-friendly: no cookie is set, ``Cache-Control: public``, and ``Last-Modified`` is the latest change of any
verified deed of the school (hiding one changes it too), so a conditional request costs two small queries and a 304.
Every text is written as text: Django's escaping on the page; in the feed, titles are Atom text and summaries are
HTML-escaped before the feed's own XML escaping, so a reader shows "<script>" as those characters.
"""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Max, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.organization.models import School

from .forms import SearchForm
from .models import DeedStatus, EvidenceImage, GoodDeed

PUBLIC_PAGE_SIZE = 20
FEED_SIZE = 30
PAGE_MAX_AGE = 300
IMAGE_MAX_AGE = 3600


def _school(slug: str) -> School:
    return get_object_or_404(School, abbreviation__iexact=slug)


def _last_change(school: School):
    return GoodDeed.objects.filter(school=school, status=DeedStatus.VERIFIED).aggregate(last=Max("updated_at"))["last"]


def _public_deeds(school: School):
    return (
        GoodDeed.objects.filter(school=school)
        .public()
        .select_related("exemplar__staff", "exemplar__pupil__class_group", "exemplar__other_person")
        .prefetch_related(Prefetch("images", queryset=EvidenceImage.objects.only("key", "width", "height", "deed_id")))
    )


def _cached(request, response, last):
    if last is not None:
        response["Last-Modified"] = http_date(last.timestamp())
    patch_cache_control(response, public=True, max_age=PAGE_MAX_AGE)
    return response


def _not_modified(request, last):
    if last is None:
        return None
    return get_conditional_response(request, last_modified=int(last.timestamp()))


@login_not_required
@require_safe
def public_deeds(request, school):
    """The public page of ``school`` (by its abbreviation, any case)."""
    school = _school(school)
    last = _last_change(school)
    if (answer := _not_modified(request, last)) is not None:
        return _cached(request, answer, last)
    search = SearchForm(request.GET or None)
    deeds = _public_deeds(school)
    query = ""
    if search.is_valid() and search.cleaned_data["q"].strip():
        query = search.cleaned_data["q"].strip()
        deeds = deeds.public_search(query)
    page = Paginator(deeds, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    slug = school.abbreviation.lower()
    response = render(
        request,
        "exemplars/public_deeds.html",
        {"school": school, "page": page, "search": search, "query": query, "slug": slug,
         "feed_url": reverse("exemplars:public_feed", args=[slug])},
    )  # fmt: skip
    return _cached(request, response, last)


@login_not_required
@require_safe
def public_feed(request, school):
    """The Atom feed of the public page (the newest ``FEED_SIZE`` deeds), for the school's website to embed."""
    school = _school(school)
    last = _last_change(school)
    if (answer := _not_modified(request, last)) is not None:
        return _cached(request, answer, last)
    slug = school.abbreviation.lower()
    page_url = request.build_absolute_uri(reverse("exemplars:public_deeds", args=[slug]))
    feed = Atom1Feed(
        title=f"Người tốt, việc tốt – {school.name}",
        link=page_url,
        description=f"Những việc tốt đã được {school.name} xác minh.",
        language="vi",
        feed_url=request.build_absolute_uri(),
        feed_guid=page_url,
    )
    for deed in _public_deeds(school)[:FEED_SIZE]:
        exemplar = deed.exemplar
        summary = escape(f"{deed.public_name} ({exemplar.detail}), ngày {deed.occurred_on:%d/%m/%Y}")
        place = f"<p>Nơi: {escape(deed.place)}</p>" if deed.place else ""
        feed.add_item(
            title=deed.title,
            link=f"{page_url}#viec-tot-{deed.pk}",
            unique_id=f"{page_url}#viec-tot-{deed.pk}",
            description=f"<p>{summary}</p>{linebreaks(escape(deed.description))}{place}",
            author_name=deed.public_name,
            pubdate=deed.verified_at,
            updateddate=deed.updated_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return _cached(request, response, last)


@login_not_required
@require_safe
def public_image(request, school, key):
    """A photo of a public deed (verified, not hidden) of ``school``; 404 otherwise, whoever asks."""
    image = (
        EvidenceImage.objects.filter(key=key, deed__school__abbreviation__iexact=school)
        .filter(deed__status=DeedStatus.VERIFIED, deed__is_hidden=False)
        .only("file")
        .first()
    )
    if image is None:
        raise Http404("Không có ảnh này.")
    response = FileResponse(image.file.open("rb"), content_type="image/jpeg")
    patch_cache_control(response, public=True, max_age=IMAGE_MAX_AGE)
    return response
