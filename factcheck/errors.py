"""Errors a caller can catch broadly (FactcheckError) or narrowly; each mixes in the matching builtin."""


class FactcheckError(Exception):
    """Base of every error factcheck raises on purpose."""


class InputError(FactcheckError, ValueError):
    """An input file or string cannot be read as an article. The message is one line and names the input."""


class ConfigError(FactcheckError, ValueError):
    """A configuration file or option is invalid."""


class RuleDefinitionError(FactcheckError, ValueError):
    """A rule file is invalid; the message names the file and the key."""
