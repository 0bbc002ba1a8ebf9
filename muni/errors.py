"""The one kind of error the command reports as a single line."""


class MuniError(Exception):
    """A failure the user can act on; printed as `muni: error: ...` with exit status 1."""
