import importlib

import pytest
from django.apps import apps

from tests.e2e.awards.conftest import DATA_MIGRATIONS


@pytest.fixture(autouse=True)
def catalog(transactional_db):
    """The rows the data migrations write (titles, regimes, rules): an earlier transactional test flushed them."""
    if not apps.get_model("awards", "Title").objects.exists():
        for module in DATA_MIGRATIONS:
            importlib.import_module(module).seed(apps, None)
