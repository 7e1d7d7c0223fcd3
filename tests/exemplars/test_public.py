"""The public page of good deeds and its Atom feed: without login, only what may be published, inert text, cheap."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from exemplars import services
from tests.factories import PupilFactory
from thiduakhenthuong.organization.models import Role

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert("x")</script><b>đậm</b><style>body{background:url(https://evil.example/a.png)}</style>'


@pytest.fixture
def verify(people):
    def run(deed):
        return services.verify_deed(actor=people[Role.VICE_PRINCIPAL].user, deed=deed)

    return run


def page(school, **query):
    return Client().get(reverse("exemplars:public_deeds", args=[school.abbreviation.lower()]), query)


def test_only_verified_and_shown_deeds_newest_first(school, report, verify, people):
    older = verify(report(title="Việc tốt đầu tháng 10", occurred_on=date(2026, 10, 2)))
    newer = verify(report(title="Việc tốt tháng mười một", occurred_on=date(2026, 11, 20)))
    report(title="Việc chưa xác minh")
    hidden = verify(report(title="Việc đã ẩn"))
    services.set_deed_hidden(actor=people[Role.PRINCIPAL].user, deed=hidden, hidden=True, reason="Phụ huynh xin")
    response = page(school)
    assert response.status_code == 200
    text = response.content.decode()
    assert text.index(newer.title) < text.index(older.title)
    assert "Việc chưa xác minh" not in text and "Việc đã ẩn" not in text
    assert not response.cookies, "the public page sets no cookie"
    assert "public" in response["Cache-Control"] and response["Last-Modified"]


def test_a_pupils_full_name_only_with_consent(school, report, verify, pupil):
    deed = verify(report())
    text = page(school).content.decode()
    assert "Em An" in text and "Lớp 3A" in text and "Nguyễn Văn An" not in text
    # nor can a search for the full name tell whose deed it is
    assert deed.title not in page(school, q="Nguyen Van").content.decode()
    consented = verify(report(title="Giúp cụ già qua đường", full_name_consent=True))
    text = page(school).content.decode()
    assert "Nguyễn Văn An" in text and consented.title in text


def test_staff_show_with_their_position(school, report, verify, people):
    verify(report(staff=people[Role.TEAM_HEAD], title="Hiến máu nhân đạo"))
    assert f"{people[Role.TEAM_HEAD].full_name}</strong> · Giáo viên" in page(school).content.decode()


def test_accent_insensitive_search(school, report, verify):
    verify(report(title="Trả lại ví tiền đánh rơi"))
    verify(report(title="Giúp bạn học"))
    text = page(school, q="tra lai vi").content.decode()
    assert "Trả lại ví tiền đánh rơi" in text and "Giúp bạn học" not in text


def test_another_school_and_a_made_up_one(school, other_school, report, verify):
    verify(report())
    assert "Nhặt được ví" not in page(other_school).content.decode()
    assert Client().get(reverse("exemplars:public_deeds", args=["khong-co"])).status_code == 404


def test_a_conditional_request_is_answered_304(school, report, verify, people):
    deed = verify(report())
    first = page(school)
    again = Client().get(first.wsgi_request.path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    services.set_deed_hidden(actor=people[Role.PRINCIPAL].user, deed=deed, hidden=True, reason="Ẩn")
    later = Client().get(first.wsgi_request.path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert later.status_code in (200, 304)  # same second: a shared cache keeps it at most PAGE_MAX_AGE


def test_the_page_costs_the_same_with_one_deed_or_twenty(school, report, verify, pupil, django_assert_max_num_queries):
    verify(report(images=[jpeg_with_gps()]))
    url = reverse("exemplars:public_deeds", args=["thcd"])
    with django_assert_max_num_queries(6) as one:
        Client().get(url)
    for index in range(19):
        other = PupilFactory(school=school, class_group=pupil.class_group, full_name=f"Lê Thị Hoa {index}")
        verify(report(pupil=other, title=f"Việc tốt {index}", images=[jpeg_with_gps()]))
    with django_assert_max_num_queries(6) as many:
        response = Client().get(url)
    assert len(one) == len(many)
    assert response.content.decode().count('<article id="viec-tot-') == 20


def test_public_photos_only_of_public_deeds(school, report, verify, people):
    deed = report(images=[jpeg_with_gps()])
    image = deed.images.get()
    url = reverse("exemplars:public_image", args=["thcd", image.key])
    assert Client().get(url).status_code == 404  # waiting for verification
    verify(deed)
    response = Client().get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert Client().get(reverse("exemplars:public_image", args=["thbh", image.key])).status_code == 404
    services.set_deed_hidden(actor=people[Role.PRINCIPAL].user, deed=deed, hidden=True, reason="Ẩn")
    assert Client().get(url).status_code == 404


def test_the_feed_is_atom_with_inert_text(school, report, verify):
    verify(report(title=HOSTILE, description=HOSTILE, place=HOSTILE))
    response = Client().get(reverse("exemplars:public_feed", args=["thcd"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == HOSTILE  # Atom text: shown as written
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # the reader decodes the XML and renders HTML: what it renders must be the escaped text, never a tag
    assert "<script>" not in summary.text and "&lt;script&gt;" in summary.text
    assert "<style>" not in summary.text and "url(https://evil.example" in summary.text
    assert "Em An" in summary.text and "Nguyễn Văn An" not in response.content.decode()


def test_hostile_text_is_text_on_the_public_page(school, report, verify):
    verify(report(title=HOSTILE, description=HOSTILE, place=HOSTILE))
    text = page(school).content.decode()
    assert "<script>" not in text and "<style>" not in text and "<b>đậm</b>" not in text
    assert "&lt;script&gt;" in text
