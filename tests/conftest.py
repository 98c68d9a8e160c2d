"""Test set-up shared by every layer.

Every async test runs on a qasync loop inside the Qt event loop (as the console does), so
coroutine and widget code meet the same scheduler in tests as in production.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

# Before anything creates a QApplication: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import pytest
from hypothesis import HealthCheck, settings
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from parcellab_desk.ui.input_aids import install_input_aids
from tests.qasync_loop import new_test_loop, patch_pytest_qt

pytest_plugins = ["tests.fixtures_sandbox"]

# Property tests assert what code does, never how fast: on a loaded two-core CI machine an
# example (or generating it) can take longer than hypothesis's 200 ms default, which then
# fails a correct test. Speed is what benchmarks/ measures.
settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("suite")


def pytest_configure(config: pytest.Config) -> None:
    patch_pytest_qt()


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qasync": new_test_loop}


@pytest.fixture(autouse=True)
def _widgets_deleted_by_the_test_that_made_them() -> Iterator[None]:
    """pytest-qt closes the widgets a test registered and ``deleteLater()``s them, but Qt
    deletes them only when an event loop next runs, often in a later test. Meanwhile the
    garbage collector may collect their Python side first (a widget in a reference cycle):
    that clears the Python attributes of widgets that still exist, and their deletion then
    calls Python overrides on cleared objects (a ``FlowLayout`` without ``_items``), failing
    whichever test runs then, in an order-dependent way. So they are deleted here, while
    their test ends (this fixture is torn down after the test's own fixtures)."""
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Tests never touch the real home folder, settings, logs or keyring."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    return home


@pytest.fixture(autouse=True, scope="session")
def _application_set_up_as_the_console_does(qapp: QApplication) -> None:
    """What the console installs on its application at start-up (wheel guard, focus ring), so
    widgets behave in tests as they do for the agent. pytest-qt's ``qapp`` keeps the
    application alive for the whole run."""
    install_input_aids(qapp)
