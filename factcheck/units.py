"""The one pint registry of the project, extended with factcheck's definitions."""

from __future__ import annotations

from functools import cache

import pint

from .resources import data_file

ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
ureg.load_definitions(str(data_file("units.txt")))


@cache
def canonical_unit(expression: str) -> str:
    """A stable name for a unit expression: 'kilometer ** 2' and 'km**2' both give 'kilometer ** 2'."""
    return str(ureg.Unit(expression))


def is_duration(unit: str) -> bool:
    return ureg.Unit(unit).dimensionality == ureg.Unit("second").dimensionality
