"""What the handling steps of every kind of case share: a step the case's state, the law or the
user's role does not allow is refused with a message for the person who tried it; a step the
case's transition table allows moves the case on; every step records who took it."""

from casework.transitions import can_proceed


class StepRefused(Exception):
    pass


def require(condition, message):
    if not condition:
        raise StepRefused(message)


def allowed(case, name, message):
    """Refuse unless the case's transition table allows step `name` from the case's state; the
    step's other conditions are checked by the caller, each with its own message."""
    require(can_proceed(getattr(case, name), check_conditions=False), message)


def move(case, name, *fields, **arguments):
    """Take the transition and save the new state with the other fields the step changed."""
    getattr(case, name)(**arguments)
    case.save(update_fields=["status", *fields])


def actor_fields(actor, label):
    """Who took a step: the staff user, or `label` (the citizen, the system) for anyone else."""
    user = actor if actor is not None and actor.is_authenticated else None
    return {"actor": user, "actor_label": "" if user else label}
