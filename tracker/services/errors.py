"""Errors a service raises for its caller to show in the user's language."""


class ServiceError(Exception):
    """Base of the errors below."""


class FieldErrors(ServiceError):
    """Input that breaks a domain rule, as {field: error code}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


class NotPermitted(ServiceError):
    """The acting user's role does not allow this."""


class Conflict(ServiceError):
    """The record changed since the user read it; nothing was written."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version
