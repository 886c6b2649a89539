"""Contains all the data models used in inputs/outputs"""

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
