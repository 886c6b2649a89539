"""Contains all the data models used in inputs/outputs.

Each model's module is imported on first use (PEP 562), so that importing the package costs nothing for the models
a program never touches: `from mews_connector_client.models import VoucherCode` imports that module alone.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .activity_state_enum import ActivityStateEnum
    from .additional_service_data import AdditionalServiceData
    from .additional_service_data_promotions import AdditionalServiceDataPromotions
    from .assigned_rate_ids_update_value import AssignedRateIdsUpdateValue
    from .bookable_service_data import BookableServiceData
    from .bookable_service_data_time_unit_period import BookableServiceDataTimeUnitPeriod
    from .connector_api_exception_result import ConnectorApiExceptionResult
    from .date_time_nullable_update_value import DateTimeNullableUpdateValue
    from .enterprise import Enterprise
    from .enterprise_filter_parameters import EnterpriseFilterParameters
    from .enterprise_result import EnterpriseResult
    from .external_identifier_update_value import ExternalIdentifierUpdateValue
    from .guid_nullable_update_value import GuidNullableUpdateValue
    from .limitation import Limitation
    from .localized_strings import LocalizedStrings
    from .multiple_voucher_add_parameters import MultipleVoucherAddParameters
    from .multiple_voucher_code_add_parameters import MultipleVoucherCodeAddParameters
    from .multiple_voucher_code_delete_parameters import MultipleVoucherCodeDeleteParameters
    from .multiple_voucher_delete_parameters import MultipleVoucherDeleteParameters
    from .multiple_voucher_update_parameters import MultipleVoucherUpdateParameters
    from .rate import Rate
    from .rate_extent import RateExtent
    from .rate_filter_parameters import RateFilterParameters
    from .rate_result import RateResult
    from .service import Service
    from .service_data import ServiceData
    from .service_data_value_type_0 import ServiceDataValueType0
    from .service_filter_parameters import ServiceFilterParameters
    from .service_options import ServiceOptions
    from .service_promotions_type_0 import ServicePromotionsType0
    from .service_result import ServiceResult
    from .service_type_enum import ServiceTypeEnum
    from .time_filter_interval import TimeFilterInterval
    from .unit import Unit
    from .voucher import Voucher
    from .voucher_add_parameters import VoucherAddParameters
    from .voucher_assignment import VoucherAssignment
    from .voucher_code import VoucherCode
    from .voucher_code_add_parameters import VoucherCodeAddParameters
    from .voucher_code_filter_parameters import VoucherCodeFilterParameters
    from .voucher_code_result import VoucherCodeResult
    from .voucher_extent import VoucherExtent
    from .voucher_filter_parameters import VoucherFilterParameters
    from .voucher_name_update_value import VoucherNameUpdateValue
    from .voucher_result import VoucherResult
    from .voucher_result_companies_type_0_item import VoucherResultCompaniesType0Item
    from .voucher_result_rates_type_0_item import VoucherResultRatesType0Item
    from .voucher_type_enum import VoucherTypeEnum
    from .voucher_type_update_value import VoucherTypeUpdateValue
    from .voucher_update_parameters import VoucherUpdateParameters
    from .voucher_write_result import VoucherWriteResult

_MODULES = {
    "ActivityStateEnum": ".activity_state_enum",
    "AdditionalServiceData": ".additional_service_data",
    "AdditionalServiceDataPromotions": ".additional_service_data_promotions",
    "AssignedRateIdsUpdateValue": ".assigned_rate_ids_update_value",
    "BookableServiceData": ".bookable_service_data",
    "BookableServiceDataTimeUnitPeriod": ".bookable_service_data_time_unit_period",
    "ConnectorApiExceptionResult": ".connector_api_exception_result",
    "DateTimeNullableUpdateValue": ".date_time_nullable_update_value",
    "Enterprise": ".enterprise",
    "EnterpriseFilterParameters": ".enterprise_filter_parameters",
    "EnterpriseResult": ".enterprise_result",
    "ExternalIdentifierUpdateValue": ".external_identifier_update_value",
    "GuidNullableUpdateValue": ".guid_nullable_update_value",
    "Limitation": ".limitation",
    "LocalizedStrings": ".localized_strings",
    "MultipleVoucherAddParameters": ".multiple_voucher_add_parameters",
    "MultipleVoucherCodeAddParameters": ".multiple_voucher_code_add_parameters",
    "MultipleVoucherCodeDeleteParameters": ".multiple_voucher_code_delete_parameters",
    "MultipleVoucherDeleteParameters": ".multiple_voucher_delete_parameters",
    "MultipleVoucherUpdateParameters": ".multiple_voucher_update_parameters",
    "Rate": ".rate",
    "RateExtent": ".rate_extent",
    "RateFilterParameters": ".rate_filter_parameters",
    "RateResult": ".rate_result",
    "Service": ".service",
    "ServiceData": ".service_data",
    "ServiceDataValueType0": ".service_data_value_type_0",
    "ServiceFilterParameters": ".service_filter_parameters",
    "ServiceOptions": ".service_options",
    "ServicePromotionsType0": ".service_promotions_type_0",
    "ServiceResult": ".service_result",
    "ServiceTypeEnum": ".service_type_enum",
    "TimeFilterInterval": ".time_filter_interval",
    "Unit": ".unit",
    "Voucher": ".voucher",
    "VoucherAddParameters": ".voucher_add_parameters",
    "VoucherAssignment": ".voucher_assignment",
    "VoucherCode": ".voucher_code",
    "VoucherCodeAddParameters": ".voucher_code_add_parameters",
    "VoucherCodeFilterParameters": ".voucher_code_filter_parameters",
    "VoucherCodeResult": ".voucher_code_result",
    "VoucherExtent": ".voucher_extent",
    "VoucherFilterParameters": ".voucher_filter_parameters",
    "VoucherNameUpdateValue": ".voucher_name_update_value",
    "VoucherResult": ".voucher_result",
    "VoucherResultCompaniesType0Item": ".voucher_result_companies_type_0_item",
    "VoucherResultRatesType0Item": ".voucher_result_rates_type_0_item",
    "VoucherTypeEnum": ".voucher_type_enum",
    "VoucherTypeUpdateValue": ".voucher_type_update_value",
    "VoucherUpdateParameters": ".voucher_update_parameters",
    "VoucherWriteResult": ".voucher_write_result",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "ActivityStateEnum",
    "AdditionalServiceData",
    "AdditionalServiceDataPromotions",
    "AssignedRateIdsUpdateValue",
    "BookableServiceData",
    "BookableServiceDataTimeUnitPeriod",
    "ConnectorApiExceptionResult",
    "DateTimeNullableUpdateValue",
    "Enterprise",
    "EnterpriseFilterParameters",
    "EnterpriseResult",
    "ExternalIdentifierUpdateValue",
    "GuidNullableUpdateValue",
    "Limitation",
    "LocalizedStrings",
    "MultipleVoucherAddParameters",
    "MultipleVoucherCodeAddParameters",
    "MultipleVoucherCodeDeleteParameters",
    "MultipleVoucherDeleteParameters",
    "MultipleVoucherUpdateParameters",
    "Rate",
    "RateExtent",
    "RateFilterParameters",
    "RateResult",
    "Service",
    "ServiceData",
    "ServiceDataValueType0",
    "ServiceFilterParameters",
    "ServiceOptions",
    "ServicePromotionsType0",
    "ServiceResult",
    "ServiceTypeEnum",
    "TimeFilterInterval",
    "Unit",
    "Voucher",
    "VoucherAddParameters",
    "VoucherAssignment",
    "VoucherCode",
    "VoucherCodeAddParameters",
    "VoucherCodeFilterParameters",
    "VoucherCodeResult",
    "VoucherExtent",
    "VoucherFilterParameters",
    "VoucherNameUpdateValue",
    "VoucherResult",
    "VoucherResultCompaniesType0Item",
    "VoucherResultRatesType0Item",
    "VoucherTypeEnum",
    "VoucherTypeUpdateValue",
    "VoucherUpdateParameters",
    "VoucherWriteResult",
)
