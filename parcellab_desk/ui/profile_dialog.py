"""The connection profile form: where to connect, how to sign in, and the token.

The dialog only collects and checks input. The caller saves the profile and stores the token
(keyring or memory, see ``remember_token``); "Test connection" awaits the injected tester.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from parcellab_desk.services.profiles import (
    AuthScheme,
    InvalidAccountListError,
    InvalidBaseUrlError,
    Profile,
    Region,
    format_account_ids,
    normalize_base_url,
    parse_account_ids,
)
from parcellab_desk.services.secret import Secret
from parcellab_desk.ui.accessibility import name_fields_from_labels
from parcellab_desk.ui.credential_widgets import (
    ConnectionCheck,
    ConnectionTester,
    TokenField,
)
from parcellab_desk.ui.theme import set_role

_REGION_ORDER = (Region.EU, Region.US, Region.GLOBAL, Region.SANDBOX, Region.CUSTOM)


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    set_role(label, "muted")
    return label


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_role(label, "danger")
    label.setVisible(False)
    return label


class ProfileDialog(QDialog):
    """Creates a profile (``profile=None``) or edits one (its id is kept).

    When editing, an empty token field means "keep the stored token": :meth:`token` is then
    empty and the caller leaves the keyring alone.
    """

    def __init__(
        self,
        profile: Profile | None = None,
        *,
        tester: ConnectionTester | None = None,
        keyring_usable: bool = True,
        keyring_message: str = "",  # why not, when keyring_usable is False (status.reason)
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._original = profile
        self._keyring_usable = keyring_usable
        editing = profile is not None
        self.setWindowTitle(
            self.tr("Edit connection profile") if editing else self.tr("Connect to parcelLab")
        )

        intro = QLabel(
            self.tr(
                "A profile says where the console connects and how it signs in. The token goes "
                "to the system keyring, never into a file."
            ),
            self,
        )
        intro.setWordWrap(True)

        # --- where ---
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("e.g. EU production"))
        self.name_edit.setMaxLength(80)
        self.name_error = _error_label(self)

        self.region_combo = QComboBox(self)
        for region in _REGION_ORDER:
            self.region_combo.addItem(region.label, region)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText(self.tr("https://…"))
        self.url_error = _error_label(self)

        # --- how ---
        self.scheme_combo = QComboBox(self)
        for scheme in AuthScheme:
            self.scheme_combo.addItem(scheme.label, scheme)
        self.account_edit = QLineEdit(self)
        self.account_edit.setPlaceholderText(self.tr("e.g. 1042"))
        self.account_error = _error_label(self)
        self.accounts_edit = QLineEdit(self)
        self.accounts_edit.setPlaceholderText(self.tr("All accounts the token can see"))
        self.accounts_error = _error_label(self)

        self.token_field = TokenField(self)
        if editing:
            self.token_field.edit.setPlaceholderText(self.tr("Leave empty to keep the saved token"))

        self.remember_radio = QRadioButton(
            self.tr("Remember the token in the system keyring"), self
        )
        self.memory_radio = QRadioButton(
            self.tr("Keep it in memory for this session only (asked again at the next start)"), self
        )
        self._storage_group = QButtonGroup(self)
        self._storage_group.addButton(self.remember_radio)
        self._storage_group.addButton(self.memory_radio)
        remember = keyring_usable and (profile.remember_token if profile else True)
        (self.remember_radio if remember else self.memory_radio).setChecked(True)
        self.remember_radio.setEnabled(keyring_usable)
        self.keyring_note = _hint(keyring_message, self)
        self.keyring_note.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_note.setVisible(not keyring_usable and bool(keyring_message))

        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.setAutoDefault(False)
        self.test_button.setEnabled(tester is not None)
        if tester is None:
            self.test_button.setToolTip(self.tr("Checking the connection is not available here."))
        self.check = ConnectionCheck(tester, self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(form, self.tr("&Name:"), self.name_edit, self.name_error)
        self._add_row(form, self.tr("&Region:"), self.region_combo)
        self._add_row(form, self.tr("Base &URL:"), self.url_edit, self.url_error)
        form.addRow(_separator(self))
        self._add_row(form, self.tr("&Authentication:"), self.scheme_combo)
        self._account_row_label = self._add_row(
            form, self.tr("Account &id:"), self.account_edit, self.account_error
        )
        self._add_row(
            form,
            self.tr("&Default accounts:"),
            self.accounts_edit,
            self.accounts_error,
            _hint(self.tr("Account ids the order list starts with, e.g. 1042, 1043."), self),
        )
        form.addRow(_separator(self))
        self._add_row(form, self.tr("&Token:"), self.token_field)
        storage = QVBoxLayout()
        storage.setSpacing(2)
        storage.addWidget(self.remember_radio)
        storage.addWidget(self.memory_radio)
        storage.addWidget(self.keyring_note)
        form.addRow(self.tr("Token storage:"), storage)

        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.check, 1)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.setDefault(True)

        layout = QVBoxLayout(self)
        # The dialog grows with its content (a row or an error shown later) instead of cutting it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        name_fields_from_labels(self)
        # A preset's URL is fixed: make read-only fields look it, not only behave it.

        self._fill(profile)
        self.region_combo.currentIndexChanged.connect(self._on_region_changed)
        self.scheme_combo.currentIndexChanged.connect(self._on_form_changed)
        for edit in (self.name_edit, self.url_edit, self.account_edit, self.accounts_edit):
            edit.textEdited.connect(self._on_form_changed)
        self.token_field.text_changed.connect(self._on_form_changed)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.check.busy_changed.connect(self._update_enabled)
        self._on_form_changed()
        self.name_edit.setFocus()

    # --- results, valid after accept ---

    def profile(self) -> Profile:
        """The profile as entered. Only call when :meth:`problems` is empty (after Save)."""
        result = self._build()
        if isinstance(result, dict):
            raise ValueError("; ".join(result.values()))
        return result

    def token(self) -> Secret:
        return self.token_field.token()

    def remember_token(self) -> bool:
        return self._keyring_usable and self.remember_radio.isChecked()

    def problems(self) -> dict[str, str]:
        """What keeps the form from being saved, by field name (empty when it can be)."""
        result = self._build()
        problems = result if isinstance(result, dict) else {}
        if self._original is None and not self.token():
            problems["token"] = self.tr("Paste the API token.")
        return problems

    def done(self, result: int) -> None:
        self.check.cancel()
        super().done(result)

    # --- internals ---

    def _add_row(self, form: QFormLayout, text: str, field: QWidget, *below: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field.focusProxy() or field)
        if below:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(field)
            for widget in below:
                box.addWidget(widget)
            form.addRow(label, box)
        else:
            form.addRow(label, field)
        return label

    def _fill(self, profile: Profile | None) -> None:
        region = profile.region if profile else Region.EU
        self.region_combo.setCurrentIndex(_REGION_ORDER.index(region))
        self.url_edit.setText(profile.base_url if profile else (region.base_url or ""))
        if profile is None:
            return
        self.name_edit.setText(profile.name)
        self.scheme_combo.setCurrentIndex(list(AuthScheme).index(profile.auth_scheme))
        if profile.account_id is not None:
            self.account_edit.setText(str(profile.account_id))
        self.accounts_edit.setText(format_account_ids(profile.default_accounts))

    def restrict_regions(self, allowed: Collection[Region], note: str) -> None:
        """Offer only ``allowed`` regions (a machine policy forbids the others)."""
        for index in reversed(range(self.region_combo.count())):
            if Region(self.region_combo.itemData(index)) not in allowed:
                self.region_combo.removeItem(index)
        self.region_combo.setToolTip(note)
        self.managed_note = _hint(note, self)
        self.managed_note.setObjectName("managedNote")
        form = self.findChild(QFormLayout)
        if form is None:
            return
        # PySide6 types the (row, role) pair as a plain object
        position = cast(tuple[int, QFormLayout.ItemRole], form.getWidgetPosition(self.region_combo))
        if position[0] >= 0:
            form.insertRow(position[0] + 1, "", self.managed_note)

    def _region(self) -> Region:
        return Region(self.region_combo.currentData())

    def _scheme(self) -> AuthScheme:
        return AuthScheme(self.scheme_combo.currentData())

    def _build(self) -> Profile | dict[str, str]:
        problems: dict[str, str] = {}
        name = self.name_edit.text().strip()
        if not name:
            problems["name"] = self.tr("Give the profile a name, e.g. EU production.")
        base_url = ""
        try:
            base_url = normalize_base_url(self.url_edit.text())
        except InvalidBaseUrlError as exc:
            problems["base_url"] = str(exc)
        account_id: int | None = None
        scheme = self._scheme()
        if scheme.needs_account_id:
            text = self.account_edit.text().strip()
            if not text:
                problems["account_id"] = self.tr("This sign-in method needs the account id.")
            elif not text.isdigit() or int(text) <= 0:
                problems["account_id"] = self.tr("The account id is a number, e.g. 1042.")
            else:
                account_id = int(text)
        accounts: tuple[int, ...] = ()
        try:
            accounts = parse_account_ids(self.accounts_edit.text())
        except InvalidAccountListError as exc:
            problems["default_accounts"] = str(exc)
        if problems:
            return problems
        fields = {
            "name": name,
            "base_url": base_url,
            "auth_scheme": scheme,
            "account_id": account_id,
            "default_accounts": accounts,
            "demo": self._region() is Region.SANDBOX,
            "remember_token": self.remember_token(),
        }
        if self._original is not None:
            return self._original.model_copy(update=fields)
        return Profile(**fields)

    def _on_region_changed(self) -> None:
        preset = self._region().base_url
        if preset is not None:
            self.url_edit.setText(preset)
        # Custom keeps the URL that was there: usually a good start for a staging host.
        self._on_form_changed()
        if self._region() is Region.CUSTOM:
            self.url_edit.setFocus()
            self.url_edit.selectAll()

    def _on_form_changed(self) -> None:
        region = self._region()
        # Presets fix the URL; the sandbox's port and custom hosts are typed.
        self.url_edit.setReadOnly(region not in (Region.CUSTOM, Region.SANDBOX))
        needs_account = self._scheme().needs_account_id
        for widget in (self._account_row_label, self.account_edit):
            widget.setVisible(needs_account)
        problems = self.problems()
        self._show_problem(self.name_error, self.name_edit, problems.get("name"))
        self._show_problem(self.url_error, self.url_edit, problems.get("base_url"))
        self._show_problem(
            self.account_error,
            self.account_edit,
            problems.get("account_id") if needs_account else None,
        )
        self._show_problem(
            self.accounts_error, self.accounts_edit, problems.get("default_accounts")
        )
        if not self.check.busy:
            self.check.reset()  # an old outcome no longer describes this form
        self._update_enabled()

    def _show_problem(self, label: QLabel, field: QLineEdit, problem: str | None) -> None:
        # An empty field that was never touched is not an error yet: Save is just disabled.
        shown = problem if problem and (field.isModified() or field.text()) else None
        label.setText(shown or "")
        label.setVisible(shown is not None)

    def _update_enabled(self) -> None:
        busy = self.check.busy
        can_save = not self.problems()
        self.save_button.setEnabled(can_save and not busy)
        self.test_button.setEnabled(self.check.available and not busy)
        self.test_button.setText(self.tr("Testing…") if busy else self.tr("&Test connection"))

    def _on_test_clicked(self) -> None:
        result = self._build()
        if isinstance(result, dict):
            self.check.show_problem(
                self.tr("✗ Complete the form first: {problem}").format(
                    problem=next(iter(result.values()))
                )
            )
            return
        token = self.token()
        if not token:
            self.check.show_problem(self.tr("✗ Paste the token to test the connection."))
            return
        self.check.start(result, token)

    def _on_save_clicked(self) -> None:
        if not self.problems():
            self.accept()


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
