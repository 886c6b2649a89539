from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.activity_state_enum import ActivityStateEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.limitation import Limitation
    from ..models.rate_extent import RateExtent
    from ..models.time_filter_interval import TimeFilterInterval


T = TypeVar("T", bound="RateFilterParameters")


@_attrs_define
class RateFilterParameters:
    """
    Attributes:
        client_token (str): Token identifying the client application.
        access_token (str): Access token of the client application.
        client (str): Name and version of the client application.
        limitation (Limitation): Limitation on the quantity of data returned and optional Cursor for the starting point
            of data.
        service_ids (list[UUID]): The services whose rates are read (required).
        language_code (None | str | Unset): Language of the response texts; takes effect only together with
            `CultureCode`.
        culture_code (None | str | Unset): Culture of the response texts; takes effect only together with
            `LanguageCode`.
        enterprise_ids (list[UUID] | None | Unset):
        rate_ids (list[UUID] | None | Unset):
        external_identifiers (list[str] | None | Unset):
        activity_states (list[ActivityStateEnum] | None | Unset):
        updated_utc (None | TimeFilterInterval | Unset): Interval of the rate's last update. LIMIT; at most 3 calendar
            months.
        extent (None | RateExtent | Unset):
    """

    client_token: str
    access_token: str
    client: str
    limitation: Limitation
    service_ids: list[UUID]
    language_code: None | str | Unset = UNSET
    culture_code: None | str | Unset = UNSET
    enterprise_ids: list[UUID] | None | Unset = UNSET
    rate_ids: list[UUID] | None | Unset = UNSET
    external_identifiers: list[str] | None | Unset = UNSET
    activity_states: list[ActivityStateEnum] | None | Unset = UNSET
    updated_utc: None | TimeFilterInterval | Unset = UNSET
    extent: None | RateExtent | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_extent import RateExtent
        from ..models.time_filter_interval import TimeFilterInterval

        client_token = self.client_token

        access_token = self.access_token

        client = self.client

        limitation = self.limitation.to_dict()

        service_ids = []
        for service_ids_item_data in self.service_ids:
            service_ids_item = str(service_ids_item_data)
            service_ids.append(service_ids_item)

        language_code: None | str | Unset
        if isinstance(self.language_code, Unset):
            language_code = UNSET
        else:
            language_code = self.language_code

        culture_code: None | str | Unset
        if isinstance(self.culture_code, Unset):
            culture_code = UNSET
        else:
            culture_code = self.culture_code

        enterprise_ids: list[str] | None | Unset
        if isinstance(self.enterprise_ids, Unset):
            enterprise_ids = UNSET
        elif isinstance(self.enterprise_ids, list):
            enterprise_ids = []
            for enterprise_ids_type_0_item_data in self.enterprise_ids:
                enterprise_ids_type_0_item = str(enterprise_ids_type_0_item_data)
                enterprise_ids.append(enterprise_ids_type_0_item)

        else:
            enterprise_ids = self.enterprise_ids

        rate_ids: list[str] | None | Unset
        if isinstance(self.rate_ids, Unset):
            rate_ids = UNSET
        elif isinstance(self.rate_ids, list):
            rate_ids = []
            for rate_ids_type_0_item_data in self.rate_ids:
                rate_ids_type_0_item = str(rate_ids_type_0_item_data)
                rate_ids.append(rate_ids_type_0_item)

        else:
            rate_ids = self.rate_ids

        external_identifiers: list[str] | None | Unset
        if isinstance(self.external_identifiers, Unset):
            external_identifiers = UNSET
        elif isinstance(self.external_identifiers, list):
            external_identifiers = self.external_identifiers

        else:
            external_identifiers = self.external_identifiers

        activity_states: list[str] | None | Unset
        if isinstance(self.activity_states, Unset):
            activity_states = UNSET
        elif isinstance(self.activity_states, list):
            activity_states = []
            for activity_states_type_0_item_data in self.activity_states:
                activity_states_type_0_item = activity_states_type_0_item_data.value
                activity_states.append(activity_states_type_0_item)

        else:
            activity_states = self.activity_states

        updated_utc: dict[str, Any] | None | Unset
        if isinstance(self.updated_utc, Unset):
            updated_utc = UNSET
        elif isinstance(self.updated_utc, TimeFilterInterval):
            updated_utc = self.updated_utc.to_dict()
        else:
            updated_utc = self.updated_utc

        extent: dict[str, Any] | None | Unset
        if isinstance(self.extent, Unset):
            extent = UNSET
        elif isinstance(self.extent, RateExtent):
            extent = self.extent.to_dict()
        else:
            extent = self.extent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ClientToken": client_token,
                "AccessToken": access_token,
                "Client": client,
                "Limitation": limitation,
                "ServiceIds": service_ids,
            }
        )
        if language_code is not UNSET:
            field_dict["LanguageCode"] = language_code
        if culture_code is not UNSET:
            field_dict["CultureCode"] = culture_code
        if enterprise_ids is not UNSET:
            field_dict["EnterpriseIds"] = enterprise_ids
        if rate_ids is not UNSET:
            field_dict["RateIds"] = rate_ids
        if external_identifiers is not UNSET:
            field_dict["ExternalIdentifiers"] = external_identifiers
        if activity_states is not UNSET:
            field_dict["ActivityStates"] = activity_states
        if updated_utc is not UNSET:
            field_dict["UpdatedUtc"] = updated_utc
        if extent is not UNSET:
            field_dict["Extent"] = extent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.limitation import Limitation
        from ..models.rate_extent import RateExtent
        from ..models.time_filter_interval import TimeFilterInterval

        d = dict(src_dict)
        client_token = d.pop("ClientToken")

        access_token = d.pop("AccessToken")

        client = d.pop("Client")

        limitation = Limitation.from_dict(d.pop("Limitation"))

        service_ids = []
        _service_ids = d.pop("ServiceIds")
        for service_ids_item_data in _service_ids:
            service_ids_item = UUID(service_ids_item_data)

            service_ids.append(service_ids_item)

        def _parse_language_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language_code = _parse_language_code(d.pop("LanguageCode", UNSET))

        def _parse_culture_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        culture_code = _parse_culture_code(d.pop("CultureCode", UNSET))

        def _parse_enterprise_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                enterprise_ids_type_0 = []
                _enterprise_ids_type_0 = data
                for enterprise_ids_type_0_item_data in _enterprise_ids_type_0:
                    enterprise_ids_type_0_item = UUID(enterprise_ids_type_0_item_data)

                    enterprise_ids_type_0.append(enterprise_ids_type_0_item)

                return enterprise_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        enterprise_ids = _parse_enterprise_ids(d.pop("EnterpriseIds", UNSET))

        def _parse_rate_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rate_ids_type_0 = []
                _rate_ids_type_0 = data
                for rate_ids_type_0_item_data in _rate_ids_type_0:
                    rate_ids_type_0_item = UUID(rate_ids_type_0_item_data)

                    rate_ids_type_0.append(rate_ids_type_0_item)

                return rate_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        rate_ids = _parse_rate_ids(d.pop("RateIds", UNSET))

        def _parse_external_identifiers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                external_identifiers_type_0 = cast(list[str], data)

                return external_identifiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        external_identifiers = _parse_external_identifiers(d.pop("ExternalIdentifiers", UNSET))

        def _parse_activity_states(data: object) -> list[ActivityStateEnum] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                activity_states_type_0 = []
                _activity_states_type_0 = data
                for activity_states_type_0_item_data in _activity_states_type_0:
                    activity_states_type_0_item = ActivityStateEnum(activity_states_type_0_item_data)

                    activity_states_type_0.append(activity_states_type_0_item)

                return activity_states_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ActivityStateEnum] | None | Unset, data)

        activity_states = _parse_activity_states(d.pop("ActivityStates", UNSET))

        def _parse_updated_utc(data: object) -> None | TimeFilterInterval | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                updated_utc_type_1 = TimeFilterInterval.from_dict(data)

                return updated_utc_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TimeFilterInterval | Unset, data)

        updated_utc = _parse_updated_utc(d.pop("UpdatedUtc", UNSET))

        def _parse_extent(data: object) -> None | RateExtent | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                extent_type_1 = RateExtent.from_dict(data)

                return extent_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RateExtent | Unset, data)

        extent = _parse_extent(d.pop("Extent", UNSET))

        rate_filter_parameters = cls(
            client_token=client_token,
            access_token=access_token,
            client=client,
            limitation=limitation,
            service_ids=service_ids,
            language_code=language_code,
            culture_code=culture_code,
            enterprise_ids=enterprise_ids,
            rate_ids=rate_ids,
            external_identifiers=external_identifiers,
            activity_states=activity_states,
            updated_utc=updated_utc,
            extent=extent,
        )

        return rate_filter_parameters
