from home.models import Department
from home.scoping import SiteOwnedForm


class FaqEntryForm(SiteOwnedForm):
    """Offers only the user's sites, and only their departments as 责任单位."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "department" in self.fields:
            self.fields["department"].queryset = Department.objects.for_user(for_user).in_locale()
