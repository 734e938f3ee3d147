"""The platform's checks; importing this package registers them (see monitoring.registry)."""

from monitoring.checks import availability, columns, content, links, metadata, tampering, timeliness

__all__ = ["availability", "columns", "content", "links", "metadata", "tampering", "timeliness"]
