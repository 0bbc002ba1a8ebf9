"""muni: facts out of municipal websites. The command and the orchestration of the stages."""

__version__ = "0.1.0"
