"""The API's attachments."""

# Names of the pydantic answer models of this module, for the OpenAPI description's components.
ANSWERS: list[str] = []


def openapi_paths() -> dict:
    """This module's operations, as the OpenAPI description lists them."""
    return {}
