"""How the suite is shared between two xdist workers (scripts/test.sh runs ``-n 2``).

The .deb tests build the package once per worker session (minutes) and install it into Debian
roots: they all go to one worker, first, while the other worker runs everything else. (xdist's
own ``--dist loadgroup`` cannot do this with pytest 9: it renames the test ids through an
attribute pytest 9 no longer reads.)
"""

from __future__ import annotations

from typing import Any

import pytest

INSTALLER_PREFIXES = ("tests/installer/test_deb_",)


def is_installer_test(nodeid: str) -> bool:
    return nodeid.startswith(INSTALLER_PREFIXES)


def installer_tests_first(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not is_installer_test(item.nodeid))  # stable: the rest keep their order


def make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class OneWorkerForTheInstaller(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return "installer" if is_installer_test(nodeid) else nodeid  # every other test alone

    return OneWorkerForTheInstaller(config, log)
