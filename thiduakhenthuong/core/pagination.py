"""The one paginator of the site's lists: Django's, minus the count when the first page holds every row."""

from django.core import paginator


class Paginator(paginator.Paginator):
    """Django's ``Paginator`` that reads the first page with one row more than it shows: when that extra row is
    not there, the page holds the whole list and is its count, so the database is not asked to count it.

    Most of a school's lists (its staff, a year's documents, a person's notifications) fit on their first page, and
    the count was a query of its own on every visit of the busiest pages (bench/pages.py). A longer list is counted
    as Django does, only when the page shows its number of pages or rows; later pages are Django's.
    """

    def get_page(self, number):
        if str(number or "1") != "1" or self.orphans or not self.allow_empty_first_page:
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.count = len(rows)  # Paginator.count is a cached property: this is its value
        return self._get_page(rows[: self.per_page], 1, self)
