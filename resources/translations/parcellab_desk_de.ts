<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name>Banner</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Send the same changes again</source>
        <translation>Dieselben Änderungen erneut senden</translation>
    </message>
    <message>
        <source>✕</source>
        <translation>✕</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
</context>
<context>
    <name>BulkCancelOrdersDialog</name>
    <message>
        <source>Every selected order is cancelled already.</source>
        <translation>Alle ausgewählten Bestellungen sind bereits storniert.</translation>
    </message>
    <message>
        <source>Cancel {who}? Choose a reason below.</source>
        <translation>{who} stornieren? Wählen Sie unten einen Grund.</translation>
    </message>
    <message>
        <source>Cancel {who} with reason {reason}?</source>
        <translation>{who} mit dem Grund „{reason}“ stornieren?</translation>
    </message>
    <message>
        <source>{n} already cancelled will be skipped: {names}.</source>
        <translation>{n} bereits stornierte werden übersprungen: {names}.</translation>
    </message>
    <message>
        <source>Their customers get no further parcel updates.</source>
        <translation>Die betroffenen Kundinnen und Kunden erhalten keine weiteren Versand-Updates.</translation>
    </message>
</context>
<context>
    <name>BulkCancelTrackingsDialog</name>
    <message>
        <source>{courier} ({n} orders)</source>
        <translation>{courier} ({n} Bestellungen)</translation>
    </message>
    <message>
        <source>Courier:</source>
        <translation>Versanddienstleister:</translation>
    </message>
    <message>
        <source>None of the selected orders has a tracking.</source>
        <translation>Keine der ausgewählten Bestellungen hat eine Sendung.</translation>
    </message>
    <message>
        <source>Cancel the {courier} trackings of {who}? Choose a reason.</source>
        <translation>Die {courier}-Sendungen von {who} stornieren? Wählen Sie einen Grund.</translation>
    </message>
    <message>
        <source>Cancel the {courier} trackings of {who} with reason {reason}?</source>
        <translation>Die {courier}-Sendungen von {who} mit dem Grund „{reason}“ stornieren?</translation>
    </message>
    <message>
        <source>{n} will be skipped (no open {courier} tracking): {names}.</source>
        <translation>{n} werden übersprungen (keine offene {courier}-Sendung): {names}.</translation>
    </message>
</context>
<context>
    <name>BulkTagsDialog</name>
    <message>
        <source>Add tags</source>
        <translation>Tags hinzufügen</translation>
    </message>
    <message>
        <source>Remove tags</source>
        <translation>Tags entfernen</translation>
    </message>
    <message>
        <source>Add tags to 1 order</source>
        <translation>Tags zu 1 Bestellung hinzufügen</translation>
    </message>
    <message>
        <source>Add tags to {n} orders</source>
        <translation>Tags zu {n} Bestellungen hinzufügen</translation>
    </message>
    <message>
        <source>Remove tags from 1 order</source>
        <translation>Tags von 1 Bestellung entfernen</translation>
    </message>
    <message>
        <source>Remove tags from {n} orders</source>
        <translation>Tags von {n} Bestellungen entfernen</translation>
    </message>
    <message>
        <source>Several tags: separate them with commas. Tags are usually key:value.</source>
        <translation>Mehrere Tags trennen Sie durch Kommas. Tags haben meist die Form Schlüssel:Wert.</translation>
    </message>
    <message>
        <source>e.g. priority:vip, escalation:4711</source>
        <translation>z. B. priority:vip, escalation:4711</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>the tags you type</source>
        <translation>die eingegebenen Tags</translation>
    </message>
    <message>
        <source>Add {tags} to {who}?</source>
        <translation>{tags} zu {who} hinzufügen?</translation>
    </message>
    <message>
        <source>{n} already have them and will be skipped: {names}.</source>
        <translation>{n} haben sie bereits und werden übersprungen: {names}.</translation>
    </message>
    <message>
        <source>Remove {tags} from {who}?</source>
        <translation>{tags} von {who} entfernen?</translation>
    </message>
    <message>
        <source>{n} do not have them and will be skipped: {names}.</source>
        <translation>{n} haben sie nicht und werden übersprungen: {names}.</translation>
    </message>
</context>
<context>
    <name>BulkWork</name>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Add trackings or update orders from a CSV sheet</source>
        <translation>Sendungen hinzufügen oder Bestellungen aktualisieren – aus einer CSV-Tabelle</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>Ansicht e&amp;xportieren …</translation>
    </message>
    <message>
        <source>&amp;Selected orders</source>
        <translation>&amp;Ausgewählte Bestellungen</translation>
    </message>
    <message>
        <source>&amp;Add tags…</source>
        <translation>Tags &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Remove tags…</source>
        <translation>Tags &amp;entfernen …</translation>
    </message>
    <message>
        <source>&amp;Cancel orders…</source>
        <translation>Bestellungen s&amp;tornieren …</translation>
    </message>
    <message>
        <source>Cancel &amp;trackings by courier…</source>
        <translation>Sendungen nach &amp;Versanddienstleister stornieren …</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Aufträge</translation>
    </message>
    <message>
        <source>{n} selected</source>
        <translation>{n} ausgewählt</translation>
    </message>
    <message>
        <source>Add {tags} to {who}</source>
        <translation>{tags} zu {who} hinzufügen</translation>
    </message>
    <message>
        <source>Remove {tags} from {who}</source>
        <translation>{tags} von {who} entfernen</translation>
    </message>
    <message>
        <source>Cancel {who} ({reason})</source>
        <translation>{who} stornieren ({reason})</translation>
    </message>
    <message>
        <source>Cancel {courier} trackings of {who} ({reason})</source>
        <translation>{courier}-Sendungen von {who} stornieren ({reason})</translation>
    </message>
    <message>
        <source>sheet</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Import {rows} rows from {name}</source>
        <translation>{rows} Zeilen aus {name} importieren</translation>
    </message>
    <message>
        <source>orders of accounts {accounts}</source>
        <translation>Bestellungen der Accounts {accounts}</translation>
    </message>
    <message>
        <source>orders of every account</source>
        <translation>Bestellungen aller Accounts</translation>
    </message>
    <message>
        <source>Resume interrupted jobs?</source>
        <translation>Unterbrochene Aufträge fortsetzen?</translation>
    </message>
    <message>
        <source>{jobs} from the last session did not finish ({left} rows left).</source>
        <translation>{jobs} aus der letzten Sitzung wurden nicht abgeschlossen ({left} Zeilen offen).</translation>
    </message>
    <message>
        <source>1 job</source>
        <translation>1 Auftrag</translation>
    </message>
    <message>
        <source>{n} jobs</source>
        <translation>{n} Aufträge</translation>
    </message>
    <message>
        <source>Resuming looks up each order first, so a row that was being sent when the console stopped is not sent twice. They stay in the Jobs panel either way.</source>
        <translation>Beim Fortsetzen wird jede Bestellung zuerst nachgeschlagen, damit eine Zeile, die beim Beenden der Konsole gerade gesendet wurde, nicht doppelt gesendet wird. Die Aufträge bleiben in jedem Fall im Bereich „Aufträge“.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>The customer asked for it</source>
        <translation>Auf Wunsch der Kundin oder des Kunden</translation>
    </message>
    <message>
        <source>Out of stock, or could not be fulfilled</source>
        <translation>Nicht vorrätig oder nicht lieferbar</translation>
    </message>
    <message>
        <source>Payment failed or was withdrawn</source>
        <translation>Zahlung fehlgeschlagen oder widerrufen</translation>
    </message>
    <message>
        <source>Any other reason</source>
        <translation>Ein anderer Grund</translation>
    </message>
    <message>
        <source>Cancelled at</source>
        <translation>Storniert am</translation>
    </message>
    <message>
        <source>Your time zone; the time is sent with this UTC offset</source>
        <translation>Ihre Zeitzone; der Zeitpunkt wird mit dieser UTC-Abweichung übermittelt</translation>
    </message>
    <message>
        <source>Choose a reason to continue.</source>
        <translation>Wählen Sie einen Grund, um fortzufahren.</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Zeitpunkt:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>no reason recorded</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>{what} was cancelled (date not recorded). Reason: {reason}. It cannot be cancelled again.</source>
        <translation>{what} wurde bereits storniert (Datum unbekannt). Grund: {reason}. Eine erneute Stornierung ist nicht möglich.</translation>
    </message>
    <message>
        <source>{what} was cancelled on {when}. Reason: {reason}. It cannot be cancelled again.</source>
        <translation>{what} wurde am {when} storniert. Grund: {reason}. Eine erneute Stornierung ist nicht möglich.</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(ohne Nummer)</translation>
    </message>
    <message>
        <source>Order {number} is already cancelled</source>
        <translation>Bestellung {number} ist bereits storniert</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Bestellung {number}</translation>
    </message>
    <message>
        <source>Cancel order {number}?</source>
        <translation>Bestellung {number} stornieren?</translation>
    </message>
    <message>
        <source>This sets the order to Cancelled and stops parcel notifications. The customer gets no further updates. It cannot be undone here.</source>
        <translation>Die Bestellung erhält den Status „Storniert“, und es werden keine Versandbenachrichtigungen mehr verschickt. Die Kundin oder der Kunde erhält keine weiteren Updates. Das lässt sich hier nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>This sets the order to Cancelled and stops parcel notifications for its 1 parcel. The customer gets no further updates. It cannot be undone here.</source>
        <translation>Die Bestellung erhält den Status „Storniert“, und für ihr Paket werden keine Versandbenachrichtigungen mehr verschickt. Die Kundin oder der Kunde erhält keine weiteren Updates. Das lässt sich hier nicht rückgängig machen.</translation>
    </message>
    <message numerus="yes">
        <source>This sets the order to Cancelled and stops parcel notifications for its %n parcels. The customer gets no further updates. It cannot be undone here.</source>
        <translation>
            <numerusform>Die Bestellung erhält den Status „Storniert“, und für ihr %n Paket werden keine Versandbenachrichtigungen mehr verschickt. Die Kundin oder der Kunde erhält keine weiteren Updates. Das lässt sich hier nicht rückgängig machen.</numerusform>
            <numerusform>Die Bestellung erhält den Status „Storniert“, und für ihre %n Pakete werden keine Versandbenachrichtigungen mehr verschickt. Die Kundin oder der Kunde erhält keine weiteren Updates. Das lässt sich hier nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel order {number}</source>
        <translation>Bestellung {number} stornieren</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Bestellung stornieren</translation>
    </message>
    <message>
        <source>Keep order</source>
        <translation>Bestellung behalten</translation>
    </message>
    <message>
        <source>Tracking {number} is already cancelled</source>
        <translation>Sendung {number} ist bereits storniert</translation>
    </message>
    <message>
        <source>The {courier} tracking {number}</source>
        <translation>Die Sendung {number} ({courier})</translation>
    </message>
    <message>
        <source>Cancel tracking {number}?</source>
        <translation>Sendung {number} stornieren?</translation>
    </message>
    <message>
        <source>This marks the {courier} tracking {number} of order {order} as Cancelled and stops notifications for this parcel. The order and its other parcels stay as they are. It cannot be undone here.</source>
        <translation>Die Sendung {number} ({courier}) der Bestellung {order} wird als storniert markiert, und für dieses Paket werden keine Benachrichtigungen mehr verschickt. Die Bestellung und ihre übrigen Pakete bleiben unverändert. Das lässt sich hier nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Cancel tracking {number}</source>
        <translation>Sendung {number} stornieren</translation>
    </message>
    <message>
        <source>Cancel tracking</source>
        <translation>Sendung stornieren</translation>
    </message>
    <message>
        <source>Keep tracking</source>
        <translation>Sendung behalten</translation>
    </message>
</context>
<context>
    <name>CancelFlow</name>
    <message>
        <source>Order cancelled.</source>
        <translation>Bestellung storniert.</translation>
    </message>
    <message>
        <source>Tracking {number} cancelled.</source>
        <translation>Sendung {number} storniert.</translation>
    </message>
