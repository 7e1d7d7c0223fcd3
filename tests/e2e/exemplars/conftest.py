from tests.e2e.awards.conftest import catalog  # noqa: F401  (regimes and the catalog, flushed between browser tests)
