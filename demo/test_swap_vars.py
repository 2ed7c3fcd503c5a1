"""The swap's tests: one fails because of the swap bug (npm run demo:agent -- --scenario test)."""
from swap_vars import swap


def test_swap_exchanges_the_values():
    assert swap(1, 2) == (2, 1)


def test_swap_of_equal_values():
    assert swap(3, 3) == (3, 3)
