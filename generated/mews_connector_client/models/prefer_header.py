from enum import StrEnum


class PreferHeader(StrEnum):
    RETURNMINIMAL = "return=minimal"

    def __str__(self) -> str:
        return str(self.value)