</context>
<context>
    <name>CancelReason</name>
    <message>
        <source>Customer</source>
        <translation>Kundenwunsch</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Payment-related</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Changed on parcelLab meanwhile</source>
        <translation>Inzwischen bei parcelLab geändert</translation>
    </message>
    <message>
        <source>Someone else changed order {number} while you were editing it.</source>
        <translation>Jemand anderes hat die Bestellung {number} geändert, während Sie sie bearbeitet haben.</translation>
    </message>
    <message>
        <source>Someone else changed this order while you were editing it.</source>
        <translation>Jemand anderes hat diese Bestellung geändert, während Sie sie bearbeitet haben.</translation>
    </message>
    <message>
        <source>For each field below, keep your value or take the one on parcelLab now. Nothing is sent until you choose.</source>
        <translation>Behalten Sie für jedes Feld unten Ihren Wert oder übernehmen Sie den aktuellen Wert bei parcelLab. Es wird nichts gesendet, bevor Sie entschieden haben.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>When you opened it</source>
        <translation>Beim Öffnen</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Ihr Wert</translation>
    </message>
    <message>
        <source>On parcelLab now</source>
        <translation>Jetzt bei parcelLab</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Also changed on parcelLab and taken in (you had not touched them): {fields}.</source>
        <translation>Ebenfalls bei parcelLab geändert und übernommen (Sie hatten sie nicht angefasst): {fields}.</translation>
    </message>
    <message>
        <source>Save with these choices</source>
        <translation>Mit dieser Auswahl speichern</translation>
    </message>
    <message>
        <source>Send nothing now; your changes are kept</source>
        <translation>Jetzt nichts senden; Ihre Änderungen bleiben erhalten</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meinen behalten</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Deren übernehmen</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Tracking {number}: {field}</source>
        <translation>Sendung {number}: {field}</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Connection check</source>
        <translation>Verbindungsprüfung</translation>
    </message>
    <message>
        <source>Checking the connection is not available here.</source>
        <translation>Die Verbindung kann hier nicht geprüft werden.</translation>
    </message>
    <message>
        <source>Checking the connection to {host}…</source>
        <translation>Verbindung zu {host} wird geprüft …</translation>
    </message>
    <message>
        <source>The check stopped with an unexpected error ({kind}).</source>
        <translation>Die Prüfung wurde durch einen unerwarteten Fehler abgebrochen ({kind}).</translation>
    </message>
    <message>
        <source>✓ Connected: the server accepted the token.</source>
        <translation>✓ Verbunden: Der Server hat das Token akzeptiert.</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Demo sandbox stopped</source>
        <translation>Demo-Sandbox beendet</translation>
    </message>
    <message>
        <source>The demo sandbox stopped (exit code {code}), so demo orders can no longer be loaded or saved. Quit and start the console again to get it back; its orders are kept.</source>
        <translation>Die Demo-Sandbox wurde beendet (Exit-Code {code}), daher können keine Demo-Bestellungen mehr geladen oder gespeichert werden. Beenden Sie die Konsole und starten Sie sie erneut, um die Sandbox wieder zu starten; ihre Bestellungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Profile not available</source>
        <translation>Profil nicht verfügbar</translation>
    </message>
    <message>
        <source>“{profile}” cannot be used. {reason}</source>
        <translation>„{profile}“ kann nicht verwendet werden. {reason}</translation>
    </message>
    <message>
        <source>Sign in to “{profile}”.</source>
        <translation>Melden Sie sich bei „{profile}“ an.</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>Edit profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <source>This profile is set up by your organisation.</source>
        <translation>Dieses Profil wird von Ihrer Organisation eingerichtet.</translation>
    </message>
    <message>
        <source>you chose to keep secrets in memory only for this session</source>
        <translation>Sie haben gewählt, Geheimnisse in dieser Sitzung nur im Arbeitsspeicher zu halten</translation>
    </message>
    <message>
        <source>the drafts key in the keyring is not one this version reads</source>
        <translation>der Entwurfsschlüssel im Schlüsselbund ist keiner, den diese Version lesen kann</translation>
    </message>
    <message>
        <source>Unsaved edits are kept in memory only, not on disk ({reason}): save your orders before you quit. Drafts on disk from earlier sessions stay in {folder}.</source>
        <translation>Nicht gespeicherte Änderungen werden nur im Arbeitsspeicher gehalten, nicht auf dem Datenträger ({reason}): Speichern Sie Ihre Bestellungen vor dem Beenden. Entwürfe früherer Sitzungen bleiben in {folder}.</translation>
    </message>
    <message>
        <source>The server rejected the token (401). Paste a new one to go on; your open orders and unsaved edits are kept.</source>
        <translation>Der Server hat das Token abgelehnt (401). Fügen Sie ein neues ein, um weiterzuarbeiten – Ihre geöffneten Bestellungen und nicht gespeicherten Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Your organisation allows only parcelLab&apos;s own addresses.</source>
        <translation>Ihre Organisation erlaubt nur die eigenen Adressen von parcelLab.</translation>
    </message>
    <message>
        <source>This link cannot be opened: {reason}</source>
        <translation>Dieser Link kann nicht geöffnet werden: {reason}</translation>
    </message>
    <message>
        <source>Open order link</source>
        <translation>Bestell-Link öffnen</translation>
    </message>
    <message>
        <source>Several profiles include account {account}. Open order {order} in which one?</source>
        <translation>Mehrere Profile enthalten den Account {account}. In welchem soll die Bestellung {order} geöffnet werden?</translation>
    </message>
    <message>
        <source>Order link</source>
        <translation>Bestell-Link</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>You can keep the token in memory for this session only.</source>
        <translation>Sie können das Token nur für diese Sitzung im Arbeitsspeicher behalten.</translation>
    </message>
    <message>
        <source>No system keyring is available on this computer (on Linux: no Secret Service such as GNOME Keyring or KWallet is running in this session).</source>
        <translation>Auf diesem Computer steht kein Schlüsselbund zur Verfügung (unter Linux läuft in dieser Sitzung kein Secret Service wie GNOME Keyring oder KWallet).</translation>
    </message>
    <message>
        <source>The configured keyring cannot keep tokens safely.</source>
        <translation>Der eingerichtete Schlüsselbund kann Tokens nicht sicher aufbewahren.</translation>
    </message>
    <message>
        <source>The system keyring is locked, or its unlock prompt was dismissed. Unlock it and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt, oder die Abfrage zum Entsperren wurde geschlossen. Entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The system keyring refused access to the token.</source>
        <translation>Der Schlüsselbund hat den Zugriff auf das Token verweigert.</translation>
    </message>
    <message>
        <source>The system keyring reported an error.</source>
        <translation>Der Schlüsselbund hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>save</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <source>read</source>
        <translation>gelesen</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>Could not {action} the token: {text}</source>
        <translation>Das Token konnte nicht {action} werden: {text}</translation>
    </message>
    <message>
        <source>Tokens are kept in memory for this session only.</source>
        <translation>Tokens werden nur für diese Sitzung im Arbeitsspeicher behalten.</translation>
    </message>
    <message>
        <source>You chose to keep tokens in memory for this session only.</source>
        <translation>Sie haben festgelegt, Tokens nur für diese Sitzung im Arbeitsspeicher zu behalten.</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>The file is larger than {size} MB; split it into smaller sheets.</source>
        <translation>Die Datei ist größer als {size} MB; teilen Sie sie in kleinere Tabellen auf.</translation>
    </message>
    <message>
        <source>This is not a text sheet (CSV); save it from Excel as CSV first.</source>
        <translation>Das ist keine Texttabelle (CSV); speichern Sie sie zuerst aus Excel als CSV.</translation>
    </message>
    <message>
        <source>Unknown encoding {name}.</source>
        <translation>Unbekannte Kodierung {name}.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>The sheet cannot be read: {reason}.</source>
        <translation>Die Tabelle kann nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <source>The sheet has a header line but no rows below it.</source>
        <translation>Die Tabelle hat eine Kopfzeile, aber keine Zeilen darunter.</translation>
    </message>
    <message>
        <source>Name the order: an order number (with its account) or an external id.</source>
        <translation>Nennen Sie die Bestellung: eine Bestellnummer (mit ihrem Account) oder eine externe ID.</translation>
    </message>
    <message>
        <source>This tracking number is also on line {line} for another order.</source>
        <translation>Diese Sendungsnummer steht in Zeile {line} auch für eine andere Bestellung.</translation>
    </message>
    <message>
        <source>Nothing to change on this line.</source>
        <translation>In dieser Zeile gibt es nichts zu ändern.</translation>
    </message>
    <message>
        <source>{field} is required: this cell is empty.</source>
        <translation>{field} ist erforderlich: Diese Zelle ist leer.</translation>
    </message>
    <message>
        <source>{field} is required: map a column of the sheet to it.</source>
        <translation>{field} ist erforderlich: Ordnen Sie ihm eine Spalte der Tabelle zu.</translation>
    </message>
</context>
<context>
    <name>DamagedDemoDialog</name>
    <message>
        <source>The demo database cannot be read ({reason}).</source>
        <translation>Die Demo-Datenbank kann nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>Start from fresh demo data? The damaged file is kept beside it (renamed, nothing is deleted), as the --reset-demo option does.</source>
        <translation>Mit frischen Demodaten starten? Die beschädigte Datei bleibt daneben erhalten (umbenannt, nichts wird gelöscht), wie bei der Option --reset-demo.</translation>
    </message>
    <message>
        <source>Start with fresh demo data</source>
        <translation>Mit frischen Demodaten starten</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>DeliveryStatus</name>
    <message>
        <source>At the warehouse</source>
        <translation>Im Lager</translation>
    </message>
    <message>
        <source>Packed, awaiting pickup</source>
        <translation>Verpackt, wartet auf Abholung</translation>
    </message>
    <message>
        <source>Handed to courier</source>
        <translation>An Zusteller übergeben</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>Unterwegs</translation>
    </message>
    <message>
        <source>At export hub</source>
        <translation>Im Exportzentrum</translation>
    </message>
    <message>
        <source>At import hub</source>
        <translation>Im Importzentrum</translation>
    </message>
    <message>
        <source>In customs</source>
        <translation>Beim Zoll</translation>
    </message>
    <message>
        <source>Cleared customs</source>
        <translation>Verzollt</translation>
    </message>
    <message>
        <source>At local depot</source>
        <translation>Im Zustellstützpunkt</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>In Zustellung</translation>
    </message>
    <message>
        <source>Missed, new attempt next day</source>
        <translation>Nicht angetroffen, neuer Versuch am nächsten Tag</translation>
    </message>
    <message>
        <source>Missed, ready for pickup</source>
        <translation>Nicht angetroffen, zur Abholung bereit</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>Zur Abholung bereit</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Delivered to a neighbour</source>
        <translation>Beim Nachbarn abgegeben</translation>
    </message>
    <message>
        <source>Delivered to a locker</source>
        <translation>Im Paketautomaten</translation>
    </message>
    <message>
        <source>Delivered to a parcel shop</source>
        <translation>Im Paketshop abgegeben</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Problem mit der Adresse</translation>
    </message>
    <message>
        <source>Refused by recipient</source>
        <translation>Annahme verweigert</translation>
    </message>
    <message>
        <source>Damaged in transit</source>
        <translation>Beim Transport beschädigt</translation>
    </message>
    <message>
        <source>Not collected, going back</source>
        <translation>Nicht abgeholt, geht zurück</translation>
    </message>
    <message>
        <source>Return on its way</source>
        <translation>Retoure unterwegs</translation>
    </message>
    <message>
        <source>Return received</source>
        <translation>Retoure angekommen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>Failed attempt / pickup</source>
        <translation>Zustellversuch / Abholung</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retoure</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>Unbekannter Status</translation>
    </message>
