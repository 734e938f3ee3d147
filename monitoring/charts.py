"""Small bar charts drawn as inline SVG (no JavaScript library in the admin)."""

BAR_WIDTH, GAP, PLOT_HEIGHT, TOP = 22, 10, 100, 14


def bar_chart(items):
    """items: [(label, value, colour or None)] → what bar_chart.html draws."""
    peak = max((value for _, value, _ in items), default=0) or 1
    bars = []
    for index, (label, value, color) in enumerate(items):
        height = round(PLOT_HEIGHT * value / peak)
        y = TOP + PLOT_HEIGHT - height
        bars.append(
            {
                "label": label,
                "value": value,
                "color": color,
                "x": index * (BAR_WIDTH + GAP),
                "y": y,
                "height": height,
                "value_y": y - 2,
            }
        )
    return {"bars": bars, "bar_width": BAR_WIDTH, "width": max(len(items) * (BAR_WIDTH + GAP), 1)}
