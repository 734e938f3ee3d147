"""What the handling steps of every kind of case share: a step the case's state, the law or the
user's role does not allow is refused with a message for the person who tried it."""


class StepRefused(Exception):
    pass


def require(condition, message):
    if not condition:
        raise StepRefused(message)