</context>
<context>
    <name>DemoDatabase</name>
    <message>
        <source>it is not a database</source>
        <translation>sie ist keine Datenbank</translation>
    </message>
    <message>
        <source>it is corrupt</source>
        <translation>sie ist beschädigt</translation>
    </message>
    <message>
        <source>it is not a demo database</source>
        <translation>sie ist keine Demo-Datenbank</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>it is in use by another program</source>
        <translation>ein anderes Programm verwendet sie</translation>
    </message>
    <message>
        <source>it is read-only</source>
        <translation>sie ist schreibgeschützt</translation>
    </message>
    <message>
        <source>a disk read or write failed</source>
        <translation>ein Lese- oder Schreibvorgang auf dem Datenträger ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>it cannot be opened</source>
        <translation>sie kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>SQLite could not use it</source>
        <translation>SQLite konnte sie nicht verwenden</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>The drafts folder {folder} could not be read ({reason}); unsaved edits of an earlier session stay there untouched.</source>
        <translation>Der Entwurfsordner {folder} konnte nicht gelesen werden ({reason}); nicht gespeicherte Änderungen einer früheren Sitzung bleiben dort unberührt.</translation>
    </message>
    <message>
        <source>An unsaved edit from an earlier session in {folder} cannot be opened without the system keyring; it is kept and comes back once the keyring is available.</source>
        <translation>Eine nicht gespeicherte Änderung aus einer früheren Sitzung in {folder} lässt sich ohne den Schlüsselbund des Systems nicht öffnen; sie bleibt erhalten und kommt zurück, sobald der Schlüsselbund verfügbar ist.</translation>
    </message>
    <message>
        <source>{count} unsaved edits from an earlier session in {folder} cannot be opened without the system keyring; they are kept and come back once the keyring is available.</source>
        <translation>{count} nicht gespeicherte Änderungen aus einer früheren Sitzung in {folder} lassen sich ohne den Schlüsselbund des Systems nicht öffnen; sie bleiben erhalten und kommen zurück, sobald der Schlüsselbund verfügbar ist.</translation>
    </message>
    <message>
        <source>could not be read ({reason})</source>
        <translation>konnte nicht gelesen werden ({reason})</translation>
    </message>
    <message>
        <source>could not be decrypted with this keyring&apos;s key</source>
        <translation>konnte mit dem Schlüssel dieses Schlüsselbunds nicht entschlüsselt werden</translation>
    </message>
    <message>
        <source>is damaged ({problem})</source>
        <translation>ist beschädigt ({problem})</translation>
    </message>
    <message>
        <source>The draft {path} {what} and could not be moved aside; it is left as it is; any other unsaved edits were recovered.</source>
        <translation>Der Entwurf {path} {what} und konnte nicht beiseitegelegt werden; er bleibt, wie er ist. Alle anderen nicht gespeicherten Änderungen wurden wiederhergestellt.</translation>
    </message>
    <message>
        <source>The draft {path} {what}; it was kept as {name}; any other unsaved edits were recovered.</source>
        <translation>Der Entwurf {path} {what}; er wurde als {name} aufbewahrt. Alle anderen nicht gespeicherten Änderungen wurden wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>EditFailures</name>
    <message>
        <source>Not saved: 1 problem marked below.</source>
        <translation>Nicht gespeichert: 1 Problem, unten markiert.</translation>
    </message>
    <message>
        <source>Not saved: {count} problems marked below.</source>
        <translation>Nicht gespeichert: {count} Probleme, unten markiert.</translation>
    </message>
    <message>
        <source>Not saved: {reason} Your changes are kept.</source>
        <translation>Nicht gespeichert: {reason} Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Not saved: {reason} Your changes are kept; sending them again will not help.</source>
        <translation>Nicht gespeichert: {reason} Ihre Änderungen bleiben erhalten; erneutes Senden hilft nicht.</translation>
    </message>
    <message>
        <source>1 tracking not saved yet: {names}</source>
        <translation>1 Sendung noch nicht gespeichert: {names}</translation>
    </message>
    <message>
        <source>{count} trackings not saved yet: {names}</source>
        <translation>{count} Sendungen noch nicht gespeichert: {names}</translation>
    </message>
    <message>
        <source>No answer came.</source>
        <translation>Es kam keine Antwort.</translation>
    </message>
    <message>
        <source>whether the order was created</source>
        <translation>ob die Bestellung angelegt wurde</translation>
    </message>
    <message>
        <source>whether the order was cancelled</source>
        <translation>ob die Bestellung storniert wurde</translation>
    </message>
    <message>
        <source>whether the tracking was cancelled</source>
        <translation>ob die Sendung storniert wurde</translation>
    </message>
    <message>
        <source>whether the trackings were saved</source>
        <translation>ob die Sendungen gespeichert wurden</translation>
    </message>
    <message>
        <source>whether the changes were saved</source>
        <translation>ob die Änderungen gespeichert wurden</translation>
    </message>
    <message>
        <source>Outcome unknown: {cause} It is not known yet {what}. Check again looks the order up; Send again looks once more and sends the changes if they are not there. Your changes are kept.</source>
        <translation>Ergebnis unbekannt: {cause} Noch ist nicht bekannt, {what}. „Erneut prüfen“ sieht bei der Bestellung nach; „Erneut senden“ sieht noch einmal nach und sendet die Änderungen, wenn sie fehlen. Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Outcome unknown: {cause} It is not known yet {what}; parcelLab may still be applying it. Nothing is sent again until it has been looked up: use Check again in a moment. Your changes are kept.</source>
        <translation>Ergebnis unbekannt: {cause} Noch ist nicht bekannt, {what}; parcelLab übernimmt es womöglich noch. Nichts wird erneut gesendet, bevor nachgesehen wurde: Verwenden Sie gleich „Erneut prüfen“. Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Still not found on parcelLab after 1 look-up: it is not known {what}. Check again, or, if it still is not there, Send again (which looks once more first). Your changes are kept.</source>
        <translation>Auch nach einer Abfrage bei parcelLab nicht gefunden: Es ist nicht bekannt, {what}. Prüfen Sie erneut oder, wenn es weiterhin fehlt, senden Sie erneut (dabei wird zuerst noch einmal nachgesehen). Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Still not found on parcelLab after {count} look-ups: it is not known {what}. Check again, or, if it still is not there, Send again (which looks once more first). Your changes are kept.</source>
        <translation>Auch nach {count} Abfragen bei parcelLab nicht gefunden: Es ist nicht bekannt, {what}. Prüfen Sie erneut oder, wenn es weiterhin fehlt, senden Sie erneut (dabei wird zuerst noch einmal nachgesehen). Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Order created; {pending}. {reason} Save sends only the trackings.</source>
        <translation>Bestellung angelegt; {pending}. {reason} „Speichern“ sendet nur noch die Sendungen.</translation>
    </message>
</context>
<context>
    <name>EditorActionBar</name>
    <message>
        <source>Fix the marked field to save.</source>
        <translation>Korrigieren Sie das markierte Feld, um zu speichern.</translation>
    </message>
    <message>
        <source>Fix the marked fields to save.</source>
        <translation>Korrigieren Sie die markierten Felder, um zu speichern.</translation>
    </message>
    <message>
        <source>Missing: {fields}.</source>
        <translation>Es fehlt noch: {fields}.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Send the changes to parcelLab (Ctrl+S)</source>
        <translation>Änderungen an parcelLab übertragen (Strg+S)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Forget the unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop waiting for parcelLab (Esc). A save already sent may still arrive: the editor then offers Check again.</source>
        <translation>Nicht länger auf parcelLab warten (Esc). Eine bereits gesendete Speicherung kann trotzdem noch ankommen – der Editor bietet dann „Erneut prüfen“ an.</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>Bestellung stornieren …</translation>
    </message>
    <message>
        <source>Cancel this order (asks for a reason first)</source>
        <translation>Diese Bestellung stornieren (fragt zuerst nach dem Grund)</translation>
    </message>
    <message>
        <source>&amp;Save order</source>
        <translation>Bestellung &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Revert changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <source>&amp;Cancel order…</source>
        <translation>Bestellung s&amp;tornieren …</translation>
    </message>
    <message>
        <source>S&amp;top waiting</source>
        <translation>Warten a&amp;bbrechen</translation>
    </message>
</context>
<context>
    <name>EditorHeader</name>
    <message>
        <source>● Unsaved changes</source>
        <translation>● Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save (Ctrl+S) sends them; Revert forgets them</source>
        <translation>„Speichern“ (Strg+S) überträgt sie, „Verwerfen“ macht sie rückgängig</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the external id</source>
        <translation>Externe ID kopieren</translation>
    </message>
    <message>
        <source>New order {number}</source>
        <translation>Neue Bestellung {number}</translation>
    </message>
    <message>
        <source>Not created yet</source>
        <translation>Noch nicht angelegt</translation>
    </message>
    <message>
        <source>External id: assigned by parcelLab on save</source>
        <translation>Externe ID: wird beim Speichern von parcelLab vergeben</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(ohne Nummer)</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Bestellung {number}</translation>
    </message>
    <message>
        <source>External id: {id}</source>
        <translation>Externe ID: {id}</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>no reason</source>
        <translation>kein Grund</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>Datum unbekannt</translation>
    </message>
    <message>
        <source>Cancelled · {reason} · {when}</source>
        <translation>Storniert · {reason} · {when}</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No orders match these filters.</source>
        <translation>Keine Bestellungen entsprechen diesen Filtern.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Certificate problem: the service&apos;s certificate is not trusted on this computer ({reason}). Behind a company proxy that inspects TLS, ask IT to install its root certificate in the system&apos;s trust store; also check the computer&apos;s date and time and the base URL.</source>
        <translation>Zertifikatsproblem: Diesem Computer ist das Zertifikat des Dienstes nicht vertrauenswürdig ({reason}). Wenn ein Firmenproxy den TLS-Verkehr prüft, bitten Sie die IT, dessen Stammzertifikat im Zertifikatsspeicher des Systems zu installieren. Prüfen Sie außerdem Datum und Uhrzeit des Computers sowie die Basis-URL.</translation>
    </message>
    <message>
        <source>Certificate problem: the service&apos;s certificate is not trusted on this computer. Behind a company proxy that inspects TLS, ask IT to install its root certificate in the system&apos;s trust store; also check the computer&apos;s date and time and the base URL.</source>
        <translation>Zertifikatsproblem: Diesem Computer ist das Zertifikat des Dienstes nicht vertrauenswürdig. Wenn ein Firmenproxy den TLS-Verkehr prüft, bitten Sie die IT, dessen Stammzertifikat im Zertifikatsspeicher des Systems zu installieren. Prüfen Sie außerdem Datum und Uhrzeit des Computers sowie die Basis-URL.</translation>
    </message>
    <message>
        <source>The service could not be reached. Check the network connection, the proxy settings and the base URL, then try again.</source>
        <translation>Der Dienst ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung, die Proxy-Einstellungen und die Basis-URL und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The connection was lost before the service answered.</source>
        <translation>Die Verbindung wurde unterbrochen, bevor der Dienst geantwortet hat.</translation>
    </message>
    <message>
        <source>No connection to the service could be opened in time. Try again.</source>
        <translation>Es konnte nicht rechtzeitig eine Verbindung zum Dienst aufgebaut werden. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The service did not answer within {seconds} s.</source>
        <translation>Der Dienst hat nicht innerhalb von {seconds} s geantwortet.</translation>
    </message>
    <message>
        <source>The service did not answer in time.</source>
        <translation>Der Dienst hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The service&apos;s answer is larger than {megabytes} MB, more than the console reads. Check the base URL, or narrow the filter.</source>
        <translation>Die Antwort des Dienstes ist größer als {megabytes} MB und damit mehr, als die Konsole einliest. Prüfen Sie die Basis-URL oder grenzen Sie den Filter ein.</translation>
    </message>
    <message>
        <source>This base URL looks wrong: {url} answers with a web page, not the parcelLab API. Use the service&apos;s address alone, without a path, e.g. {example} (EU: {eu}, US: {us}).</source>
        <translation>Diese Basis-URL scheint falsch zu sein: {url} antwortet mit einer Webseite statt mit der parcelLab-API. Verwenden Sie nur die Adresse des Dienstes ohne Pfad, z. B. {example} (EU: {eu}, USA: {us}).</translation>
    </message>
    <message>
        <source>it</source>
        <translation>sie</translation>
    </message>
    <message>
        <source>account {account}</source>
        <translation>Account {account}</translation>
    </message>
    <message>
        <source>this account</source>
        <translation>diesen Account</translation>
    </message>
    <message>
        <source>Your token may not change orders of {account}: it does not hold that account or lacks the write scope. Ask whoever issues your parcelLab tokens for one with write access to {account}.</source>
        <translation>Ihr Token darf keine Bestellungen für {account} ändern: Es gehört nicht zu diesem Account oder hat keine Schreibrechte. Bitten Sie die Stelle, die Ihre parcelLab-Tokens ausgibt, um eines mit Schreibzugriff auf {account}.</translation>
    </message>
    <message>
        <source>Your token may not read {account}. Ask whoever issues your parcelLab tokens for one that holds {account}, or remove it from the profile&apos;s default accounts.</source>
        <translation>Ihr Token darf {account} nicht lesen. Bitten Sie die Stelle, die Ihre parcelLab-Tokens ausgibt, um eines für {account}, oder entfernen Sie ihn aus den Standard-Accounts des Profils.</translation>
    </message>
    <message>
        <source>Sign-in failed: the token was refused. Check the token and the sign-in method of the profile.</source>
        <translation>Anmeldung fehlgeschlagen: Das Token wurde abgelehnt. Prüfen Sie das Token und das Anmeldeverfahren des Profils.</translation>
    </message>
    <message>
        <source>Too many requests: parcelLab asks to wait {seconds} s.</source>
        <translation>Zu viele Anfragen: parcelLab bittet, {seconds} s zu warten.</translation>
    </message>
    <message>
        <source>Too many requests: wait a moment before trying again.</source>
        <translation>Zu viele Anfragen: Warten Sie einen Moment, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <source>The service had a problem (HTTP {status}). Try again in a moment.</source>
        <translation>Beim Dienst ist ein Problem aufgetreten (HTTP {status}). Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Not sent, the data is invalid: {details}.</source>
        <translation>Nicht gesendet, die Daten sind ungültig: {details}.</translation>
    </message>
    <message>
        <source>The service refused the data: {details}.</source>
        <translation>Der Dienst hat die Daten abgelehnt: {details}.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Nicht gefunden.</translation>
    </message>
    <message>
        <source>Not found: {details}.</source>
        <translation>Nicht gefunden: {details}.</translation>
    </message>
    <message numerus="yes">
        <source>The order was created, but %n change(s) to it were not saved: {reason}</source>
        <translation>
            <numerusform>Die Bestellung wurde angelegt, aber %n Änderung daran wurde nicht gespeichert: {reason}</numerusform>
            <numerusform>Die Bestellung wurde angelegt, aber %n Änderungen daran wurden nicht gespeichert: {reason}</numerusform>
        </translation>
    </message>
    <message>
        <source>The service accepted the save, but the order it returned does not show all of it.</source>
        <translation>Der Dienst hat die Speicherung angenommen, aber die zurückgegebene Bestellung zeigt nicht alle Änderungen.</translation>
    </message>
    <message>
        <source>The service accepted the save, but the order it returned does not show {fields}.</source>
        <translation>Der Dienst hat die Speicherung angenommen, aber die zurückgegebene Bestellung zeigt {fields} nicht.</translation>
    </message>
    <message>
        <source>{fields} also changed on parcelLab since you opened the order, and nothing was chosen. Save again to compare.</source>
        <translation>{fields}: auch bei parcelLab geändert, seit Sie die Bestellung geöffnet haben, und es wurde nichts ausgewählt. Speichern Sie erneut, um zu vergleichen.</translation>
    </message>
    <message>
        <source>The service took too long to answer. Try again.</source>
        <translation>Der Dienst hat zu lange nicht geantwortet. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>A network or file error occurred: {detail}.</source>
        <translation>Ein Netzwerk- oder Dateifehler ist aufgetreten: {detail}.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({kind}). Details are in the log.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten ({kind}). Einzelheiten stehen im Protokoll.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the view</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <source>All {view}, every page (not only the rows loaded in the table).</source>
        <translation>Alle {view}, über alle Seiten (nicht nur die in der Tabelle geladenen Zeilen).</translation>
    </message>
    <message>
        <source>CSV, separated by commas</source>
        <translation>CSV, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>CSV, separated by semicolons (Excel in German and many European setups)</source>
        <translation>CSV, durch Semikolons getrennt (Excel auf Deutsch und in vielen europäischen Einstellungen)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-Arbeitsmappe (.xlsx)</translation>
    </message>
    <message>
        <source>One line per tracking (with its courier, number and status)</source>
        <translation>Eine Zeile je Sendung (mit Versanddienstleister, Sendungsnummer und Status)</translation>
    </message>
    <message>
        <source>Choose where to save</source>
        <translation>Speicherort wählen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>Speichern unter:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert …</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>Abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>The export stopped and no file was written: {why}</source>
        <translation>Der Export wurde abgebrochen, es wurde keine Datei geschrieben: {why}</translation>
    </message>
    <message>
        <source>The file cannot be written: {why}.</source>
        <translation>Die Datei kann nicht geschrieben werden: {why}.</translation>
    </message>
    <message>
        <source>Exported {orders} orders ({lines} lines) to {name}.</source>
        <translation>{orders} Bestellungen ({lines} Zeilen) nach {name} exportiert.</translation>
    </message>
    <message>
        <source>Exported {n} orders so far…</source>
        <translation>Bisher {n} Bestellungen exportiert …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>FieldBindings</name>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>FieldHelp</name>
    <message>
        <source>parcelLab&apos;s own id for the order</source>
        <translation>Die interne ID der Bestellung bei parcelLab</translation>
    </message>
    <message>
        <source>Account to which this order belongs</source>
        <translation>Account, zu dem diese Bestellung gehört</translation>
    </message>
    <message>
        <source>Order number (customer facing)</source>
        <translation>Bestellnummer, wie die Kundschaft sie kennt</translation>
    </message>
    <message>
        <source>Retailer reference (e.g. internal system id), unique</source>
        <translation>Referenz des Händlers (z. B. interne System-ID), eindeutig</translation>
    </message>
    <message>
        <source>Technical client / shop, e.g. &apos;mybrand-a.com&apos;</source>
        <translation>Technischer Mandant bzw. Shop, z. B. „mybrand-a.com“</translation>
    </message>
    <message>
        <source>Pick a common status or type the shop&apos;s own</source>
        <translation>Wählen Sie einen gängigen Status oder geben Sie den des Shops ein</translation>
    </message>
    <message>
        <source>IANA time zone of the recipient, strongly recommended</source>
        <translation>IANA-Zeitzone der Empfängerin oder des Empfängers, dringend empfohlen</translation>
    </message>
    <message>
        <source>The order has been split into multiple shipments</source>
        <translation>Die Bestellung wurde auf mehrere Sendungen aufgeteilt</translation>
    </message>
    <message>
        <source>Tags, by convention &apos;key:value&apos;</source>
        <translation>Tags, üblicherweise im Format „Schlüssel:Wert“</translation>
    </message>
    <message>
        <source>A valid email address, or _unset</source>
        <translation>Eine gültige E-Mail-Adresse oder _unset</translation>
    </message>
