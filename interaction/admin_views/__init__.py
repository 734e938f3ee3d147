"""Staff views of the interaction features in the Wagtail admin. Every query goes through the
user's sites (home.scoping), so staff only ever reach their own sites' records."""
