"""Contains all the data models used in inputs/outputs"""

from .activity_state_enum import ActivityStateEnum
from .connector_api_exception_result import ConnectorApiExceptionResult
from .limitation import Limitation
from .multiple_voucher_code_add_parameters import MultipleVoucherCodeAddParameters
from .multiple_voucher_code_delete_parameters import MultipleVoucherCodeDeleteParameters
from .time_filter_interval import TimeFilterInterval
from .unit import Unit
from .voucher_code import VoucherCode
from .voucher_code_add_parameters import VoucherCodeAddParameters
from .voucher_code_filter_parameters import VoucherCodeFilterParameters
from .voucher_code_result import VoucherCodeResult

__all__ = (
    "ActivityStateEnum",
    "ConnectorApiExceptionResult",
    "Limitation",
    "MultipleVoucherCodeAddParameters",
    "MultipleVoucherCodeDeleteParameters",
    "TimeFilterInterval",
    "Unit",
    "VoucherCode",
    "VoucherCodeAddParameters",
    "VoucherCodeFilterParameters",
    "VoucherCodeResult",
)
