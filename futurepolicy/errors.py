"""Errors raised by futurepolicy.

Every error the library raises on purpose is a :class:`FuturePolicyError`. Each class carries a short
code (``[R002]``) so messages can be searched for in the docs and in logs, the way spaCy prefixes its
errors. ``str(error)`` is one line per problem and always names the file or pack involved.
"""

from __future__ import annotations

__all__ = [
    "FuturePolicyError",
    "RulePackError",
    "ReaderError",
    "EmptyDocumentError",
    "NoTextLayerError",
    "DecodeError",
    "UnsupportedFormatError",
    "FileTooLargeError",
    "MissingExtraError",
    "ExtractionError",
    "SchemaError",
]


class FuturePolicyError(Exception):
    """Base class of every error raised by futurepolicy."""

    code = "F000"

    def __init__(self, message: str, *, source: str | None = None):
        self.source = source
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{type(self).__name__} [{self.code}]: {where}{self.message}"

    @property
    def kind(self) -> str:
        """The short class name, as written to ``errors.jsonl``."""
        return type(self).__name__


class RulePackError(FuturePolicyError):
    """A rule pack cannot be found, parsed or validated.

    ``problems`` holds one line per problem (``[places -> 3 -> level] 'twon' is not one of …``).
    """

    code = "R002"

    def __init__(self, message: str, *, source: str | None = None, problems: list[str] | None = None):
        self.problems = list(problems or [])
        if self.problems:
            message = message + "\n" + "\n".join("  " + p for p in self.problems)
        super().__init__(message, source=source)


class UnknownRulePackError(RulePackError):
    """No pack of that name is installed or found at that path."""

    code = "R001"


class RegexTimeoutError(RulePackError):
    """A rule-pack pattern ran past its time limit on some text."""

    code = "R003"


class ReaderError(FuturePolicyError):
    """A file cannot be read as a policy document."""

    code = "I001"


class EmptyDocumentError(ReaderError):
    """The input holds no text."""

    code = "I002"


class NoTextLayerError(EmptyDocumentError):
    """A PDF without a text layer (a scan): run OCR on it first."""

    code = "I006"


class DecodeError(ReaderError):
    """The bytes are not text in any encoding we can detect (binary, or corrupt)."""

    code = "I003"


class UnsupportedFormatError(ReaderError):
    """The file extension or content is not a supported format."""

    code = "I004"


class FileTooLargeError(ReaderError):
    """The file is larger than the configured ``max_bytes``."""

    code = "I005"


class MissingExtraError(FuturePolicyError):
    """An optional dependency is needed; the message names the extra to install."""

    code = "E001"

    def __init__(self, extra: str, package: str, *, purpose: str = "", source: str | None = None):
        self.extra = extra
        self.package = package
        what = f" to {purpose}" if purpose else ""
        super().__init__(
            f"the optional package '{package}' is needed{what}; install it with: "
            f'pip install "futurepolicy[{extra}]"',
            source=source,
        )


class ExtractionError(FuturePolicyError):
    """Extraction failed on a document (a bug or an input we cannot handle)."""

    code = "X001"


class SchemaError(FuturePolicyError):
    """A dictionary or JSON does not match the output schema."""

    code = "S001"