</context>
<context>
    <name>FieldHints</name>
    <message>
        <source>e.g. 1042</source>
        <translation>z. B. 1042</translation>
    </message>
    <message>
        <source>Customer-facing order number</source>
        <translation>Bestellnummer, wie die Kundschaft sie kennt</translation>
    </message>
    <message>
        <source>The retailer&apos;s own reference</source>
        <translation>Die eigene Referenz des Händlers</translation>
    </message>
    <message>
        <source>e.g. mybrand-a.com</source>
        <translation>z. B. mybrand-a.com</translation>
    </message>
    <message>
        <source>name@example.com, or _unset</source>
        <translation>name@example.com oder _unset</translation>
    </message>
    <message>
        <source>Type a country or code</source>
        <translation>Land oder Ländercode eingeben</translation>
    </message>
    <message>
        <source>Type a language or code</source>
        <translation>Sprache oder Sprachcode eingeben</translation>
    </message>
    <message>
        <source>Type a city, e.g. Berlin</source>
        <translation>Stadt eingeben, z. B. Berlin</translation>
    </message>
    <message>
        <source>The shop&apos;s customer number</source>
        <translation>Kundennummer im Shop</translation>
    </message>
    <message>
        <source>Add a tag (key:value) and press Enter</source>
        <translation>Tag (Schlüssel:Wert) eingeben und Eingabetaste drücken</translation>
    </message>
    <message>
        <source>Pick a courier or type its code</source>
        <translation>Versanddienstleister wählen oder Kürzel eingeben</translation>
    </message>
    <message>
        <source>As printed on the label</source>
        <translation>Wie auf dem Versandetikett</translation>
    </message>
    <message>
        <source>e.g. express</source>
        <translation>z. B. express</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>This parcel is a return</source>
        <translation>Dieses Paket ist eine Retoure</translation>
    </message>
    <message>
        <source>Send no notifications for this parcel</source>
        <translation>Für dieses Paket keine Benachrichtigungen senden</translation>
    </message>
    <message>
        <source>key:value, then Enter</source>
        <translation>Schlüssel:Wert, dann Eingabetaste</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>External id</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>External reference</source>
        <translation>Externe Referenz</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client-Key</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>Bestellstatus</translation>
    </message>
    <message>
        <source>Multiple shipments</source>
        <translation>Mehrere Sendungen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation>Stornogrund</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Recipient email</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Recipient name</source>
        <translation>Empfängername</translation>
    </message>
    <message>
        <source>Destination country</source>
        <translation>Zielland</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Versanddienstleister</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>Sendungsnummer</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Zielland</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retoure</translation>
    </message>
    <message>
        <source>Notifications off</source>
        <translation>Benachrichtigungen aus</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Serviceart</translation>
    </message>
    <message>
        <source>Send date</source>
        <translation>Versanddatum</translation>
    </message>
    <message>
        <source>Delivery status</source>
        <translation>Zustellstatus</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>all accounts</source>
        <translation>alle Accounts</translation>
    </message>
    <message>
        <source>One or more account ids, separated by commas or spaces</source>
        <translation>Eine oder mehrere Account-IDs, durch Kommas oder Leerzeichen getrennt</translation>
    </message>
    <message>
        <source>exact order number</source>
        <translation>genaue Bestellnummer</translation>
    </message>
    <message>
        <source>exact reference</source>
        <translation>genaue Referenz</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>Alle Filter zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>Order &amp;no.:</source>
        <translation>Bestell&amp;nr.:</translation>
    </message>
    <message>
        <source>E&amp;xternal ref.:</source>
        <translation>E&amp;xterne Ref.:</translation>
    </message>
