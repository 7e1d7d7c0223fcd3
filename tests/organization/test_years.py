import pytest
from django.urls import reverse

from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role, SchoolYear

pytestmark = pytest.mark.django_db


def test_principal_adds_a_year_and_it_is_logged(client_for, school):
    client = client_for(Role.PRINCIPAL)
    response = client.post(
        reverse("organization:year_list"), {"name": "2024-2025", "start_date": "05/09/2024", "end_date": "31/05/2025"}
    )
    assert response.status_code == 302
    year = SchoolYear.objects.get(school=school, name="2024-2025")
    assert AuditEntry.objects.for_object(year).get().action == "organization.year.create"


def test_a_misnamed_year_is_refused_in_vietnamese(client_for, school):
    client = client_for(Role.PRINCIPAL)
    response = client.post(
        reverse("organization:year_list"), {"name": "2024-2026", "start_date": "05/09/2024", "end_date": "31/05/2025"}
    )
    assert response.status_code == 200
    assert "Tên năm học phải là “2024-2025”" in response.content.decode()
    assert not SchoolYear.objects.filter(school=school).exists()


def test_a_teacher_cannot_add_a_year(client_for, school):
    client = client_for(Role.MEMBER)
    response = client.post(
        reverse("organization:year_list"), {"name": "2024-2025", "start_date": "05/09/2024", "end_date": "31/05/2025"}
    )
    assert response.status_code == 403
    assert not SchoolYear.objects.filter(school=school).exists()
