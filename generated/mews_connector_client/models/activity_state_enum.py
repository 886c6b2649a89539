from enum import StrEnum


class ActivityStateEnum(StrEnum):
    ACTIVE = "Active"
    DELETED = "Deleted"

    def __str__(self) -> str:
        return str(self.value)
