"""Signing a citizen in to track one case with its number and query code (requests, letters,
找错 reports): wrong tries are counted per address and refused past the limit."""

from home.submissions import remember_tracked


def sign_in(request, form, cases, session_key, failures, wrong_message):
    """Whether the bound tracking form names a case of `cases` by its number and query code; if so
    the browser tracks it from now on, otherwise the form carries the reason."""
    if failures.exceeded(request):
        form.is_valid()
        form.add_error(None, failures.message)
        return False
    if not form.is_valid():
        return False
    candidate = cases.filter(number=form.cleaned_data["number"].strip().upper()).first()
    if candidate and candidate.check_query_code(form.cleaned_data["code"]):
        remember_tracked(request, session_key, candidate.pk)
        return True
    failures.hit(request)
    form.add_error(None, wrong_message)
    return False
