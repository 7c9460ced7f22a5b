from tests.learning.network.network_setup import networks  # noqa: F401
