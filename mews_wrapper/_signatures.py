"""One declaration of a call's parameters, stated by both the sync and the async class with its own return type.

`help()`, IDEs and mypy see `VoucherCodes.get_all(voucher_ids, *, ...) -> Iterator[VoucherCode]` and
`AsyncVoucherCodes.get_all(...) -> AsyncIterator[VoucherCode]`, while the parameters are written once.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def arguments_of(
    spec: Callable[Concatenate[Any, _P], Any],
) -> Callable[[Callable[..., _R]], Callable[Concatenate[Any, _P], _R]]:
    """Give a method the parameters (and the parameter docs) of `spec`, keeping its own return type and summary.

    Type checkers read the parameters through the `ParamSpec`; `help()` and `inspect.signature` through
    `__signature__`. A call with arguments that do not fit raises `TypeError` here, naming the public method.
    """

    def decorate(method: Callable[..., _R]) -> Callable[Concatenate[Any, _P], _R]:
        signature = inspect.signature(spec).replace(return_annotation=inspect.signature(method).return_annotation)

        def check(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
            try:
                signature.bind(*args, **kwargs)
            except TypeError as error:
                raise TypeError(f"{method.__qualname__}(): {error}") from None

        if inspect.iscoroutinefunction(method):

            async def checked_async(*args: Any, **kwargs: Any) -> Any:
                check(args, kwargs)
                return await method(*args, **kwargs)

            checked: Callable[..., Any] = checked_async
        else:

            def checked_sync(*args: Any, **kwargs: Any) -> Any:
                check(args, kwargs)
                return method(*args, **kwargs)

            checked = checked_sync
        functools.update_wrapper(checked, method)
        checked.__signature__ = signature  # type: ignore[attr-defined]
        checked.__doc__ = f"{inspect.getdoc(method)}\n\n{inspect.getdoc(spec)}"
        return checked

    return decorate


def concrete_init(cls: type, base_init: Callable[..., None], shown_as: dict[str, str]) -> None:
    """Give `cls` an `__init__` that calls `base_init`, its type variables shown as `cls` binds them.

    `base_init` stays the one definition (mypy and IDEs bind its type variables themselves); `help()` reads the
    annotations as written, so without this it would show `_HttpT` where `MewsClient` takes `httpx.Client`.
    `shown_as` maps each type variable's name to the text to show.
    """
    parameters = []
    for parameter in inspect.signature(base_init).parameters.values():
        annotation = parameter.annotation
        if isinstance(annotation, str):
            for variable, text in shown_as.items():
                annotation = annotation.replace(variable, text)
        parameters.append(parameter.replace(annotation=annotation))

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        base_init(self, *args, **kwargs)

    __init__.__signature__ = inspect.Signature(parameters, return_annotation="None")  # type: ignore[attr-defined]
    __init__.__doc__ = base_init.__doc__
    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.__module__ = cls.__module__
    type.__setattr__(cls, "__init__", __init__)
