"""One running console: which profile it works with, its client, its window, and the flows
between them (first start, sign-in, a 401 mid-work, switching profiles, quitting).

Everything a run owns hangs off ``Console`` and is closed in ``aclose``; nothing is global.
The flows show dialogs with ``open()`` and await them (never ``exec()`` in a coroutine).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from parcellab_desk.api.auth import ApiAuth
from parcellab_desk.api.client import ParcelLabClient
from parcellab_desk.api.errors import ParcelLabError
from parcellab_desk.api.models import Order
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.links import InvalidLinkError, OrderLink, parse_link
from parcellab_desk.qt.order_pages import ClientPageSource, OrderQuery
from parcellab_desk.qt.order_table_model import OrderTableModel
from parcellab_desk.qt.tasks import TaskRunner
from parcellab_desk.services.connection import auth_for, check_connection, client_for
from parcellab_desk.services.credentials import CredentialError, StorageMode
from parcellab_desk.services.demo_database import (
    database_is_damaged,
    describe_database_error,
    set_aside_database,
)
from parcellab_desk.services.drafts import DraftStore, is_draft_key, new_draft_key
from parcellab_desk.services.error_messages import describe_error
from parcellab_desk.services.job_journal import FernetCodec, JobJournal
from parcellab_desk.services.order_editing import OrderEditingService
from parcellab_desk.services.order_info_service import OrderInfoService
from parcellab_desk.services.order_links import find_linked_order, profile_for_link
from parcellab_desk.services.order_lookup import OrderLookupService
from parcellab_desk.services.paths import AppPaths, FolderRole
from parcellab_desk.services.policy import Policy, problem_message, usable_profiles
from parcellab_desk.services.profiles import Profile, Region, demo_profile
from parcellab_desk.services.recent_orders import RecentOrders
from parcellab_desk.services.secret import Secret
from parcellab_desk.services.session import SessionService, register_token
from parcellab_desk.start import DEMO_DB_NAME as DEMO_DB_NAME  # re-exported: where it was
from parcellab_desk.ui.bulk_work import BulkWork
from parcellab_desk.ui.dialog_async import run_dialog
from parcellab_desk.ui.main_window import MainWindow
from parcellab_desk.ui.no_keyring_dialog import NoKeyringChoice, NoKeyringDialog
from parcellab_desk.ui.profile_dialog import ProfileDialog
from parcellab_desk.ui.sign_in_dialog import SignInDialog
from parcellab_desk.ui.startup_dialogs import DamagedDemoDialog, NoticesDialog
from parcellab_desk.ui.theme import ThemeController
from parcellab_desk.ui.welcome_dialog import WelcomeChoice, WelcomeDialog
from parcellab_desk.wording import translate

if TYPE_CHECKING:
    from parcellab_desk.sandbox.process import SandboxProcess
    from parcellab_desk.start import EarlySandbox

_log = logging.getLogger(__name__)

CrashHandler = Callable[[str, BaseException], None]

DEMO_PROFILE_ID = "demo"
LIST_PAGE_SIZE = 200
_NOTICES_TASK = "notices"
_SANDBOX_WATCH_TASK = "demo-sandbox-watch"
EXPORT_PAGE_SIZE = 500  # the server's largest page: fewest round trips for a whole listing
# Bulk jobs retry by themselves, through one rate-limit gate for all their workers: their
# client must hand every 429 and 5xx straight back (see services.job_runner).
JOB_RETRY = RetryPolicy(attempts=1)


class Outcome(Enum):
    QUIT = "quit"
    SWITCH = "switch"
    CONNECT = "connect"  # a profile made or edited over the window, signed in already
    SIGNED_OUT = "signed out"


@dataclass(frozen=True, slots=True)
class Connection:
    profile: Profile
    token: Secret


@dataclass(frozen=True, slots=True)
class WindowOutcome:
    """Why a window closed: for a switch, to which profile; for a new or edited profile,
    its connection."""

    kind: Outcome
    profile_id: str | None = None
    connection: Connection | None = None


class Console:
    """The flows of one run. ``run()`` returns when the agent quits."""

    def __init__(
        self,
        args: argparse.Namespace,
        paths: AppPaths,
        session: SessionService,
        *,
        notices: Sequence[str] = (),
        unusable_folders: frozenset[FolderRole] = frozenset(),
        on_crash: CrashHandler | None = None,
        policy: Policy | None = None,
        theme: ThemeController | None = None,
        log_file: Path | None = None,
        early_sandbox: EarlySandbox | None = None,
    ) -> None:
        """``notices``: what start-up found wrong with files and folders, shown first;
        ``unusable_folders``: what the console does without; ``on_crash``: where a task's
        unexpected exception goes (the crash reporter); ``policy``: the machine's policy file;
        ``theme``: View ▸ Appearance; ``log_file``: what Help opens and copies from;
        ``early_sandbox``: the demo sandbox the start path began starting while Qt started."""
        self.args = args
        self.theme = theme
        self.log_file = log_file
        self.early_sandbox = early_sandbox  # the demo sandbox the start path began starting
        self.paths = paths
        self.session = session
        self.notices = list(notices)
        self.unusable_folders = unusable_folders
        self.on_crash = on_crash
        self.policy = policy or Policy()
        self.runner = TaskRunner(on_error=self._on_task_failed)
        session.profiles.set_notice_sink(self.tell)
        self._draft_stores: dict[str, DraftStore] = {}
        self._drafts_key: Secret | None = None
        self._drafts_key_looked_up = False
        # Problems found once a window exists (the drafts' key, damaged drafts).
        self.notices_later: list[str] = []
        self.sandbox: SandboxProcess | None = None
        self.sandbox_watch: asyncio.Task[None] | None = None  # tells when the sandbox ends
        self.client: ParcelLabClient | None = None
        self.jobs_client: ParcelLabClient | None = None
        self.bulk: BulkWork | None = None
        self.window: MainWindow | None = None
        self.connection: Connection | None = None
        self._reauth_lock = asyncio.Lock()
        self._start_up_frozen = False
        self.profile_form_task: asyncio.Task[None] | None = None  # the form over the window
        # An order link waiting for a window (sign-in, a profile switch); with the profile
        # it was switched to, when it was.
        self._pending_link: OrderLink | None = None
        self._pending_for: str | None = None
        self._messages: set[QMessageBox] = set()

    # --- the whole run ------------------------------------------------------------------

    async def run(self) -> int:
        try:
            problem = problem_message(self.policy)  # a broken policy file: said first
            if problem and problem not in self.notices:
                self.notices.insert(0, problem)
            if self.notices:
                await self.show_notices(self.notices)
            connection = await self.first_connection()
            while connection is not None:
                outcome = await self.work_in(connection)
                connection = await self.after(outcome)
            return 0
        finally:
            await self.aclose()

    async def first_connection(self) -> Connection | None:
        """--demo, the welcome dialog on a first start, or the profile used last time."""
        if self.args.demo and not self.policy.hide_demo:
            return await self.start_demo()
        usable = self.usable_profiles()
        if not usable:
            return await self.welcome()
        last = self.session.profiles.last_used()
        return await self.connect(last if last in usable else usable[0])

    def usable_profiles(self) -> list[Profile]:
        """The stored profiles the machine's policy lets the agent use."""
        return usable_profiles(self.policy, self.session.profiles.profiles())

    async def after(self, outcome: WindowOutcome) -> Connection | None:
        """The next connection after a window closed for ``outcome`` (None: quit). When the
        agent backs out of a switch or an edit, the console goes back to where it was."""
        kind = outcome.kind
        if kind is Outcome.QUIT:
            return None
        if kind is Outcome.SIGNED_OUT:
            return await self.welcome()
        current = self.connection
        following: Connection | None = None
        if kind is Outcome.SWITCH and outcome.profile_id is not None:
            profile = self.session.profiles.get(outcome.profile_id)
            if profile is not None:
                following = await self.connect(profile)
        elif kind is Outcome.CONNECT:
            following = outcome.connection
        return following or current

    # --- getting a profile and a token --------------------------------------------------

    async def welcome(self) -> Connection | None:
        dialog = WelcomeDialog()
        dialog.demo_button.setVisible(not self.policy.hide_demo)
        await run_dialog(dialog)
        choice = dialog.choice()
        if choice is WelcomeChoice.DEMO:
            connection = await self.start_demo()
            if connection is None:
                return None
            # Remembered, so the next start goes straight back to the demo.
            self.session.profiles.save(connection.profile)
            self.session.profiles.set_last_used(connection.profile.id)
            return connection
        if choice is WelcomeChoice.CONNECT:
            return await self.new_profile()
        return None

    async def start_demo(self) -> Connection | None:
        """Start the embedded sandbox (off the GUI thread: seeding takes a moment). None
        when the agent chose to quit rather than start from fresh demo data."""
        if self.sandbox is None:
            sandbox = await self._start_sandbox()
            if sandbox is None:
                return None
            self.sandbox = sandbox
            self.sandbox_watch = self.runner.start(
                _SANDBOX_WATCH_TASK, self._watch_sandbox(sandbox)
            )
            accounts = ", ".join(str(a) for a in sandbox.accounts)
            # The demo token opens only this machine's sample data: printing it is the point.
            print(
                f"Sandbox running at {sandbox.base_url}\n"
                f"  demo token: {sandbox.demo_token}\n"
                f"  accounts:   {accounts}\n"
                f"  database:   {sandbox.db_path}",
                flush=True,
            )
        profile = demo_profile(self.sandbox.base_url).model_copy(update={"id": DEMO_PROFILE_ID})
        return Connection(profile, Secret(self.sandbox.demo_token))

    async def _watch_sandbox(self, sandbox: SandboxProcess) -> None:
        """Tell the agent, once, when the demo sandbox's process ends while the console runs
        (killed, out of memory): otherwise every load would just fail to connect."""
        # A thread waits on the process; stopping the sandbox (at quit) ends that wait too,
        # after this task was cancelled.
        code = await asyncio.to_thread(sandbox.wait_for_exit)
        if code is not None and self.sandbox is sandbox:
            _log.warning("The demo sandbox's process ended with exit code %s", code)
            self._tell(
                translate("Console", "Demo sandbox stopped"),
                translate(
                    "Console",
                    "The demo sandbox stopped (exit code {code}), so demo orders can no longer "
                    "be loaded or saved. Quit and start the console again to get it back; "
                    "its orders are kept.",
                ).format(code=code),
            )

    async def _start_sandbox(self) -> SandboxProcess | None:
        """The demo database in the data folder; a damaged one only replaced when the agent
        agrees (and then kept aside), an unusable folder replaced by a temporary database.
        The sandbox serves from a child process (``sandbox/process.py``)."""
        from parcellab_desk.sandbox.process import SandboxProcess

        db: Path | None = self.paths.data / DEMO_DB_NAME
        if FolderRole.DATA in self.unusable_folders:
            db = None  # already told: the demo runs on a temporary database
        elif self.args.reset_demo and self.paths.data.joinpath(DEMO_DB_NAME).exists():
            # Fresh demo data, and the old database kept aside: nothing local is destroyed.
            set_aside_database(self.paths.data / DEMO_DB_NAME)
        started = await self._take_early_sandbox(db)
        if started is not None:
            return started  # started while Qt started (never with --reset-demo)
        while True:
            sandbox = SandboxProcess(
                db, port=self.args.sandbox_port, demo_orders=self.args.demo_orders
            )
            try:
                await asyncio.to_thread(sandbox.start)
                return sandbox
            except sqlite3.DatabaseError as exc:
                if db is None:
                    raise
                failure = exc
            if database_is_damaged(failure):
                dialog = DamagedDemoDialog(db, describe_database_error(failure))
                await run_dialog(dialog)
                fresh = dialog.chose_fresh()
                dialog.deleteLater()  # asked once: it must not outlive the question
                if not fresh:
                    return None
                kept = set_aside_database(db)
                if kept is not None:
                    continue
            await self.show_notices(
                [
                    translate(
                        "Startup",
                        "The demo database {path} cannot be used ({reason}), so the demo runs "
                        "on a temporary database that is removed when you quit; the file is "
                        "left as it is.",
                    ).format(path=db, reason=describe_database_error(failure))
                ]
            )
            db = None

    async def _take_early_sandbox(self, db: Path | None) -> SandboxProcess | None:
        """The sandbox the start path began starting on ``db`` while Qt started, or None:
        none was started early (anything unusual is left to the loop above, which tells the
        agent), or it runs on another database than the one to use (it is stopped)."""
        early, self.early_sandbox = self.early_sandbox, None
        if early is None:
            return None
        if db is None:
            early.discard()
            return None
        sandbox = await early.take()
        if sandbox is not None and early.db != db:
            await asyncio.to_thread(sandbox.stop)
            return None
        return sandbox

    async def connect(self, profile: Profile) -> Connection | None:
        """The profile's stored token, or a sign-in when there is none."""
        refused = self.policy.allows(profile)
        if refused:
            self._tell(
                translate("Console", "Profile not available"),
                translate("Console", "“{profile}” cannot be used. {reason}").format(
                    profile=profile.name, reason=refused
                ),
            )
            return None
        if profile.id == DEMO_PROFILE_ID:
            return await self.start_demo()
        try:
            token = await self.session.token_for(profile)
        except CredentialError as exc:
            if not await self.offer_memory_only(exc):
                return None
            token = None
        if token is None:
            reason = translate("Console", "Sign in to “{profile}”.").format(profile=profile.name)
            return await self.sign_in(profile, reason=reason)
        self.session.profiles.set_last_used(profile.id)
        return Connection(profile, token)

    async def new_profile(self, parent: QWidget | None = None) -> Connection | None:
        if not self.policy.allow_own_profiles:
            self._tell(
                translate("Console", "New profile"),
                translate("Policy", "Your organisation allows only the profiles it set up."),
            )
            return None
        status = await self.session.credentials.status()
        dialog = ProfileDialog(
            tester=check_connection,
            keyring_usable=status.usable,
            keyring_message=status.reason,
            parent=parent,
        )
        self._restrict(dialog)
        await run_dialog(dialog)
        if dialog.result() != ProfileDialog.DialogCode.Accepted:
            return None
        return await self.store_sign_in(dialog.profile(), dialog.token(), dialog.remember_token())

    async def edit_profile(
        self, profile: Profile, parent: QWidget | None = None
    ) -> Connection | None:
        if profile.demo:
            return None
        if self.policy.is_managed(profile):
            self._tell(
                translate("Console", "Edit profile"),
                translate("Console", "This profile is set up by your organisation."),
            )
            return None
        status = await self.session.credentials.status()
        dialog = ProfileDialog(
            profile,
            tester=check_connection,
            keyring_usable=status.usable,
            keyring_message=status.reason,
            parent=parent,
        )
        self._restrict(dialog)
        await run_dialog(dialog)
        if dialog.result() != ProfileDialog.DialogCode.Accepted:
            return None
        edited, token = dialog.profile(), dialog.token()
        if not token.reveal() and self.connection is not None:
            token = self.connection.token  # an empty field keeps the token
        return await self.store_sign_in(edited, token, dialog.remember_token())

    async def sign_in(
        self, profile: Profile, *, reason: str = "", parent: QWidget | None = None
    ) -> Connection | None:
        status = await self.session.credentials.status()
        dialog = SignInDialog(
            profile,
            tester=check_connection,
            keyring_usable=status.usable,
            reason=reason,
            parent=parent,
        )
        await run_dialog(dialog)
        if dialog.result() != SignInDialog.DialogCode.Accepted:
            return None
        return await self.store_sign_in(profile, dialog.token(), dialog.remember_token())

    async def store_sign_in(
        self, profile: Profile, token: Secret, remember: bool
    ) -> Connection | None:
        """Save the profile and token (keyring, or memory when the agent chooses so)."""
        while True:
            try:
                mode = await self.session.sign_in(profile, token, remember=remember)
            except CredentialError as exc:
                if not await self.offer_memory_only(exc):
                    return None
                remember = False
                continue
            if mode is StorageMode.MEMORY:
                _log.info("Token for profile %s kept in memory only", profile.id)
            stored = self.session.current or profile
            return Connection(stored, token)

    async def show_notices(self, notices: Sequence[str]) -> None:
        """Problems with files and folders, one sentence each, in one dialog."""
        await run_dialog(NoticesDialog(notices, self.window))

    def tell(self, sentence: str) -> None:
        """A problem found while working (a file that cannot be written...): shown in the
        window as soon as there is one, together with anything else found meanwhile."""
        self.notices_later.append(sentence)
        self._flush_notices_soon()

    def _flush_notices_soon(self) -> None:
        if (
            self.notices_later
            and self.window is not None
            and self.runner.can_start
            and not self.runner.is_running(_NOTICES_TASK)
        ):
            self.runner.start(_NOTICES_TASK, self._flush_notices())

    async def _flush_notices(self) -> None:
        await asyncio.sleep(0)  # what the same step finds goes in the same dialog
        while self.notices_later:
            batch = list(self.notices_later)
            self.notices_later.clear()
            await self.show_notices(batch)

    async def drafts_for(self, profile: Profile) -> DraftStore:
        """The profile's draft store: encrypted on disk with the keyring's key, or in memory
        for this run when there is no usable folder or keyring (and the agent is told)."""
        store = self._draft_stores.get(profile.id)
        if store is not None:
            return store
        key = await self._drafts_key_or_none()
        store = DraftStore(self.paths.drafts, profile.id, key, on_notice=self.tell)
        self._draft_stores[profile.id] = store
        return store

    async def _drafts_key_or_none(self) -> Secret | None:
        if self._drafts_key_looked_up:
            return self._drafts_key
        self._drafts_key_looked_up = True
        if FolderRole.DRAFTS in self.unusable_folders:
            return None  # already told at start-up
        problem = ""
        try:
            key = await self.session.credentials.drafts_key(new_draft_key)
        except CredentialError as exc:
            key, problem = None, exc.reason
        else:
            if key is None:
                problem = translate(
                    "Console", "you chose to keep secrets in memory only for this session"
                )
            elif not is_draft_key(key):
                key, problem = (
                    None,
                    translate(
                        "Console", "the drafts key in the keyring is not one this version reads"
                    ),
                )
        if key is None:
            self.tell(
                translate(
                    "Console",
                    "Unsaved edits are kept in memory only, not on disk ({reason}): save your "
                    "orders before you quit. Drafts on disk from earlier sessions stay in "
                    "{folder}.",
                ).format(reason=problem.rstrip("."), folder=self.paths.drafts)
            )
        self._drafts_key = key
        return key

    def _job_journal(self, profile: Profile) -> JobJournal | None:
        """Bulk jobs' journals, encrypted with the drafts' key; without that key (or without
        the data folder) none is kept: jobs still run, but cannot be resumed after a crash."""
        key = self._drafts_key
        if key is None or FolderRole.DATA in self.unusable_folders:
            _log.info("No job journal this session: jobs cannot be resumed after a crash")
            return None
        folder = self.paths.data / "jobs" / ("demo" if profile.demo else profile.id)
        return JobJournal(folder, FernetCodec(key))

    async def offer_memory_only(self, error: CredentialError) -> bool:
        """The no-keyring dialog: True when the agent keeps tokens in memory this session."""
        while True:
            dialog = NoKeyringDialog.for_error(error, self.window)
            await run_dialog(dialog)
            choice = dialog.choice()
            if choice is NoKeyringChoice.MEMORY_ONLY:
                self.session.credentials.use_memory_only()
                return True
            if choice is NoKeyringChoice.CANCEL:
                return False
            status = await self.session.credentials.status(probe=True)
            if status.usable:
                return True

    async def on_unauthorized(self, rejected: ApiAuth) -> bool:
        """The client's hook for a 401 mid-work: ask for a new token, keep every open edit,
        and let the client send the request again. Concurrent 401s share one prompt."""
        async with self._reauth_lock:
            if self.client is None or self.connection is None:
                return False
            if self.client.auth is not rejected:
                return True  # another request's prompt already brought a new token
            profile = self.connection.profile
            self.session.token_rejected(profile)
            connection = await self.sign_in(
                profile,
                reason=translate(
                    "Console",
                    "The server rejected the token (401). Paste a new one to go on; your "
                    "open orders and unsaved edits are kept.",
                ),
                parent=self.window,
            )
            if connection is None or self.client is None:
                return False
            self.connection = connection
            register_token(connection.profile, connection.token)
            self.client.set_auth(auth_for(connection.profile, connection.token))
            return True

    async def on_jobs_unauthorized(self, rejected: ApiAuth) -> bool:
        """A 401 on the jobs' client: the same sign-in as the window's, one token for both."""
        if self.client is None or self.jobs_client is None:
            return False
        if self.client.auth is rejected and not await self.on_unauthorized(rejected):
            return False
        self.jobs_client.set_auth(self.client.auth)
        return True

    def export_orders(self, query: OrderQuery) -> AsyncIterator[Order]:
        if self.client is None:
            raise RuntimeError("not connected")
        return self.client.iter_orders(
            accounts=query.accounts,
            order_number=query.order_number,
            external_reference=query.external_reference,
            ordering=query.ordering,
            descending=query.descending,
            page_size=EXPORT_PAGE_SIZE,
        )

    def _restrict(self, dialog: ProfileDialog) -> None:
        if not self.policy.allow_custom_urls:
            dialog.restrict_regions(
                (Region.EU, Region.US, Region.GLOBAL),
                translate("Console", "Your organisation allows only parcelLab's own addresses."),
            )

    def _tell(self, title: str, message: str) -> None:
        """A message that needs no answer (never exec(): the loop keeps running)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Without a window nothing owns the box: keep it alive until the agent closes it.
        self._messages.add(box)
        box.finished.connect(lambda _result: self._messages.discard(box))
        box.open()

    # --- order links (parcellab-desk://order/<account>/<order>) ------------------------------

    def receive_link(self, text: str | None) -> asyncio.Task[Order | None] | None:
        """A link from the command line or a later launch (None: a plain second start).

        The window comes to the front; the order opens once a window is there, in the
        profile whose accounts include it. Anything but an order link is refused."""
        if self.window is not None:
            self.window.bring_to_front()
        if text is None:
            return None
        try:
            link = parse_link(text)
        except InvalidLinkError as exc:
            _log.warning("Refused a link: %s", exc)
            self._tell_about_link(
                translate("Console", "This link cannot be opened: {reason}").format(reason=exc)
            )
            return None
        _log.info("Order link for account %s received", link.account)
        self._pending_link, self._pending_for = link, None
        if self.window is not None and self.runner.can_start:
            return self.runner.start("order-link", self.open_pending_link())
        return None  # opened once a window is there

    async def open_pending_link(self) -> Order | None:
        """Open the waiting link's order, switching profile (or asking which) when needed."""
        link, target = self._pending_link, self._pending_for
        self._pending_link = self._pending_for = None
        window, client, connection = self.window, self.client, self.connection
        if link is None or window is None or client is None or connection is None:
            return None
        current = connection.profile
        if target is not None and target != current.id:
            return None  # the switch it waited for did not happen
        choice = profile_for_link(current, self.usable_profiles(), link.account)
        if isinstance(choice, list):
            choice = await self._choose_profile(choice, link)
        if choice is None:
            return None
        if choice.id != current.id:
            self._pending_link, self._pending_for = link, choice.id
            window.request_switch(choice.id)
            return None
        try:
            order = await find_linked_order(client, link)
        except ParcelLabError as exc:
            self._tell_about_link(describe_error(exc))
            return None
        if self.window is window:
            window.open_order(order)
            window.bring_to_front()
            _log.info("Opened order %s of account %s from a link", order.external_id, link.account)
        return order

    async def _choose_profile(self, profiles: list[Profile], link: OrderLink) -> Profile | None:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(translate("Console", "Open order link"))
        dialog.setLabelText(
            translate(
                "Console",
                "Several profiles include account {account}. Open order {order} in which one?",
            ).format(account=link.account, order=link.order_id)
        )
        dialog.setComboBoxItems([p.name for p in profiles])
        dialog.setComboBoxEditable(False)
        await run_dialog(dialog)
        if dialog.result() != QInputDialog.DialogCode.Accepted:
            return None
        return next((p for p in profiles if p.name == dialog.textValue()), None)

    def _tell_about_link(self, message: str) -> None:
        self._tell(translate("Console", "Order link"), message)

    # --- the window -----------------------------------------------------------------------

    async def lookup(self, text: str) -> Order:
        if self.client is None:
            raise RuntimeError("not connected")
        return await self.client.get_order(text)

    def open_window(self, connection: Connection, drafts: DraftStore | None = None) -> MainWindow:
        self._freeze_start_up()
        profile = connection.profile
        register_token(profile, connection.token)  # the demo's token too
        self.connection = connection
        self.client = client_for(profile, connection.token)
        self.client.on_unauthorized = self.on_unauthorized
        self.jobs_client = ParcelLabClient(
            profile.base_url,
            self.client.auth,
            retry=JOB_RETRY,
            on_unauthorized=self.on_jobs_unauthorized,
        )
        model = OrderTableModel(
            # Fewer, larger pages: a long scroll costs fewer round trips (the server caps it).
            ClientPageSource(self.client, page_size=LIST_PAGE_SIZE),
            self.runner,
            OrderQuery(accounts=profile.default_accounts),
            describe_error=describe_error,
        )
        profile_key = "demo" if profile.demo else profile.id
        recent = RecentOrders(self.paths.data / "recent", profile_key)

        def accounts() -> tuple[int, ...]:
            """Where the lookups that need an account look: the profile's (or the demo's)
            accounts, else those of the orders loaded so far."""
            return self._accounts_of(profile) or tuple(
                sorted({a for _, a, _ in model.known_orders() if a is not None})
            )

        order_info = OrderInfoService(self.client, lang=QLocale().name().split("_")[0])
        search = OrderLookupService(self.client, order_info, accounts=accounts)
        window = MainWindow(
            model=model,
            runner=self.runner,
            lookup=self.lookup,
            editing=OrderEditingService(self.client),
            drafts=drafts,
            profile_name=profile.name,
            host_label=profile.host_label,
            base_url=profile.base_url,
            profile_key=profile_key,
            accounts=self._accounts_of(profile),
            demo=profile.demo,
            theme=self.theme,
            log_file=self.log_file,
            profile=profile,
            search=search.search,
            parcels=order_info,
            recent=recent,
        )
        model.setParent(window)
        window.set_policy(
            self.policy.managed,
            can_add_profile=self.policy.allow_own_profiles,
            can_edit_profile=not self.policy.is_managed(profile),
        )
        self.bulk = BulkWork(
            window,
            runner=self.runner,
            client=self.jobs_client,
            journal=self._job_journal(profile),
            export_source=self.export_orders,
        )
        window.set_profiles([(p.id, p.name) for p in self.usable_profiles()], current=profile.id)
        self.window = window
        return window

    def _accounts_of(self, profile: Profile) -> tuple[int, ...]:
        """The accounts a new order may belong to: the profile's, or the demo's."""
        if profile.demo and self.sandbox is not None:
            return tuple(self.sandbox.accounts)
        return tuple(profile.default_accounts)

    async def work_in(self, connection: Connection) -> WindowOutcome:
        """Show the window for ``connection`` until the agent quits or switches."""
        drafts = await self.drafts_for(connection.profile)
        window = self.open_window(connection, drafts)
        done: asyncio.Future[WindowOutcome] = asyncio.get_running_loop().create_future()

        def finish(outcome: WindowOutcome) -> None:
            if not done.done():
                done.set_result(outcome)
            window.close_without_asking()  # the window asked about unsaved edits already

        window.closed.connect(lambda: finish(WindowOutcome(Outcome.QUIT)))
        window.switch_profile_requested.connect(
            lambda pid: finish(WindowOutcome(Outcome.SWITCH, pid))
        )
        window.new_profile_requested.connect(lambda: self._start_profile_form(window, None, finish))
        window.edit_profile_requested.connect(
            lambda: self._start_profile_form(window, connection.profile, finish)
        )
        window.sign_out_requested.connect(lambda: finish(WindowOutcome(Outcome.SIGNED_OUT)))
        window.show()
        window.restore_drafts()
        self._flush_notices_soon()  # what start-up and the drafts found, in one dialog
        if self.bulk is not None:
            self.bulk.offer_resume()
        if self._pending_link is not None and self.runner.can_start:
            self.runner.start("order-link", self.open_pending_link())
        try:
            outcome = await done
        finally:
            await self.close_window()
        if self._pending_for is not None and outcome != WindowOutcome(
            Outcome.SWITCH, self._pending_for
        ):
            self._pending_link = self._pending_for = None  # that switch did not happen
        if outcome.kind is Outcome.SIGNED_OUT and not connection.profile.demo:
            await self.session.sign_out(connection.profile)
        return outcome

    def _freeze_start_up(self) -> None:
        """Once, before the first main window: what start-up built (modules, classes, the Qt
        application: ~60,000 objects) lives as long as the process, and keeping it out of the
        garbage collector's full passes spares the agent a 20-50 ms pause deep into a long
        scroll. A window (~3,000 objects) is left out, and so is every later start: the cycles
        of a window closed by a profile switch must stay collectable."""
        if not self._start_up_frozen:
            self._start_up_frozen = True
            gc.freeze()

    def _start_profile_form(
        self,
        window: MainWindow,
        profile: Profile | None,
        finish: Callable[[WindowOutcome], None],
    ) -> None:
        self.profile_form_task = self.runner.start(
            ("profile-form", id(window)), self._profile_form(window, profile, finish)
        )

    async def _profile_form(
        self,
        window: MainWindow,
        profile: Profile | None,
        finish: Callable[[WindowOutcome], None],
    ) -> None:
        """The profile form over the running window (``profile`` None: a new one). The
        open orders, their edits and the table stay until the agent really switches: Cancel
        changes nothing, and a saved profile asks about unsaved edits before the switch."""
        if profile is None:
            following = await self.new_profile(parent=window)
        else:
            following = await self.edit_profile(profile, parent=window)
        if following is None:
            return
        current = self.connection.profile.id if self.connection is not None else None
        window.set_profiles([(p.id, p.name) for p in self.usable_profiles()], current=current)
        if await window.confirm_close():
            finish(WindowOutcome(Outcome.CONNECT, connection=following))

    async def close_window(self) -> None:
        self.runner.cancel_all()
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self.bulk = None
        if self.jobs_client is not None:
            await self.jobs_client.aclose()
            self.jobs_client = None
        if self.client is not None:
            await self.client.aclose()
            self.client = None

    def _on_task_failed(self, key: object, error: BaseException) -> None:
        if isinstance(error, ParcelLabError):
            _log.warning("Task %r failed: %s", key, describe_error(error))
        elif self.on_crash is not None:
            self.on_crash(f"task {key!r}", error)  # a bug: the one crash path
        else:
            _log.error("Task %r failed", key, exc_info=error)

    async def aclose(self) -> None:
        if self.early_sandbox is not None:
            self.early_sandbox.discard()
            self.early_sandbox = None
        await self.close_window()
        await self.runner.aclose()
        if self.sandbox is not None:
            await asyncio.to_thread(self.sandbox.stop)
            self.sandbox = None
