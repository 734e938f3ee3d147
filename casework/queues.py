"""What the staff queues of every kind of case share."""

from casework.workdays import working_days_left


class CaseRows:
    """A filtered queryset of cases as (case, working days left) rows, computed only for the
    slice shown: a Paginator pages it with one COUNT and one query for the page."""

    def __init__(self, cases, today, calendar):
        self.cases, self.today, self.calendar = cases, today, calendar

    def _row(self, item):
        left = working_days_left(item.due_on, self.today, self.calendar) if item.is_open and item.due_on else None
        return item, left

    def count(self):
        return self.cases.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(item) for item in self.cases[index]]
        return self._row(self.cases[index])

    def __iter__(self):
        return (self._row(item) for item in self.cases.iterator(chunk_size=500))
