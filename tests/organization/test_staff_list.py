"""The staff list's table and search bar, which the page writes out by hand (it is the busiest page)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import StaffFactory, TeamFactory
from thiduakhenthuong.organization.models import Gender, Role

pytestmark = pytest.mark.django_db


def test_rows_show_each_person_escaped_with_a_link_and_mark_who_has_left(client_for, school, team):
    client = client_for(Role.PRINCIPAL)
    odd = StaffFactory(
        school=school, team=team, full_name='<b>Lê "Văn" A</b>', gender=Gender.MALE, position="Kế toán & văn thư"
    )
    gone = StaffFactory(school=school, team=None, full_name="Phạm Thị Đi", recruited_on=None, left_on=date(2020, 1, 1))

    page = client.get(reverse("organization:staff_list")).content.decode()

    assert "<b>Lê" not in page
    assert (
        f'<tr><td><a href="/organization/staff/{odd.pk}/">&lt;b&gt;Lê &quot;Văn&quot; A&lt;/b&gt;</a></td>'
        '<td class="d-none d-md-table-cell">Nam</td><td>Kế toán &amp; văn thư</td><td>Tổ 1</td>'
        '<td class="d-none d-md-table-cell">01/09/2010</td><td class="d-none d-lg-table-cell">'
        "Cán bộ, giáo viên, nhân viên</td></tr>"
    ) in page
    assert (
        f'<tr class="text-muted"><td><a href="/organization/staff/{gone.pk}/">Phạm Thị Đi</a> '
        '<span class="badge text-bg-light">đã thôi việc</span></td>'
    ) in page
    assert '<td>—</td><td class="d-none d-md-table-cell">—</td>' in page  # no team, no recruitment date
    assert "Tổng số: 3 người." in page


def test_search_bar_keeps_what_was_asked_and_narrows_the_rows(client_for, school, team):
    client = client_for(Role.PRINCIPAL)
    other = TeamFactory(school=school, name="Tổ 2 & 3")
    StaffFactory(school=school, team=other, full_name="Đỗ Văn Bình")
    StaffFactory(school=school, team=team, full_name="Đỗ Văn Bảo")

    page = client.get(reverse("organization:staff_list"), {"q": "do van", "team": other.pk}).content.decode()

    assert 'placeholder="không cần gõ dấu" maxlength="100" value="do van"' in page
    assert f'<option value="{other.pk}" selected>Tổ 2 &amp; 3</option>' in page
    assert f'<option value="{team.pk}">Tổ 1</option>' in page
    assert "Đỗ Văn Bình" in page and "Đỗ Văn Bảo" not in page
    assert 'id="id_no_account" class="form-check-input">' in page


def test_a_team_of_another_school_is_refused_in_words(client_for, school, other_school):
    client = client_for(Role.PRINCIPAL)
    foreign = TeamFactory(school=other_school, name="Tổ lạ")

    page = client.get(reverse("organization:staff_list"), {"team": foreign.pk, "no_account": "on"}).content.decode()

    assert "Tổ lạ" not in page
    assert "Hãy chọn một lựa chọn hợp lệ" in page
    assert 'id="id_no_account" class="form-check-input" checked>' in page


def test_the_team_list_counts_and_names_whoever_still_works_there(client_for, school, team):
    """Someone who has given a leaving day still to come is a member, or the head, of her team until then; someone
    who has left is neither."""
    client = client_for(Role.PRINCIPAL, team=None)
    leaving = date.today() + timedelta(days=30)
    StaffFactory(school=school, team=team, role=Role.TEAM_HEAD, full_name="Phạm Thu Trang", left_on=leaving)
    StaffFactory(school=school, team=team, left_on=leaving)
    StaffFactory(school=school, team=team)
    StaffFactory(school=school, team=team, left_on=date.today())
    StaffFactory(school=school, team=TeamFactory(school=school, name="Tổ 2"), left_on=date.today())

    page = client.get(reverse("organization:team_list")).content.decode()

    assert f'?team={team.pk}">Tổ 1</a></td><td>Phạm Thu Trang</td><td>3</td></tr>' in page
    assert "Tổ 2</a></td><td>—</td><td>0</td></tr>" in page
