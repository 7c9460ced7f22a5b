"""The whole network-matrix world: the core (world.py) and each part's objects and words."""

from __future__ import annotations

from tests.network_matrix import (
    collectives_world,
    inquiry_world,
    network_learning_world,
    networks_world,
    showcase_world,
    world,
)

# Each part's world module: `PLANTED` (word -> who may read it) and `build(world)`, in order.
PARTS = (networks_world, collectives_world, inquiry_world, network_learning_world,
         showcase_world)

PLANTED = dict(world.PLANTED)
for _part in PARTS:
    PLANTED.update(_part.PLANTED)


def build() -> world.World:
    made = world.build_core()
    for part in PARTS:
        part.build(made)
    return made
