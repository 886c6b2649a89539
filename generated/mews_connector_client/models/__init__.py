"""Contains all the data models used in inputs/outputs"""

from .activity_state_enum import ActivityStateEnum
from .additional_service_data import AdditionalServiceData
from .additional_service_data_promotions import AdditionalServiceDataPromotions
from .bookable_service_data import BookableServiceData
from .bookable_service_data_time_unit_period import BookableServiceDataTimeUnitPeriod
from .connector_api_exception_result import ConnectorApiExceptionResult
from .enterprise import Enterprise
from .enterprise_filter_parameters import EnterpriseFilterParameters
from .enterprise_result import EnterpriseResult
from .limitation import Limitation
from .localized_strings import LocalizedStrings
from .multiple_voucher_code_add_parameters import MultipleVoucherCodeAddParameters
from .multiple_voucher_code_delete_parameters import MultipleVoucherCodeDeleteParameters
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
from .voucher_assignment import VoucherAssignment
from .voucher_code import VoucherCode
from .voucher_code_add_parameters import VoucherCodeAddParameters
from .voucher_code_filter_parameters import VoucherCodeFilterParameters
from .voucher_code_result import VoucherCodeResult
from .voucher_extent import VoucherExtent
from .voucher_filter_parameters import VoucherFilterParameters
from .voucher_result import VoucherResult
from .voucher_result_companies_type_0_item import VoucherResultCompaniesType0Item
from .voucher_result_rates_type_0_item import VoucherResultRatesType0Item
from .voucher_type_enum import VoucherTypeEnum

__all__ = (
    "ActivityStateEnum",
    "AdditionalServiceData",
    "AdditionalServiceDataPromotions",
    "BookableServiceData",
    "BookableServiceDataTimeUnitPeriod",
    "ConnectorApiExceptionResult",
    "Enterprise",
    "EnterpriseFilterParameters",
    "EnterpriseResult",
    "Limitation",
    "LocalizedStrings",
    "MultipleVoucherCodeAddParameters",
    "MultipleVoucherCodeDeleteParameters",
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
    "VoucherAssignment",
    "VoucherCode",
    "VoucherCodeAddParameters",
    "VoucherCodeFilterParameters",
    "VoucherCodeResult",
    "VoucherExtent",
    "VoucherFilterParameters",
    "VoucherResult",
    "VoucherResultCompaniesType0Item",
    "VoucherResultRatesType0Item",
    "VoucherTypeEnum",
)