</context>
<context>
    <name>Folders</name>
    <message>
        <source>The settings folder {folder} cannot be used ({reason}), so profiles you add now last until you quit. Make it a folder your user owns and can write to, then restart.</source>
        <translation>Der Einstellungsordner {folder} kann nicht verwendet werden ({reason}); Profile, die Sie jetzt hinzufügen, gelten daher nur bis zum Beenden. Machen Sie ihn zu einem Ordner, der Ihrem Benutzer gehört und in den er schreiben kann, und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>The log folder {folder} cannot be used ({reason}), so the log goes to the terminal (standard error) only. Make it a folder your user owns and can write to, then restart.</source>
        <translation>Der Protokollordner {folder} kann nicht verwendet werden ({reason}); das Protokoll geht daher nur an das Terminal (Standardfehlerausgabe). Machen Sie ihn zu einem Ordner, der Ihrem Benutzer gehört und in den er schreiben kann, und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>The data folder {folder} cannot be used ({reason}), so the demo runs on a temporary database that is removed when you quit. Make it a folder your user owns and can write to, then restart.</source>
        <translation>Der Datenordner {folder} kann nicht verwendet werden ({reason}); die Demo läuft daher auf einer temporären Datenbank, die beim Beenden gelöscht wird. Machen Sie ihn zu einem Ordner, der Ihrem Benutzer gehört und in den er schreiben kann, und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>The drafts folder {folder} cannot be used ({reason}), so unsaved edits are kept in memory only, not on disk. Make it a folder your user owns and can write to, then restart.</source>
        <translation>Der Entwurfsordner {folder} kann nicht verwendet werden ({reason}); nicht gespeicherte Änderungen werden daher nur im Arbeitsspeicher gehalten, nicht auf dem Datenträger. Machen Sie ihn zu einem Ordner, der Ihrem Benutzer gehört und in den er schreiben kann, und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>The cache folder {folder} cannot be used ({reason}), so nothing is cached. Make it a folder your user owns and can write to, then restart.</source>
        <translation>Der Cache-Ordner {folder} kann nicht verwendet werden ({reason}); daher wird nichts zwischengespeichert. Machen Sie ihn zu einem Ordner, der Ihrem Benutzer gehört und in den er schreiben kann, und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>a file has its name, not a folder</source>
        <translation>eine Datei trägt seinen Namen, kein Ordner</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>English</source>
        <comment>this language&apos;s name</comment>
        <translation>Deutsch</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>commas</source>
        <translation>Kommas</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>Semikolons</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>Tabulatoren</translation>
    </message>
    <message>
        <source>Import from a sheet</source>
        <translation>Aus einer Tabelle importieren</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Trackings: add parcels to orders (order number or external id, account, courier, tracking number, and any tracking field)</source>
        <translation>Sendungen: Pakete zu Bestellungen hinzufügen (Bestellnummer oder externe ID, Account, Versanddienstleister, Sendungsnummer und beliebige Sendungsfelder)</translation>
    </message>
    <message>
        <source>Order updates: change fields of existing orders (status, client key, …)</source>
        <translation>Bestellungen aktualisieren: Felder bestehender Bestellungen ändern (Status, Client-Key …)</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Keine Datei ausgewählt</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei auswählen …</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Zeichenkodierung:</translation>
    </message>
    <message>
        <source>&lt;b&gt;What does the sheet hold?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was enthält die Tabelle?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The file cannot be read: {why}.</source>
        <translation>Die Datei kann nicht gelesen werden: {why}.</translation>
    </message>
    <message>
        <source>{rows} rows and {columns} columns; encoding {encoding}, separated by {delimiter}.</source>
        <translation>{rows} Zeilen und {columns} Spalten; Kodierung {encoding}, getrennt durch {delimiter}.</translation>
    </message>
    <message>
        <source>Column in the sheet</source>
        <translation>Spalte in der Tabelle</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Erste Werte</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Wird zu</translation>
    </message>
    <message>
        <source>(ignore this column)</source>
        <translation>(Spalte ignorieren)</translation>
    </message>
    <message>
        <source>Check where each column goes.</source>
        <translation>Prüfen Sie, wohin jede Spalte übernommen wird.</translation>
    </message>
    <message>
        <source>Not recognised, so ignored unless you choose a field: {names}.</source>
        <translation>Nicht erkannt und daher ignoriert, sofern Sie kein Feld wählen: {names}.</translation>
    </message>
    <message>
        <source>Two columns go to the same field; choose one.</source>
        <translation>Zwei Spalten gehen in dasselbe Feld; wählen Sie eine aus.</translation>
    </message>
    <message>
        <source>{good} rows are ready to send. 1 row has problems and will not be sent: the marked cells say why (hover them), and the list below names the line.</source>
        <translation>{good} Zeilen sind bereit zum Senden. 1 Zeile enthält Fehler und wird nicht gesendet: Die markierten Zellen zeigen den Grund (Mauszeiger darüber halten), die Liste unten nennt die Zeile.</translation>
    </message>
    <message>
        <source>{good} rows are ready to send. {bad} rows have problems and will not be sent: the marked cells say why (hover them), and the list below names each line.</source>
        <translation>{good} Zeilen sind bereit zum Senden. {bad} Zeilen enthalten Fehler und werden nicht gesendet: Die markierten Zellen zeigen den Grund (Mauszeiger darüber halten), die Liste unten nennt jede Zeile.</translation>
    </message>
    <message>
        <source>All {good} rows are ready to send.</source>
        <translation>Alle {good} Zeilen sind bereit zum Senden.</translation>
    </message>
    <message>
        <source>whole line</source>
        <translation>ganze Zeile</translation>
    </message>
    <message>
        <source>Line {line}, {where}: {message}</source>
        <translation>Zeile {line}, {where}: {message}</translation>
    </message>
    <message>
        <source>Send 1 row</source>
        <translation>1 Zeile senden</translation>
    </message>
    <message>
        <source>Send {n} rows</source>
        <translation>{n} Zeilen senden</translation>
    </message>
    <message>
        <source>Step 1 of 3: the file</source>
        <translation>Schritt 1 von 3: die Datei</translation>
    </message>
    <message>
        <source>Step 2 of 3: the columns</source>
        <translation>Schritt 2 von 3: die Spalten</translation>
    </message>
    <message>
        <source>Step 3 of 3: check before sending</source>
        <translation>Schritt 3 von 3: vor dem Senden prüfen</translation>
    </message>
    <message>
        <source>Choose a sheet to import</source>
        <translation>Tabelle zum Importieren auswählen</translation>
    </message>
    <message>
        <source>CSV and text files (*.csv *.txt *.tsv)</source>
        <translation>CSV- und Textdateien (*.csv *.txt *.tsv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>ignored</source>
        <translation>ignoriert</translation>
    </message>
    <message>
        <source>Line {line}</source>
        <translation>Zeile {line}</translation>
    </message>
</context>
<context>
    <name>JobCard</name>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene erneut senden</translation>
    </message>
    <message>
        <source>Save results…</source>
        <translation>Ergebnisse speichern …</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Stop after the requests in flight; the rows left can be resumed</source>
        <translation>Nach den laufenden Anfragen anhalten; die übrigen Zeilen lassen sich fortsetzen</translation>
    </message>
    <message>
        <source>Send the failed rows again (each is looked up first)</source>
        <translation>Fehlgeschlagene Zeilen erneut senden (jede wird zuerst nachgeschlagen)</translation>
    </message>
    <message>
        <source>Every row with its outcome, as a CSV file</source>
        <translation>Jede Zeile mit ihrem Ergebnis, als CSV-Datei</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Done {done} · Failed {failed} · Skipped {skipped} · Left {left}</source>
        <translation>Erledigt {done} · Fehlgeschlagen {failed} · Übersprungen {skipped} · Offen {left}</translation>
    </message>
    <message>
        <source>Cancel the job first; then it can be closed</source>
        <translation>Brechen Sie den Auftrag zuerst ab; dann lässt er sich schließen</translation>
    </message>
    <message>
        <source>Hide skipped and failed</source>
        <translation>Übersprungene und fehlgeschlagene ausblenden</translation>
    </message>
    <message>
        <source>Show skipped and failed ({count})</source>
        <translation>Übersprungene und fehlgeschlagene anzeigen ({count})</translation>
    </message>
    <message>
        <source>Paused: {why}</source>
        <translation>Pausiert: {why}</translation>
    </message>
    <message>
        <source>Paused. The requests in flight finish; nothing new is sent.</source>
        <translation>Pausiert. Laufende Anfragen werden abgeschlossen; es wird nichts Neues gesendet.</translation>
    </message>
    <message>
        <source>Waiting {time}: the service asked to slow down (rate limit).</source>
        <translation>Wartet {time}: Der Dienst hat um weniger Anfragen gebeten (Ratenlimit).</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft …</translation>
    </message>
    <message>
        <source>Running · about {time} left</source>
        <translation>Läuft · noch etwa {time}</translation>
    </message>
    <message>
        <source>Stopped with {left} rows left; Resume goes on where it stopped.</source>
        <translation>Angehalten, {left} Zeilen offen; „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <source>Not finished: {left} rows left. Resume to go on.</source>
        <translation>Nicht abgeschlossen: {left} Zeilen offen. Zum Weitermachen „Fortsetzen“ wählen.</translation>
    </message>
    <message>
        <source>Finished in {time}: {done} done, {skipped} skipped, {failed} failed.</source>
        <translation>Abgeschlossen in {time}: {done} erledigt, {skipped} übersprungen, {failed} fehlgeschlagen.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source> (line {lines})</source>
        <translation> (Zeile {lines})</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>already has the tags</source>
        <translation>hat die Tags bereits</translation>
    </message>
    <message>
        <source>has none of the tags</source>
        <translation>hat keinen der Tags</translation>
    </message>
    <message>
        <source>no reason</source>
        <translation>kein Grund</translation>
    </message>
    <message>
        <source>already cancelled ({reason})</source>
        <translation>bereits storniert ({reason})</translation>
    </message>
    <message>
        <source>has no tracking of {courier}</source>
        <translation>hat keine Sendung von {courier}</translation>
    </message>
    <message>
        <source>its {courier} trackings are already cancelled</source>
        <translation>ihre Sendungen von {courier} sind bereits storniert</translation>
    </message>
    <message>
        <source>the order is cancelled</source>
        <translation>die Bestellung ist storniert</translation>
    </message>
    <message>
        <source>already has these trackings</source>
        <translation>hat diese Sendungen bereits</translation>
    </message>
    <message>
        <source>already has these values</source>
        <translation>hat diese Werte bereits</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>No jobs yet. Select orders for a bulk action, or use File ▸ Import…</source>
        <translation>Noch keine Aufträge. Wählen Sie Bestellungen für eine Sammelaktion aus oder nutzen Sie Datei ▸ Importieren …</translation>
    </message>
    <message>
        <source>Save the results of “{title}”</source>
        <translation>Ergebnisse von „{title}“ speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Jobs — could not save: {why}</source>
        <translation>Aufträge – konnte nicht gespeichert werden: {why}</translation>
    </message>
    <message>
        <source>Jobs — results saved to {name}</source>
        <translation>Aufträge – Ergebnisse gespeichert in {name}</translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <source>Third-party licences</source>
        <translation>Lizenzen von Drittanbietern</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>This copy runs from source. Installed copies list every library they carry here, with its licence; the installers&apos; build collects them.</source>
        <translation>Diese Kopie läuft aus dem Quellcode. Installierte Kopien führen hier jede mitgelieferte Bibliothek mit ihrer Lizenz auf; der Build der Installationspakete stellt sie zusammen.</translation>
    </message>
    <message>
        <source>parcelLab Desk is built with these {count} components. Qt is used under the LGPL-3.0: its entry says how to run the console with other Qt libraries.</source>
        <translation>parcelLab Desk besteht aus diesen {count} Komponenten. Qt wird unter der LGPL-3.0 verwendet: Der Eintrag dazu erklärt, wie Sie die Konsole mit anderen Qt-Bibliotheken betreiben.</translation>
    </message>
    <message>
        <source>No licence file.</source>
        <translation>Keine Lizenzdatei.</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <source>The link is too long to be an order link.</source>
        <translation>Der Link ist zu lang für einen Bestell-Link.</translation>
    </message>
    <message>
        <source>Not an order link: it must start with {prefix}</source>
        <translation>Kein Bestell-Link: Er muss mit {prefix} beginnen</translation>
    </message>
    <message>
        <source>The link has extra parts (? or #) an order link never has.</source>
        <translation>Der Link hat zusätzliche Teile (? oder #), die ein Bestell-Link nie hat.</translation>
    </message>
    <message>
        <source>The link must look like {form}.</source>
        <translation>Der Link muss so aussehen: {form}.</translation>
    </message>
    <message>
        <source>The account in the link is not an account id (a number).</source>
        <translation>Der Account im Link ist keine Account-ID (eine Zahl).</translation>
    </message>
    <message>
        <source>The link names no order.</source>
        <translation>Der Link nennt keine Bestellung.</translation>
    </message>
    <message>
        <source>The order in the link is not properly encoded.</source>
        <translation>Die Bestellung im Link ist nicht korrekt kodiert.</translation>
    </message>
    <message>
        <source>The order number in the link starts or ends with spaces.</source>
        <translation>Die Bestellnummer im Link beginnt oder endet mit Leerzeichen.</translation>
    </message>
    <message>
        <source>The order number in the link holds invisible characters.</source>
        <translation>Die Bestellnummer im Link enthält unsichtbare Zeichen.</translation>
    </message>
    <message>
        <source>The order number in the link is too long.</source>
        <translation>Die Bestellnummer im Link ist zu lang.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{profile} — parcelLab order console</source>
        <translation>{profile} – parcelLab-Bestellkonsole</translation>
    </message>
    <message>
        <source>DEMO · {title}</source>
        <translation>DEMO · {title}</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>The orders of this profile; Enter opens the selected one.</source>
        <translation>Die Bestellungen dieses Profils; mit der Eingabetaste öffnen Sie die ausgewählte.</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>Geöffnete Bestellungen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>The local sandbox with sample orders</source>
        <translation>Die lokale Sandbox mit Beispielbestellungen</translation>
    </message>
    <message>
        <source>Connection profile and service address</source>
        <translation>Verbindungsprofil und Adresse des Dienstes</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Try the failed request again</source>
        <translation>Die fehlgeschlagene Anfrage erneut senden</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop looking the order up</source>
        <translation>Suche nach der Bestellung abbrechen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open order…</source>
        <translation>Bestellung ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Copy order &amp;number</source>
        <translation>Bestell&amp;nummer kopieren</translation>
    </message>
    <message>
        <source>Copy e&amp;xternal id</source>
        <translation>E&amp;xterne ID kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>A parcellab-desk:// link that opens this order in the console (for tickets)</source>
        <translation>Ein parcellab-desk://-Link, der diese Bestellung in der Konsole öffnet (für Tickets)</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>&amp;Filtern …</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Darstellung</translation>
    </message>
    <message>
        <source>As the &amp;operating system</source>
        <translation>Wie das &amp;Betriebssystem</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>D&amp;unkel</translation>
    </message>
    <message>
        <source>Lan&amp;guage…</source>
        <translation>S&amp;prache …</translation>
    </message>
    <message>
        <source>&amp;Order</source>
        <translation>Be&amp;stellung</translation>
    </message>
    <message>
        <source>Open &amp;selected</source>
        <translation>&amp;Ausgewählte öffnen</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>Tab sc&amp;hließen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation>&amp;Diagnosedaten kopieren</translation>
    </message>
    <message>
        <source>Versions, system, profile (without the token) and the last log lines</source>
        <translation>Versionen, System, Profil (ohne Token) und die letzten Protokollzeilen</translation>
    </message>
    <message>
        <source>&amp;About parcelLab Desk</source>
        <translation>Ü&amp;ber parcelLab Desk</translation>
    </message>
    <message>
        <source>Third-party &amp;licences</source>
        <translation>&amp;Lizenzen von Drittanbietern</translation>
    </message>
    <message>
        <source>Switch, add or edit connection profiles</source>
        <translation>Verbindungsprofile wechseln, hinzufügen oder bearbeiten</translation>
    </message>
    <message>
        <source>Profile: {profile}</source>
        <translation>Profil: {profile}</translation>
    </message>
    <message>
        <source>Managed by your organisation</source>
        <translation>Von Ihrer Organisation verwaltet</translation>
    </message>
    <message>
        <source>Set by your IT department:</source>
        <translation>Von Ihrer IT-Abteilung festgelegt:</translation>
    </message>
    <message>
        <source>local sandbox</source>
        <translation>lokale Sandbox</translation>
    </message>
    <message>
        <source>EU</source>
        <translation>EU</translation>
    </message>
    <message>
        <source>US</source>
        <translation>USA</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>Neues Profil …</translation>
    </message>
    <message>
        <source>Edit this profile…</source>
        <translation>Dieses Profil bearbeiten …</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Delete this profile&apos;s token from the keyring</source>
        <translation>Das Token dieses Profils aus dem Schlüsselbund löschen</translation>
    </message>
    <message numerus="yes">
        <source>Recovered unsaved changes to %n orders from the last session. Save or revert them.</source>
        <translation>
            <numerusform>Nicht gespeicherte Änderungen an %n Bestellung aus der letzten Sitzung wiederhergestellt. Speichern oder verwerfen Sie sie.</numerusform>
            <numerusform>Nicht gespeicherte Änderungen an %n Bestellungen aus der letzten Sitzung wiederhergestellt. Speichern oder verwerfen Sie sie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recovered unsaved changes to 1 order from the last session. Save or revert them.</source>
        <translation>Nicht gespeicherte Änderungen an 1 Bestellung aus der letzten Sitzung wiederhergestellt. Speichern oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>Copied order number {value}</source>
        <translation>Bestellnummer {value} kopiert</translation>
    </message>
    <message>
        <source>Copied external id {value}</source>
        <translation>Externe ID {value} kopiert</translation>
    </message>
    <message>
        <source>Could not open the log folder.</source>
        <translation>Der Protokollordner konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Diagnostics copied. Paste them into your ticket to IT or parcelLab.</source>
        <translation>Diagnosedaten kopiert. Fügen Sie sie in Ihr Ticket an die IT oder an parcelLab ein.</translation>
    </message>
    <message>
        <source>About parcelLab Desk</source>
        <translation>Über parcelLab Desk</translation>
    </message>
    <message>
        <source>parcelLab order console</source>
        <translation>parcelLab-Bestellkonsole</translation>
    </message>
    <message>
        <source> (demo)</source>
        <translation> (Demo)</translation>
    </message>
    <message>
        <source>Service: {url}</source>
        <translation>Dienst: {url}</translation>
    </message>
    <message>
        <source>Searching for {text}…</source>
        <translation>Suche nach {text}…</translation>
    </message>
    <message>
        <source>Could not search for “{text}”: {reason}</source>
        <translation>Die Suche nach „{text}“ war nicht möglich: {reason}</translation>
    </message>
    <message>
        <source>Order {number} no longer exists.</source>
        <translation>Die Bestellung {number} gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>Could not open order {number}: {reason}</source>
        <translation>Die Bestellung {number} konnte nicht geöffnet werden: {reason}</translation>
    </message>
    <message>
        <source>Lookup stopped.</source>
        <translation>Suche abgebrochen.</translation>
    </message>
    <message>
        <source>Looking up {text}…</source>
        <translation>Suche nach {text} …</translation>
    </message>
    <message>
        <source>No order “{text}” was found (order number or external id).</source>
        <translation>Keine Bestellung „{text}“ gefunden (Bestellnummer oder externe ID).</translation>
    </message>
    <message>
        <source>Could not look up “{text}”: {reason}</source>
        <translation>„{text}“ konnte nicht gesucht werden: {reason}</translation>
    </message>
    <message>
        <source>Opened order {number}</source>
        <translation>Bestellung {number} geöffnet</translation>
    </message>
    <message>
        <source>Several orders have the number “{text}”.</source>
        <translation>Mehrere Bestellungen haben die Nummer „{text}“.</translation>
    </message>
    <message>
        <source>Account {account} · {client_key} · {status}</source>
        <translation>Account {account} · {client_key} · {status}</translation>
    </message>
    <message>
        <source>no client key</source>
        <translation>kein Client-Key</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message>
        <source>Choose the order</source>
        <translation>Bestellung auswählen</translation>
    </message>
    <message>
        <source>Orders in several accounts have the number “{text}”. Open which?</source>
        <translation>Bestellungen in mehreren Accounts haben die Nummer „{text}“. Welche möchten Sie öffnen?</translation>
    </message>
    <message>
        <source>No orders opened yet</source>
        <translation>Noch keine Bestellung geöffnet</translation>
    </message>
    <message>
        <source>The service cannot sort by this column; the list stays as it is.</source>
        <translation>Nach dieser Spalte kann der Dienst nicht sortieren; die Liste bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Copied tracking number {value}</source>
        <translation>Sendungsnummer {value} kopiert</translation>
    </message>
    <message>
        <source>Copy order number</source>
        <translation>Bestellnummer kopieren</translation>
    </message>
    <message>
        <source>Copy external id</source>
        <translation>Externe ID kopieren</translation>
    </message>
    <message>
        <source>Copy tracking number</source>
        <translation>Sendungsnummer kopieren</translation>
    </message>
    <message>
        <source>Refresh row</source>
        <translation>Zeile aktualisieren</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Could not refresh the row: {reason}</source>
        <translation>Die Zeile konnte nicht aktualisiert werden: {reason}</translation>
    </message>
    <message>
        <source>Order {number} refreshed</source>
        <translation>Bestellung {number} aktualisiert</translation>
    </message>
    <message numerus="yes">
        <source>%Ln orders loaded</source>
        <translation>
            <numerusform>%Ln Bestellung geladen</numerusform>
            <numerusform>%Ln Bestellungen geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>1 order loaded</source>
        <translation>1 Bestellung geladen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Loading orders…</source>
        <translation>Bestellungen werden geladen …</translation>
    </message>
    <message>
        <source>updated {time}</source>
        <translation>Stand {time}</translation>
    </message>
</context>
<context>
    <name>NoKeyringDialog</name>
    <message>
        <source>Token cannot be saved in the keyring</source>
        <translation>Token kann nicht im Schlüsselbund gespeichert werden</translation>
    </message>
    <message>
        <source>&lt;b&gt;The token cannot be saved in the system keyring.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Das Token kann nicht im Schlüsselbund des Systems gespeichert werden.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>You can keep the token &lt;b&gt;in memory for this session only&lt;/b&gt;: you stay signed in until the console quits, and it asks for the token at the next start. The token is never written to a file.&lt;br&gt;&lt;br&gt;To have it remembered instead, start or unlock the keyring (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager), then choose &lt;i&gt;Try again&lt;/i&gt;.</source>
        <translation>Sie können das Token &lt;b&gt;nur für diese Sitzung im Arbeitsspeicher&lt;/b&gt; behalten: Sie bleiben angemeldet, bis Sie die Konsole beenden, und beim nächsten Start werden Sie erneut nach dem Token gefragt. Das Token wird nie in eine Datei geschrieben.&lt;br&gt;&lt;br&gt;Damit es gespeichert bleibt, starten oder entsperren Sie den Schlüsselbund (GNOME Keyring, KWallet, macOS-Schlüsselbund oder Windows-Anmeldeinformationsverwaltung) und wählen dann &lt;i&gt;Erneut versuchen&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>Keyring: {backend}</source>
        <translation>Schlüsselbund: {backend}</translation>
    </message>
    <message>
        <source>Keep in memory for this session</source>
        <translation>Für diese Sitzung im Arbeitsspeicher behalten</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <source>The console started, but one of its files needs your attention.</source>
        <translation>Die Konsole ist gestartet, aber eine ihrer Dateien braucht Ihre Aufmerksamkeit.</translation>
    </message>
    <message>
        <source>The console started, but some of its files need your attention.</source>
        <translation>Die Konsole ist gestartet, aber einige ihrer Dateien brauchen Ihre Aufmerksamkeit.</translation>
    </message>
</context>
<context>
    <name>OpenOrderBox</name>
    <message>
        <source>Order number or external id, then Enter</source>
        <translation>Bestellnummer oder externe ID, dann Eingabetaste</translation>
    </message>
    <message>
        <source>Open order</source>
        <translation>Bestellung öffnen</translation>
    </message>
    <message>
        <source>O&amp;pen order:</source>
        <translation>Bestellung ö&amp;ffnen:</translation>
    </message>
</context>
<context>
    <name>OrderColumns</name>
    <message>
        <source>Order no.</source>
        <translation>Bestellnr.</translation>
    </message>
    <message>
        <source>Ext. ref.</source>
        <translation>Ext. Ref.</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client-Key</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Trackings</source>
        <translation>Sendungen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Customer-facing order number</source>
        <translation>Bestellnummer, wie die Kundschaft sie kennt</translation>
    </message>
    <message>
        <source>The retailer&apos;s own reference</source>
        <translation>Die eigene Referenz des Händlers</translation>
    </message>
    <message>
        <source>Number of parcels and the latest one&apos;s delivery status</source>
        <translation>Anzahl der Pakete und Zustellstatus des jüngsten</translation>
    </message>
    <message>
        <source>When parcelLab received the order (your local time)</source>
        <translation>Eingang der Bestellung bei parcelLab (Ihre Ortszeit)</translation>
    </message>
    <message>
        <source>Last change (your local time)</source>
        <translation>Letzte Änderung (Ihre Ortszeit)</translation>
    </message>
    <message>
        <source>Cancel reason and date</source>
        <translation>Stornogrund und -datum</translation>
    </message>
    <message>
        <source>No status yet</source>
        <translation>Noch kein Status</translation>
    </message>
    <message>
        <source>No status</source>
        <translation>Kein Status</translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>Bestellung storniert</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>No reason</source>
        <translation>Kein Grund</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>Storniert: {reason}</translation>
    </message>
    <message>
        <source>No trackings yet</source>
        <translation>Noch keine Sendungen</translation>
    </message>
    <message>
        <source>Cancelled (order status: {status})</source>
        <translation>Storniert (Bestellstatus: {status})</translation>
    </message>
    <message>
        <source>{tip} (click to sort)</source>
        <translation>{tip} (zum Sortieren klicken)</translation>
    </message>
    <message>
        <source>{tip} (not sortable: the service sorts by {columns} only)</source>
        <translation>{tip} (nicht sortierbar: Der Dienst sortiert nur nach {columns})</translation>
    </message>
    <message>
        <source>Use Retry (or refresh) to try again.</source>
        <translation>Mit „Erneut versuchen“ (oder Aktualisieren) noch einmal laden.</translation>
    </message>
    <message>
        <source>Refreshing orders…</source>
        <translation>Bestellungen werden aktualisiert …</translation>
    </message>
    <message>
        <source>Loading more orders…</source>
        <translation>Weitere Bestellungen werden geladen …</translation>
    </message>
    <message>
        <source>Loading orders…</source>
        <translation>Bestellungen werden geladen …</translation>
    </message>
    <message>
        <source>Could not refresh orders: {reason}</source>
        <translation>Bestellungen konnten nicht aktualisiert werden: {reason}</translation>
    </message>
    <message>
        <source>Could not load more orders: {reason}</source>
        <translation>Weitere Bestellungen konnten nicht geladen werden: {reason}</translation>
    </message>
    <message>
        <source>Could not load orders: {reason}</source>
        <translation>Bestellungen konnten nicht geladen werden: {reason}</translation>
    </message>
</context>
<context>
    <name>OrderEditor</name>
    <message>
        <source>Trackings</source>
        <translation>Sendungen</translation>
    </message>
    <message>
        <source>Other fields (read-only)</source>
        <translation>Weitere Felder (nur lesbar)</translation>
    </message>
    <message>
        <source>Fields the server sent that this console does not edit</source>
        <translation>Felder, die der Server liefert und die diese Konsole nicht bearbeitet</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Bestellung {number}</translation>
    </message>
    <message>
        <source>New order {number}</source>
        <translation>Neue Bestellung {number}</translation>
    </message>
    <message>
        <source>Changes reverted.</source>
        <translation>Änderungen verworfen.</translation>
    </message>
    <message>
        <source>External id copied.</source>
        <translation>Externe ID kopiert.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Sendung</translation>
    </message>
    <message>
        <source>Save them before closing? If you discard them they are lost.</source>
        <translation>Vor dem Schließen speichern? Wenn Sie sie verwerfen, gehen sie verloren.</translation>
    </message>
    <message>
        <source>Already cancelled: shows when and why</source>
        <translation>Bereits storniert: zeigt, wann und warum</translation>
    </message>
</context>
<context>
    <name>OrderEditorTabs</name>
    <message>
        <source>&amp;New order</source>
        <translation>&amp;Neue Bestellung</translation>
    </message>
    <message>
        <source>&amp;Save order</source>
        <translation>Bestellung &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Revert changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <source>&amp;Cancel order…</source>
        <translation>Bestellung s&amp;tornieren …</translation>
    </message>
</context>
<context>
    <name>OrderLookup</name>
    <message>
        <source>order number</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>external id</source>
        <translation>externe ID</translation>
    </message>
    <message>
        <source>external reference</source>
        <translation>externe Referenz</translation>
    </message>
    <message>
        <source>tracking number</source>
        <translation>Sendungsnummer</translation>
    </message>
    <message>
        <source>recipient e-mail</source>
        <translation>E-Mail des Empfängers</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>Kundennummer</translation>
    </message>
</context>
<context>
    <name>OrderPickerDialog</name>
    <message>
        <source>Choose the order</source>
        <translation>Bestellung auswählen</translation>
    </message>
    <message>
        <source>{count} orders match “{text}”. Open which?</source>
        <translation>{count} Bestellungen passen zu „{text}“. Welche öffnen?</translation>
    </message>
    <message>
        <source>Matching orders</source>
        <translation>Passende Bestellungen</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>Gefunden über</translation>
    </message>
    <message>
        <source>An e-mail or customer number finds the newest order of each account; older orders of the same customer are not listed.</source>
        <translation>Eine E-Mail-Adresse oder Kundennummer findet die neueste Bestellung je Account; ältere Bestellungen derselben Person stehen nicht in der Liste.</translation>
    </message>
    <message>
        <source>{how}, newest in account</source>
        <translation>{how}, neueste im Account</translation>
    </message>
</context>
<context>
    <name>ParcelTimeline</name>
    <message>
        <source>Copy number</source>
        <translation>Nummer kopieren</translation>
    </message>
    <message>
        <source>Copy the tracking number</source>
        <translation>Die Sendungsnummer kopieren</translation>
    </message>
    <message>
        <source>Show where it is</source>
        <translation>Zeigen, wo sie ist</translation>
    </message>
    <message>
        <source>Ask parcelLab for the parcel&apos;s events (the team shares 100 of these a minute)</source>
        <translation>Die Ereignisse der Sendung bei parcelLab abfragen (das Team teilt sich 100 Abfragen pro Minute)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Courier&apos;s words</source>
        <translation>Text des Zustellers</translation>
    </message>
    <message>
        <source>Parcel events, newest first</source>
        <translation>Ereignisse der Sendung, neueste zuerst</translation>
    </message>
    <message>
        <source>Parcel {courier} {number}</source>
        <translation>Sendung {courier} {number}</translation>
    </message>
    <message>
        <source>No delivery status yet.</source>
        <translation>Noch kein Zustellstatus.</translation>
    </message>
    <message>
        <source>Asking parcelLab where the parcel is…</source>
        <translation>parcelLab wird gefragt, wo die Sendung ist…</translation>
    </message>
    <message>
        <source>Parcel events are paused for this account: the team&apos;s 100 lookups a minute are used up. Try again in {seconds} s.</source>
        <translation>Sendungsereignisse sind für dieses Konto pausiert: Die 100 Abfragen pro Minute des Teams sind aufgebraucht. Versuchen Sie es in {seconds} s erneut.</translation>
    </message>
    <message>
        <source>parcelLab has no events for this order yet.</source>
        <translation>parcelLab hat für diese Bestellung noch keine Ereignisse.</translation>
    </message>
    <message>
        <source>Could not load the parcel&apos;s events: {reason}</source>
        <translation>Die Ereignisse der Sendung konnten nicht geladen werden: {reason}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>parcelLab&apos;s answer has no events for this parcel.</source>
        <translation>Die Antwort von parcelLab enthält keine Ereignisse zu dieser Sendung.</translation>
    </message>
    <message>
        <source>(no status)</source>
        <translation>(kein Status)</translation>
    </message>
    <message>
        <source>No events yet.</source>
        <translation>Noch keine Ereignisse.</translation>
    </message>
    <message>
        <source>No status yet</source>
        <translation>Noch kein Status</translation>
    </message>
    <message>
        <source>expected {day}</source>
        <translation>erwartet {day}</translation>
    </message>
    <message>
        <source>expected {first} to {last}</source>
        <translation>erwartet {first} bis {last}</translation>
    </message>
    <message>
        <source>Track on {courier}&apos;s site</source>
        <translation>Bei {courier} verfolgen</translation>
    </message>
    <message>
        <source>the courier</source>
        <translation>dem Zusteller</translation>
    </message>
</context>
<context>
    <name>Policy</name>
    <message>
        <source>Your organisation has turned the demo off.</source>
        <translation>Ihre Organisation hat die Demo ausgeschaltet.</translation>
    </message>
    <message>
        <source>Your organisation allows only parcelLab&apos;s own addresses; {host} is not one of them.</source>
        <translation>Ihre Organisation erlaubt nur die eigenen Adressen von parcelLab; {host} gehört nicht dazu.</translation>
    </message>
    <message>
        <source>The settings file your IT department put on this computer ({path}) could not be used: {problem}. The console starts without it; please tell your IT department.</source>
        <translation>Die Einstellungsdatei, die Ihre IT-Abteilung auf diesem Computer abgelegt hat ({path}), konnte nicht verwendet werden: {problem}. Die Konsole startet ohne sie; bitte geben Sie Ihrer IT-Abteilung Bescheid.</translation>
    </message>
    <message>
        <source>Your organisation allows only the profiles it set up.</source>
        <translation>Ihre Organisation erlaubt nur die Profile, die sie eingerichtet hat.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Edit connection profile</source>
        <translation>Verbindungsprofil bearbeiten</translation>
    </message>
    <message>
        <source>Connect to parcelLab</source>
        <translation>Mit parcelLab verbinden</translation>
    </message>
    <message>
        <source>A profile says where the console connects and how it signs in. The token goes to the system keyring, never into a file.</source>
        <translation>Ein Profil legt fest, wohin sich die Konsole verbindet und wie sie sich anmeldet. Das Token kommt in den Schlüsselbund des Systems, nie in eine Datei.</translation>
    </message>
    <message>
        <source>e.g. EU production</source>
        <translation>z. B. EU Produktion</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>e.g. 1042</source>
        <translation>z. B. 1042</translation>
    </message>
    <message>
        <source>All accounts the token can see</source>
        <translation>Alle Accounts, auf die das Token Zugriff hat</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved token</source>
        <translation>Leer lassen, um das gespeicherte Token zu behalten</translation>
    </message>
    <message>
        <source>Remember the token in the system keyring</source>
        <translation>Token im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>Keep it in memory for this session only (asked again at the next start)</source>
        <translation>Nur für diese Sitzung im Arbeitsspeicher behalten (beim nächsten Start erneut abfragen)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Checking the connection is not available here.</source>
        <translation>Die Verbindung kann hier nicht geprüft werden.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>Basis-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Anmeldeverfahren:</translation>
    </message>
    <message>
        <source>Account &amp;id:</source>
        <translation>Account-&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Default accounts:</source>
        <translation>&amp;Standard-Accounts:</translation>
    </message>
    <message>
        <source>Account ids the order list starts with, e.g. 1042, 1043.</source>
        <translation>Account-IDs, mit denen die Bestellliste startet, z. B. 1042, 1043.</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>T&amp;oken:</translation>
    </message>
    <message>
        <source>Token storage:</source>
        <translation>Token-Speicherung:</translation>
    </message>
    <message>
        <source>Paste the API token.</source>
        <translation>Fügen Sie das API-Token ein.</translation>
    </message>
    <message>
        <source>Give the profile a name, e.g. EU production.</source>
        <translation>Geben Sie dem Profil einen Namen, z. B. EU Produktion.</translation>
    </message>
    <message>
        <source>This sign-in method needs the account id.</source>
        <translation>Für dieses Anmeldeverfahren ist die Account-ID erforderlich.</translation>
    </message>
    <message>
        <source>The account id is a number, e.g. 1042.</source>
        <translation>Die Account-ID ist eine Zahl, z. B. 1042.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>✗ Complete the form first: {problem}</source>
        <translation>✗ Vervollständigen Sie zuerst das Formular: {problem}</translation>
    </message>
    <message>
        <source>✗ Paste the token to test the connection.</source>
        <translation>✗ Fügen Sie das Token ein, um die Verbindung zu testen.</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>Parcellab-API-Token (account id + token)</source>
        <translation>Parcellab-API-Token (Account-ID + Token)</translation>
    </message>
    <message>
        <source>parcelLab global (api.parcellab.com)</source>
        <translation>parcelLab global (api.parcellab.com)</translation>
    </message>
    <message>
        <source>parcelLab EU (api.eu.parcellab.com)</source>
        <translation>parcelLab EU (api.eu.parcellab.com)</translation>
    </message>
    <message>
        <source>parcelLab US (api.us.parcellab.com)</source>
        <translation>parcelLab USA (api.us.parcellab.com)</translation>
    </message>
    <message>
        <source>Local sandbox (demo and training)</source>
        <translation>Lokale Sandbox (Demo und Schulung)</translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation>Eigene URL</translation>
    </message>
    <message>
        <source>Enter the API&apos;s base URL, e.g. https://api.eu.parcellab.com</source>
        <translation>Geben Sie die Basis-URL der API ein, z. B. https://api.eu.parcellab.com</translation>
    </message>
    <message>
        <source>The URL must start with https://</source>
        <translation>Die URL muss mit https:// beginnen</translation>
    </message>
    <message>
        <source>Remove the user name or password from the URL.</source>
        <translation>Entfernen Sie Benutzername und Passwort aus der URL.</translation>
    </message>
    <message>
        <source>The URL has no host name.</source>
        <translation>Die URL enthält keinen Hostnamen.</translation>
    </message>
    <message>
        <source>The port number is not valid.</source>
        <translation>Die Portnummer ist ungültig.</translation>
    </message>
    <message>
        <source>Plain http:// sends the token unencrypted; it is allowed only for this computer (127.0.0.1, localhost). Use https://.</source>
        <translation>Mit http:// wird das Token unverschlüsselt übertragen; das ist nur für diesen Computer erlaubt (127.0.0.1, localhost). Verwenden Sie https://.</translation>
    </message>
    <message>
        <source>The base URL cannot have a query (?...) or a fragment (#...).</source>
        <translation>Die Basis-URL darf keine Abfrage (?…) und kein Fragment (#…) enthalten.</translation>
    </message>
    <message>
        <source>“{item}” is not an account id (a positive number).</source>
        <translation>„{item}“ ist keine Account-ID (eine positive Zahl).</translation>
    </message>
    <message>
        <source>A profile needs a name.</source>
        <translation>Ein Profil braucht einen Namen.</translation>
    </message>
    <message>
        <source>Account ids are positive numbers.</source>
        <translation>Account-IDs sind positive Zahlen.</translation>
    </message>
    <message>
        <source>The Parcellab-API-Token scheme needs the account id.</source>
        <translation>Für das Verfahren Parcellab-API-Token ist die Account-ID erforderlich.</translation>
    </message>
    <message>
        <source>Demo (local sandbox)</source>
        <translation>Demo (lokale Sandbox)</translation>
    </message>
    <message>
        <source>could not be read ({reason})</source>
        <translation>konnte nicht gelesen werden ({reason})</translation>
    </message>
    <message>
        <source>is not a profiles file ({reason})</source>
        <translation>ist keine Profildatei ({reason})</translation>
    </message>
    <message>
        <source>is not a profiles file (no list of profiles)</source>
        <translation>ist keine Profildatei (keine Liste von Profilen)</translation>
    </message>
    <message>
        <source>The profiles file {path} {what} and could not be moved aside, so it is left exactly as it is and nothing is saved over it: profiles you add now last until you quit. Check the file&apos;s owner and permissions, then restart.</source>
        <translation>Die Profildatei {path} {what} und konnte nicht beiseitegelegt werden; sie bleibt daher genau, wie sie ist, und nichts wird darüber gespeichert: Profile, die Sie jetzt hinzufügen, gelten nur bis zum Beenden. Prüfen Sie Eigentümer und Berechtigungen der Datei und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>The profiles file {path} {what}; it was kept as {name} in the same folder and the console started without those profiles.</source>
        <translation>Die Profildatei {path} {what}; sie wurde im selben Ordner als {name} aufbewahrt, und die Konsole wurde ohne diese Profile gestartet.</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} profiles in {path} could not be read and the file could not be moved aside, so nothing is saved over it in this session. Check the file&apos;s owner and permissions, then restart.</source>
        <translation>
            <numerusform>%n von {total} Profilen in {path} konnte nicht gelesen werden, und die Datei konnte nicht beiseitegelegt werden; in dieser Sitzung wird daher nichts darüber gespeichert. Prüfen Sie Eigentümer und Berechtigungen der Datei und starten Sie dann neu.</numerusform>
            <numerusform>%n von {total} Profilen in {path} konnten nicht gelesen werden, und die Datei konnte nicht beiseitegelegt werden; in dieser Sitzung wird daher nichts darüber gespeichert. Prüfen Sie Eigentümer und Berechtigungen der Datei und starten Sie dann neu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} profiles in {path} could not be read and were left out; the whole file was kept as {name} in the same folder.</source>
        <translation>
            <numerusform>%n von {total} Profilen in {path} konnte nicht gelesen werden und wurde weggelassen; die ganze Datei wurde im selben Ordner als {name} aufbewahrt.</numerusform>
            <numerusform>%n von {total} Profilen in {path} konnten nicht gelesen werden und wurden weggelassen; die ganze Datei wurde im selben Ordner als {name} aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the profiles to {path} ({reason}): changes are kept until you quit. Check that the folder exists and is writable, then restart.</source>
        <translation>Die Profile konnten nicht in {path} gespeichert werden ({reason}): Änderungen bleiben bis zum Beenden erhalten. Prüfen Sie, ob der Ordner existiert und beschreibbar ist, und starten Sie dann neu.</translation>
    </message>
</context>
<context>
    <name>SaveFlow</name>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Saved. Also changed on parcelLab meanwhile and shown now: {fields}.</source>
        <translation>Gespeichert. Inzwischen auch bei parcelLab geändert und jetzt angezeigt: {fields}.</translation>
    </message>
    <message>
        <source>Found on parcelLab: saved.</source>
        <translation>Bei parcelLab gefunden: gespeichert.</translation>
    </message>
    <message>
        <source>Looking the order up…</source>
        <translation>Bestellung wird nachgeschlagen …</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Look the order up on parcelLab; nothing is sent</source>
        <translation>Bestellung bei parcelLab nachschlagen; es wird nichts gesendet</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Look once more, then send the changes if still absent</source>
        <translation>Noch einmal nachschlagen und die Änderungen senden, falls sie noch fehlen</translation>
    </message>
    <message>
        <source>Outcome unknown. Your changes are kept.</source>
        <translation>Ergebnis unbekannt. Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Not saved. Your changes are kept.</source>
        <translation>Nicht gespeichert. Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Stopped. It may still reach parcelLab: use Check again.</source>
        <translation>Abgebrochen. Die Speicherung kann parcelLab trotzdem noch erreichen – nutzen Sie „Erneut prüfen“.</translation>
    </message>
    <message>
        <source>Stopped. Your changes are kept.</source>
        <translation>Abgebrochen. Ihre Änderungen bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Order number, e-mail, tracking number, customer number, reference or id, then Enter</source>
        <translation>Bestellnummer, E-Mail, Sendungsnummer, Kundennummer, Referenz oder ID, dann Enter</translation>
    </message>
    <message>
        <source>Open order</source>
        <translation>Bestellung öffnen</translation>
    </message>
    <message>
        <source>Takes whatever the customer wrote; Enter searches, Down shows suggestions</source>
        <translation>Nimmt, was die Kundin oder der Kunde geschrieben hat; Enter sucht, Pfeil nach unten zeigt Vorschläge</translation>
    </message>
    <message>
        <source>O&amp;pen order:</source>
        <translation>Bestellung ö&amp;ffnen:</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>recent</source>
        <translation>zuletzt geöffnet</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>account {account}</source>
        <translation>Account {account}</translation>
    </message>
    <message>
        <source>from this session: {source}</source>
        <translation>aus dieser Sitzung: {source}</translation>
    </message>
    <message>
        <source>Known from this session, not a search of the service</source>
        <translation>Aus dieser Sitzung bekannt, keine Suche beim Dienst</translation>
    </message>
</context>
<context>
    <name>SearchMessages</name>
    <message>
        <source>order number or external id {values}</source>
        <translation>Bestellnummer oder externe ID {values}</translation>
    </message>
    <message>
        <source>tracking number with {couriers}</source>
        <translation>Sendungsnummer bei {couriers}</translation>
    </message>
    <message>
        <source>{what} in accounts {accounts}</source>
        <translation>{what} in den Konten {accounts}</translation>
    </message>
    <message>
        <source>{what} in account {accounts}</source>
        <translation>{what} im Konto {accounts}</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>Zu „{text}“ wurde nichts gefunden.</translation>
    </message>
    <message>
        <source>Tried: {lookups}.</source>
        <translation>Gesucht: {lookups}.</translation>
    </message>
    <message>
        <source>An e-mail is looked up per account and no account is known yet: add the profile&apos;s accounts (Profile ▸ Edit this profile…) or let the list load first.</source>
        <translation>Eine E-Mail-Adresse wird je Konto gesucht, und noch ist kein Konto bekannt: Tragen Sie die Konten des Profils ein (Profil ▸ Dieses Profil bearbeiten …) oder lassen Sie zuerst die Liste laden.</translation>
    </message>
    <message>
        <source>every account</source>
        <translation>alle Konten</translation>
    </message>
    <message>
        <source>Not tried now: the order-info lookup for {where} is paused until {time} (the team&apos;s 100 lookups a minute are used up); search again in {seconds} s.</source>
        <translation>Jetzt nicht gesucht: Die Bestellauskunft für {where} ist bis {time} pausiert (die 100 Abfragen pro Minute Ihres Teams sind aufgebraucht); suchen Sie in {seconds} s erneut.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Could not check {kinds}: {reason}</source>
        <translation>{kinds} konnte nicht geprüft werden: {reason}</translation>
    </message>
    <message>
        <source>Numbers must match in full; from this session: {numbers}.</source>
        <translation>Nummern müssen vollständig übereinstimmen; aus dieser Sitzung: {numbers}.</translation>
    </message>
    <message>
        <source>Numbers and references must match in full.</source>
        <translation>Nummern und Referenzen müssen vollständig übereinstimmen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>As the operating system</source>
        <translation>Wie das Betriebssystem</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the console.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start der Konsole.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Darstellung:</translation>
    </message>
</context>
<context>
    <name>SettingsFile</name>
    <message>
        <source>could not be read ({reason})</source>
        <translation>konnte nicht gelesen werden ({reason})</translation>
    </message>
    <message>
        <source>is damaged (line {number} is not a setting)</source>
        <translation>ist beschädigt (Zeile {number} ist keine Einstellung)</translation>
    </message>
    <message>
        <source>is damaged (it is not text)</source>
        <translation>ist beschädigt (sie ist kein Text)</translation>
    </message>
    <message>
        <source>The window settings file {path} {what} and could not be moved aside; it is left as it is, and window sizes are not remembered in this session.</source>
        <translation>Die Datei mit den Fenstereinstellungen {path} {what} und konnte nicht beiseitegelegt werden; sie bleibt, wie sie ist, und Fenstergrößen werden in dieser Sitzung nicht gespeichert.</translation>
    </message>
    <message>
        <source>The window settings file {path} {what}; it was kept as {name} and window sizes start from their defaults.</source>
        <translation>Die Datei mit den Fenstereinstellungen {path} {what}; sie wurde als {name} aufbewahrt, und die Fenstergrößen beginnen mit ihren Standardwerten.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>In a form, Alt with the underlined letter jumps to a field. Tab and Shift+Tab move between controls; on a tag, Delete or Backspace removes it.</source>
        <translation>In einem Formular springen Sie mit Alt und dem unterstrichenen Buchstaben zu einem Feld. Mit Tab und Umschalt+Tab wechseln Sie zwischen den Elementen; auf einem Tag entfernt Entf oder Rücktaste den Tag.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to {profile}</source>
        <translation>Bei {profile} anmelden</translation>
    </message>
    <message>
        <source>Your token for “{profile}” was rejected.</source>
        <translation>Ihr Token für „{profile}“ wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The server answered 401 Unauthorized: the token has expired, was revoked, or was mistyped. Paste a new token to sign in again. Your open orders and unsaved edits are kept.</source>
        <translation>Der Server hat mit 401 Unauthorized geantwortet: Das Token ist abgelaufen, wurde widerrufen oder falsch eingegeben. Fügen Sie ein neues Token ein, um sich erneut anzumelden. Ihre geöffneten Bestellungen und nicht gespeicherten Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Remember the token in the system keyring</source>
        <translation>Token im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>No usable keyring: the token is kept in memory for this session only.</source>
        <translation>Kein nutzbarer Schlüsselbund: Das Token wird nur für diese Sitzung im Arbeitsspeicher behalten.</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Parcellab-API-Token, account {account}</source>
        <translation>Parcellab-API-Token, Account {account}</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The log file {path} cannot be written ({reason}), so the log goes to the terminal (standard error) only. Make the file and its folder writable for your user, then restart.</source>
        <translation>Die Protokolldatei {path} kann nicht geschrieben werden ({reason}); das Protokoll geht daher nur an das Terminal (Standardfehlerausgabe). Machen Sie die Datei und ihren Ordner für Ihren Benutzer beschreibbar und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>The demo database {path} cannot be used ({reason}), so the demo runs on a temporary database that is removed when you quit; the file is left as it is.</source>
        <translation>Die Demo-Datenbank {path} kann nicht verwendet werden ({reason}); die Demo läuft daher auf einer temporären Datenbank, die beim Beenden gelöscht wird. Die Datei bleibt, wie sie ist.</translation>
    </message>
</context>
<context>
    <name>TagChip</name>
    <message>
        <source>Delete or Backspace removes it</source>
        <translation>Entf oder Rücktaste entfernt ihn</translation>
    </message>
    <message>
        <source>✕</source>
        <translation>✕</translation>
    </message>
</context>
<context>
    <name>TagsEditor</name>
    <message>
        <source>No tags</source>
        <translation>Keine Tags</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Neuer Tag</translation>
    </message>
    <message>
        <source>Add a tag (key:value) and press Enter</source>
        <translation>Tag (Schlüssel:Wert) eingeben und Eingabetaste drücken</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
</context>
<context>
    <name>TokenField</name>
    <message>
        <source>Paste the API token</source>
        <translation>API-Token einfügen</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show or hide the token</source>
        <translation>Token anzeigen oder verbergen</translation>
    </message>
    <message>
        <source>Show token</source>
        <translation>Token anzeigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Hide token</source>
        <translation>Token verbergen</translation>
    </message>
</context>
<context>
    <name>TrackingFormDialog</name>
    <message>
        <source>Edit tracking {number}</source>
        <translation>Sendung {number} bearbeiten</translation>
    </message>
    <message>
        <source>Add tracking</source>
        <translation>Sendung hinzufügen</translation>
    </message>
    <message>
        <source>Sent to parcelLab when you save the order.</source>
        <translation>Wird beim Speichern der Bestellung an parcelLab übertragen.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>The courier and number identify the tracking</source>
        <translation>Versanddienstleister und Sendungsnummer kennzeichnen die Sendung eindeutig</translation>
    </message>
</context>
<context>
    <name>TrackingsEditor</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>New · not saved</source>
        <translation>Neu · nicht gespeichert</translation>
    </message>
    <message>
        <source>No status yet</source>
        <translation>Noch kein Status</translation>
    </message>
    <message>
        <source>{status} · edited</source>
        <translation>{status} · geändert</translation>
    </message>
    <message>
        <source>Trackings</source>
        <translation>Sendungen</translation>
    </message>
    <message>
        <source>No trackings yet. Add the parcel&apos;s courier and number.</source>
        <translation>Noch keine Sendungen. Fügen Sie Versanddienstleister und Sendungsnummer des Pakets hinzu.</translation>
    </message>
    <message>
        <source>Add &amp;tracking…</source>
        <translation>Sendung &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Add a parcel to this order (sent with the next save)</source>
        <translation>Ein Paket zu dieser Bestellung hinzufügen (wird beim nächsten Speichern übertragen)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <source>Change the selected tracking (sent with the next save)</source>
        <translation>Ausgewählte Sendung ändern (wird beim nächsten Speichern übertragen)</translation>
    </message>
    <message>
        <source>Undo change</source>
        <translation>Änderung rückgängig</translation>
    </message>
    <message>
        <source>Forget the unsaved change to the selected tracking</source>
        <translation>Nicht gespeicherte Änderung an der ausgewählten Sendung verwerfen</translation>
    </message>
    <message>
        <source>Cancel tracking…</source>
        <translation>Sendung stornieren …</translation>
    </message>
    <message>
        <source>Cancel the selected parcel (asks first)</source>
        <translation>Ausgewähltes Paket stornieren (mit Rückfrage)</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to parcelLab Desk</source>
        <translation>Willkommen bei parcelLab Desk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to parcelLab Desk&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Willkommen bei parcelLab Desk&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Look up, fix and cancel parcelLab orders and their trackings. How would you like to start?</source>
        <translation>Bestellungen und Sendungen in parcelLab nachschlagen, korrigieren und stornieren. Wie möchten Sie beginnen?</translation>
    </message>
    <message>
        <source>Try the demo (local sandbox)</source>
        <translation>Demo ausprobieren (lokale Sandbox)</translation>
    </message>
    <message>
        <source>Starts a sandbox with sample orders on this computer. Nothing is sent to parcelLab, and no token is needed.</source>
        <translation>Startet auf diesem Computer eine Sandbox mit Beispielbestellungen. Es wird nichts an parcelLab gesendet, und Sie brauchen kein Token.</translation>
    </message>
    <message>
        <source>Connect to parcelLab</source>
        <translation>Mit parcelLab verbinden</translation>
    </message>
    <message>
        <source>Set up a connection profile: region (EU, US or global) and your API token. The token is kept in the system keyring.</source>
        <translation>Richten Sie ein Verbindungsprofil ein: Region (EU, USA oder global) und Ihr API-Token. Das Token wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <source>Next &amp;area</source>
        <translation>Nächster &amp;Bereich</translation>
    </message>
    <message>
        <source>Pre&amp;vious area</source>
        <translation>&amp;Vorheriger Bereich</translation>
    </message>
    <message>
        <source>Ne&amp;xt order tab</source>
        <translation>Nä&amp;chster Bestellungs-Tab</translation>
    </message>
    <message>
        <source>Previous order &amp;tab</source>
        <translation>Vorheriger Bestellungs-&amp;Tab</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>1 order</source>
        <translation>1 Bestellung</translation>
    </message>
    <message>
        <source>{n} orders</source>
        <translation>{n} Bestellungen</translation>
    </message>
    <message>
        <source>of account {accounts}</source>
        <translation>des Accounts {accounts}</translation>
    </message>
    <message>
        <source>of accounts {accounts}</source>
        <translation>der Accounts {accounts}</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> und {n} weitere</translation>
    </message>
</context>
</TS>
