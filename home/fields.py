from wagtail.fields import StreamField as WagtailStreamField


class StreamField(WagtailStreamField):
    """A StreamField whose migrations do not record its block definitions.

    Blocks live in code (``blocks.py``); leaving them out of migrations means
    editing a block needs no migration, and migration files stay small.
    """

    def deconstruct(self):
        name, path, _, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, path, [[]], kwargs
