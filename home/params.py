"""Whole numbers taken from query strings: str.isdigit() also accepts "²" (int() then fails), and
a very long number overflows the database's integers."""


def whole_number(value, low=0, high=2**31 - 1):
    """The number written in ASCII digits in `value` if it lies in [low, high], else None."""
    value = str(value or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(high))):
        return None
    number = int(value)
    return number if low <= number <= high else None
