"""The one pint registry of the project, extended with factcheck's definitions."""

from __future__ import annotations

from functools import cache

import pint

from .resources import data_file

ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
ureg.load_definitions(str(data_file("units.txt")))
PERCENT_UNIT = "percent"
POINTS_UNIT = "percentage_point"
"""The units of percentages and of percentage points (data/units.txt), as claims carry them."""


@cache
def canonical_unit(expression: str) -> str:
    """A stable name for a unit expression: 'kilometer ** 2' and 'km**2' both give 'kilometer ** 2'."""
    return str(ureg.Unit(expression))


@cache
def measuring_unit(expression: str) -> str | None:
    """The canonical name of a unit expression that measures something ('J / m**2' -> 'joule / meter ** 2'),
    or None when pint cannot read it, cannot work out its dimension, or it cancels out to a pure number."""
    try:
        unit = ureg.Unit(expression)
        dimensionless = unit.dimensionless
    except Exception:  # pint raises several error types for unreadable text; all mean "no unit"
        return None
    return None if dimensionless else str(unit)


@cache
def is_duration(unit: str) -> bool:
    return ureg.Unit(unit).dimensionality == ureg.Unit("second").dimensionality


@cache
def dimension_of(unit: str) -> str:
    """'[length]' for 'kilometer', '[length] / [time]' for 'meter / second'."""
    return str(ureg.Unit(unit).dimensionality)
