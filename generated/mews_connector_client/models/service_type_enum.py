from enum import StrEnum


class ServiceTypeEnum(StrEnum):
    ADDITIONAL = "Additional"
    BOOKABLE = "Bookable"

    def __str__(self) -> str:
        return str(self.value)
