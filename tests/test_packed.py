"""Records the environment keeps packed (ext/packed.py): the same value after a round trip,
not unpickled unless asked for, and saved with every change made to it."""

from __future__ import annotations

import pickle

from sphinx_hubroles.ext.packed import Packed


def test_a_packed_value_comes_back_equal():
    value = {"lead": [("role", "roles:lead", 3, True)], "n": None}
    assert pickle.loads(pickle.dumps(Packed(value))).value == value


def test_a_value_never_asked_for_is_saved_as_it_came():
    saved = pickle.dumps(Packed(["a", ("b", 1)]))
    again = pickle.loads(saved)
    assert "not unpickled" in repr(again)
    assert pickle.dumps(again) == saved


def test_a_change_made_in_place_is_saved():
    packed = pickle.loads(pickle.dumps(Packed({"a": [1]})))
    packed.value["a"].append(2)
    packed.value["b"] = []
    assert pickle.loads(pickle.dumps(packed)).value == {"a": [1, 2], "b": []}
