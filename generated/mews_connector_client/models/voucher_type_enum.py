from enum import StrEnum


class VoucherTypeEnum(StrEnum):
    PARTNERCOMPANY = "PartnerCompany"
    PUBLIC = "Public"
    TRAVELAGENCY = "TravelAgency"

    def __str__(self) -> str:
        return str(self.value)
