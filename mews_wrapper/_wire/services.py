"""Reading a `ServiceResult`: strictly and fast with msgspec, or by the generated parser, to `Service`s."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import msgspec
from mews_connector_client.models import Service as GeneratedService
from mews_connector_client.models import ServiceResult
from mews_connector_client.types import Unset

from mews_wrapper import _convert as convert
from mews_wrapper._endpoint import Reader
from mews_wrapper._fast_reader import AwareDatetime, as_utc, decode_strictly
from mews_wrapper._types._value import NO_FIELDS
from mews_wrapper._types.services import Service, name_of


class WireServiceOptions(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`ServiceOptions` of openapi.yaml, strictly."""

    bill_as_package: bool | msgspec.UnsetType = msgspec.UNSET


class WireServiceData(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`ServiceData` of openapi.yaml: the kind's name (any text) and its value (any object)."""

    discriminator: str | msgspec.UnsetType = msgspec.UNSET
    value: dict[str, Any] | None = None


class WireService(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`Service` of openapi.yaml, strictly."""

    id: uuid.UUID
    enterprise_id: uuid.UUID
    is_active: bool
    name: str | None = None
    names: dict[str, str | None] | None = None
    options: WireServiceOptions | None = None
    ordering: int | None = None
    data: WireServiceData | None = None
    external_identifier: str | None = None
    created_utc: AwareDatetime | None = None
    updated_utc: AwareDatetime | None = None
    start_time: str | None = None
    end_time: str | None = None
    type: str | None = None
    promotions: dict[str, Any] | None = None


class WireServiceResult(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`ServiceResult` of openapi.yaml, strictly."""

    services: list[WireService]
    cursor: uuid.UUID | None = None


_DECODER = msgspec.json.Decoder(WireServiceResult)


def read_services(body: bytes) -> tuple[tuple[Service, ...], uuid.UUID | None] | None:
    """The services and the cursor of a `ServiceResult` body, or None when the strict reading does not take it."""
    page = decode_strictly(_DECODER, body)
    if page is None:
        return None
    services = []
    for wire in page.services:
        names = {language: text for language, text in (wire.names or {}).items() if text is not None}
        data = wire.data
        services.append(
            Service(
                id=wire.id,
                enterprise_id=wire.enterprise_id,
                is_active=wire.is_active,
                name=name_of(names, wire.name),
                names=names,
                type=None if data is None or isinstance(data.discriminator, msgspec.UnsetType) else data.discriminator,
                ordering=wire.ordering,
                external_identifier=wire.external_identifier,
                created_utc=as_utc(wire.created_utc),
                updated_utc=as_utc(wire.updated_utc),
                data=NO_FIELDS if data is None or not data.value else data.value,
            )
        )
    return tuple(services), page.cursor


def public_service(service: GeneratedService) -> Service:
    """A public Service from the generated one."""
    names_model = service.names
    names: dict[str, str] = {}
    if names_model is not None and not isinstance(names_model, Unset):
        names = {language: text for language, text in convert.unknown_fields(names_model).items() if text is not None}
        if not all(isinstance(text, str) for text in names.values()):
            raise TypeError(f"Names {names!r} are not all strings")
    name = convert.optional_str(service.name, "Name")
    kind, value = _data_of(service.data)
    if not isinstance(service.is_active, bool):
        raise TypeError(f"IsActive {service.is_active!r} is not a boolean")
    return Service(
        id=convert.required_uuid(service.id, "Id"),
        enterprise_id=convert.required_uuid(service.enterprise_id, "EnterpriseId"),
        is_active=service.is_active,
        name=name_of(names, name),
        names=names,
        type=kind,
        ordering=convert.optional_int(service.ordering, "Ordering"),
        external_identifier=convert.optional_str(service.external_identifier, "ExternalIdentifier"),
        created_utc=convert.utc(service.created_utc, "CreatedUtc"),
        updated_utc=convert.utc(service.updated_utc, "UpdatedUtc"),
        data=value,
        extra=convert.unknown_fields(service),
    )


def _data_of(data: Any) -> tuple[str | None, Mapping[str, Any]]:
    """The kind and value of a service's `Data`, which may come as a parsed model or as a plain object.

    The generated parser passes the object through when it cannot take it: Mews' schema allows `Data` without a
    `Discriminator`, which reads as no kind.
    """
    if data is None or isinstance(data, Unset):
        return None, NO_FIELDS
    if isinstance(data, dict):
        kind, value = data.get("Discriminator"), data.get("Value")
    else:
        kind, value = getattr(data, "discriminator", None), getattr(data, "value", None)
        value = None if value is None or isinstance(value, Unset) else convert.unknown_fields(value)
    if isinstance(kind, Unset):
        kind = None
    if kind is not None and not isinstance(kind, str):
        raise TypeError(f"Data.Discriminator {kind!r} is not text")
    if value is not None and not isinstance(value, dict):
        raise TypeError(f"Data.Value {value!r} is not an object")
    return kind, value or NO_FIELDS


def _services_of(parsed: Any) -> tuple[Service, ...]:
    return tuple(public_service(service) for service in parsed.services)


SERVICES: Reader[Service] = Reader(ServiceResult, _services_of, "Services", read_services)
"""How a page of services is read."""
