"""Each case type declares its transition table on its model with django-fsm-2: the state a step
starts from, the state it leads to, who may take it (a permission, or nobody on staff for the
citizen's own steps) and its label. The admin shows the steps allowed now for the user, the
lifecycle modules take them, the tracking pages and statistics read labels and states from here."""

from django_fsm import RETURN_VALUE, FSMField, can_proceed, transition  # noqa: F401  (imported from here only)


def step(label, tracked=None):
    """The `custom` data of a transition: its label in Chinese and, for a step the citizen sees on
    the tracking page, the kind of event it records (steps without one stay internal)."""
    return {"label": label, "tracked": tracked}


def citizen_only(instance, user):
    """The permission of a step the citizen takes on the tracking page: no staff member may."""
    return False


def staff_steps(case, user, field="status"):
    """The names of the steps the user may take on the case now."""
    return [t.name for t in getattr(case, f"get_available_user_{field}_transitions")(user)]


def citizen_may(case, name):
    """Whether the citizen's own step `name` is open now (its conditions included)."""
    return can_proceed(getattr(case, name))


def table(model, field="status"):
    """The declared table: [(step name, label, sources, target)], for documents and statistics."""
    rows = {}
    for t in getattr(model(), f"get_all_{field}_transitions")():
        name, label = t.name, t.custom.get("label", t.name)
        entry = rows.setdefault(name, (name, label, [], t.target))
        entry[2].append(t.source)
    return list(rows.values())


def step_labels(model, field="status"):
    """{step name: label} of the declared table."""
    return {name: label for name, label, _, _ in table(model, field)}


def step_targets(model, field="status"):
    """{step name: the state it leads to} of the steps that change the state."""
    return {name: target for name, _, _, target in table(model, field) if target is not None}


def final_states(model, field="status"):
    """The states of the field's choices that no declared step leads out of: where a case ends."""
    rows = table(model, field)
    left = {source for _, _, sources, target in rows for source in sources if target not in (None, source)}
    return {value for value, _ in model._meta.get_field(field).choices} - left


def tracked_events(model, field="status"):
    """The kinds of event the steps of the table record for the citizen's tracking page."""
    steps = getattr(model(), f"get_all_{field}_transitions")()
    return {t.custom["tracked"] for t in steps if t.custom.get("tracked")}
