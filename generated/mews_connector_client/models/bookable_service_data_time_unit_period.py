from enum import StrEnum


class BookableServiceDataTimeUnitPeriod(StrEnum):
    DAY = "Day"
    HOUR = "Hour"
    MONTH = "Month"

    def __str__(self) -> str:
        return str(self.value)
