//! Several desks of one office: the office's personal data between its own desks, end-to-end
//! encrypted with an office key the platform never holds.
//!
//! **Why sealed records and not the platform's tables.** The platform must not learn a
//! resident's name, address, phone or national number, yet each caseworker's register must see
//! the residents, requests and notes the colleagues entered. So every desk seals each of its
//! records (a resident with their phones, access note, pseudonym and exclusions; a request; a
//! booking; a contact; a volunteer of the office's own) with the office key and pushes the
//! ciphertext like any other mutation; the platform stores and forwards it in the office's
//! bucket without being able to read it (the way Atuin syncs shell history).
//!
//! **The key.** 32 random bytes made by the first desk to enrol. The platform keeps only its
//! fingerprint ([`OfficeKey::id`]), so it can tell a later desk "this office has a key: get it
//! from a colleague" and refuse records sealed under another one. A colleague's desk shows the
//! key as a code ([`OfficeKey::code`]: 56 base32 characters in groups of four, the last four a
//! check), typed on the new desk; it never travels through the platform.
//!
//! **Versions and conflicts.** Triggers (`migrations/0006-office`) give a record a new version
//! on every local change: a hybrid logical clock (never behind any version seen here) and the
//! desk's id. A received version that starts from the one held here replaces it. Two versions
//! made at once on two desks are a conflict: every desk keeps the later one by `(hlc, author)`,
//! so all desks agree without talking to each other, and the other is kept in
//! `office_conflict` for a person. A version seen before changes nothing.
//!
//! **Cipher.** XChaCha20-Poly1305 with a random 24-byte nonce per seal; the associated data binds
//! the ciphertext to its office and record id, so the platform cannot move a blob onto another
//! record unnoticed.

use std::collections::BTreeMap;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::{BASE32_NOPAD, BASE64URL_NOPAD};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use solidesk_protocol as proto;
use uuid::Uuid;

use super::OfficeConflict;
use crate::error::{Error, Result};
use crate::register::Register;

/// The office part of [`super::SyncStatus`].
pub(crate) struct OfficeStatus {
    pub(crate) key: String,
    pub(crate) waiting: u64,
    pub(crate) parked: u64,
    pub(crate) conflicts: Vec<OfficeConflict>,
}

impl Register {
    /// The office key as a code to type on a new desk of the office (`solidesk sync key show`,
    /// the Sync screen). Whoever sees it can read the office's records on the platform: show it
    /// to a colleague, never send it.
    pub fn office_key_code(&self) -> Result<String> {
        let ctx = OfficeContext::read(&self.conn)?;
        ctx.key.map(|(k, _)| k.code()).ok_or_else(|| {
            Error::Sync(
                "This desk does not hold the office key; enter the code shown on an enrolled desk of your office first."
                    .into(),
            )
        })
    }

    /// Takes the office key from a code shown on a colleague's desk, then applies what the
    /// office's other desks sent while this desk could not read it. Returns how many records
    /// came in. A code that is not the office's key (the platform names its fingerprint) is
    /// refused and changes nothing.
    pub fn join_office_key(&mut self, code: &str) -> Result<u32> {
        let key = OfficeKey::from_code(code)?;
        let (enrolled, expected): (bool, Option<String>) = self.conn.query_row(
            "SELECT enrolled, office_key_id FROM sync_state WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if !enrolled {
            return Err(Error::Sync(
                "Enrol this desk with the platform first (`solidesk sync enrol`), then enter the office key code."
                    .into(),
            ));
        }
        if expected.as_deref().is_some_and(|e| e != key.id()) {
            return Err(Error::invalid(
                "office_key",
                "this code is a valid key, but not your office's: copy the code from an enrolled desk of this office",
            ));
        }
        let now = crate::now();
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE sync_state SET office_key = ?1, office_key_id = ?2 WHERE id = 1",
                params![key.to_stored(), key.id()],
            )?;
            // Whatever this desk sealed under another key was refused: seal it all again.
            mark_unversioned(tx)?;
            tx.execute("UPDATE office_record SET dirty = 1 WHERE author = (SELECT device_id FROM sync_state)", [])?;
            tx.execute("UPDATE sync_state SET applying = 1 WHERE id = 1", [])?;
            let ctx = OfficeContext::read(tx)?;
            let (taken, _) = retry_parked(tx, &ctx, &now)?;
            tx.execute("UPDATE sync_state SET applying = 0 WHERE id = 1", [])?;
            Ok(taken)
        })
    }

    /// Marks a conflict as looked at: it leaves the Sync screen and `sync status`.
    pub fn resolve_office_conflict(&mut self, id: i64) -> Result<()> {
        let now = crate::now();
        let changed = self.with_tx(|tx| {
            Ok(tx.execute(
                "UPDATE office_conflict SET resolved_at = ?2 WHERE id = ?1 AND resolved_at IS NULL",
                params![id, now],
            )?)
        })?;
        if changed == 0 {
            return Err(Error::NotFound {
                what: "conflict",
                id: id.to_string(),
            });
        }
        Ok(())
    }

    /// Seals the records changed here since the last sync into the outbox (one transaction).
    pub(crate) fn seal_office_records(&mut self) -> Result<u32> {
        let now = crate::now();
        self.with_tx(|tx| {
            let ctx = OfficeContext::read(tx)?;
            seal_changed(tx, &ctx, &now)
        })
    }

    pub(crate) fn office_status(&self) -> Result<OfficeStatus> {
        let (stored, expected, waiting, parked): (Option<String>, Option<String>, i64, i64) =
            self.conn.query_row(
                "SELECT office_key, office_key_id,
                        (SELECT count(*) FROM office_record WHERE dirty = 1),
                        (SELECT count(*) FROM office_parked)
                 FROM sync_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        let key = match stored.as_deref().and_then(OfficeKey::from_stored) {
            None => "missing",
            Some(k) if expected.as_deref().is_some_and(|e| e != k.id()) => "other",
            Some(_) => "held",
        };
        let conflicts = self
            .conn
            .prepare(
                "SELECT id, record_id, kind, set_aside, set_aside_author, kept_author, detected_at
                 FROM office_conflict WHERE resolved_at IS NULL ORDER BY id DESC",
            )?
            .query_map([], |r| {
                let set_aside: String = r.get(3)?;
                Ok(OfficeConflict {
                    id: r.get(0)?,
                    record_id: r.get(1)?,
                    kind: r.get(2)?,
                    label: label(&set_aside),
                    set_aside,
                    set_aside_by: r.get(4)?,
                    kept_by: r.get(5)?,
                    detected_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(OfficeStatus {
            key: key.to_owned(),
            waiting: waiting.unsigned_abs(),
            parked: parked.unsigned_abs(),
            conflicts,
        })
    }
}

/// How a person recognises a record from its image: a name, or a kind and a day.
fn label(image: &str) -> String {
    let Ok(image) = serde_json::from_str::<RecordImage>(image) else {
        return String::new();
    };
    let text = |name: &str| image.row.get(name).and_then(Value::as_str).unwrap_or("");
    let joined = [
        text("first_name"),
        text("last_name"),
        text("kind"),
        text("due_date"),
        text("occurrence_date"),
        text("at"),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    if joined.is_empty() { image.id } else { joined }
}

/// The office key: shared by the office's desks, never by the platform.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct OfficeKey([u8; 32]);

impl std::fmt::Debug for OfficeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OfficeKey({})", self.id())
    }
}

/// Check bytes at the end of a key code: a mistyped character is caught before anything else.
const CODE_CHECK: usize = 3;

impl OfficeKey {
    /// A fresh random key.
    pub(crate) fn generate() -> Result<OfficeKey> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Sync(format!("The system gave no random bytes: {e}.")))?;
        Ok(OfficeKey(bytes))
    }

    /// The fingerprint the platform knows the key by: 32 hex digits of a hash that cannot be
    /// turned back into the key.
    pub(crate) fn id(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(b"solidesk office key id v1\0");
        hash.update(self.0);
        proto::hex(&hash.finalize()[..16])
    }

    /// The key as a person copies it from one desk to another: `ABCD-EFGH-…`, 14 groups.
    pub(crate) fn code(&self) -> String {
        let mut bytes = self.0.to_vec();
        bytes.extend_from_slice(&Sha256::digest(self.0)[..CODE_CHECK]);
        let text = BASE32_NOPAD.encode(&bytes);
        text.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    /// Reads a code as typed: case, spaces and dashes do not matter; `0`/`1`/`8` typed for
    /// `O`/`I`/`B` are read as meant (base32 has no such digits).
    pub(crate) fn from_code(code: &str) -> Result<OfficeKey> {
        let bad = || {
            Error::invalid(
                "office_key",
                "this is not an office key code: copy the 56 characters shown on an enrolled desk of your office",
            )
        };
        let text: String = code
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                '0' => 'O',
                '1' => 'I',
                '8' => 'B',
                other => other,
            })
            .collect();
        let bytes = BASE32_NOPAD.decode(text.as_bytes()).map_err(|_| bad())?;
        if bytes.len() != 32 + CODE_CHECK {
            return Err(bad());
        }
        let (key, check) = bytes.split_at(32);
        if Sha256::digest(key)[..CODE_CHECK] != *check {
            return Err(Error::invalid(
                "office_key",
                "the office key code has a typing error: check it character by character",
            ));
        }
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(key);
        Ok(OfficeKey(bytes))
    }

    /// As kept in the (encrypted) register.
    pub(crate) fn to_stored(&self) -> String {
        proto::hex(&self.0)
    }

    pub(crate) fn from_stored(text: &str) -> Option<OfficeKey> {
        let bytes = data_encoding::HEXLOWER_PERMISSIVE
            .decode(text.as_bytes())
            .ok()?;
        Some(OfficeKey(bytes.try_into().ok()?))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }

    /// The ciphertext of `plain` for record `record` of office `office`, as the wire carries it.
    pub(crate) fn seal(&self, office: i64, record: Uuid, plain: &[u8]) -> Result<String> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce)
            .map_err(|e| Error::Sync(format!("The system gave no random bytes: {e}.")))?;
        let aad = associated_data(office, record);
        let sealed = self
            .cipher()
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: &aad,
                },
            )
            .map_err(|_| Error::Sync("Could not seal a record with the office key.".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(BASE64URL_NOPAD.encode(&out))
    }

    /// The plain text of a blob, or `None` when it was not sealed with this key for this record
    /// of this office (or was changed on the way).
    pub(crate) fn open(&self, office: i64, record: Uuid, blob: &str) -> Option<Vec<u8>> {
        let bytes = BASE64URL_NOPAD.decode(blob.as_bytes()).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(24);
        let aad = associated_data(office, record);
        self.cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .ok()
    }
}

fn associated_data(office: i64, record: Uuid) -> Vec<u8> {
    format!("solidesk office record v1\0{office}\0{record}").into_bytes()
}

/// One kind of record: a root table (rows by `id`) and the tables hanging off it.
struct Kind {
    name: &'static str,
    table: &'static str,
    /// Which root rows are the office's to share (platform volunteers come from the platform).
    shared: &'static str,
    /// Child tables and their column naming the root's id.
    children: &'static [(&'static str, &'static str)],
}

/// In the order records may depend on each other (first marking of an existing register).
const KINDS: &[Kind] = &[
    Kind {
        name: "volunteer",
        table: "volunteer",
        shared: "platform_id IS NULL",
        children: &[
            ("volunteer_language", "volunteer_id"),
            ("volunteer_task", "volunteer_id"),
            ("volunteer_availability", "volunteer_id"),
        ],
    },
    Kind {
        name: "resident",
        table: "resident",
        shared: "1",
        children: &[
            ("resident_phone", "resident_id"),
            ("resident_access_note", "resident_id"),
            ("resident_pseudonym", "resident_id"),
            ("volunteer_exclusion", "resident_id"),
        ],
    },
    Kind {
        name: "request",
        table: "help_request",
        shared: "1",
        children: &[],
    },
    Kind {
        name: "assignment",
        table: "assignment",
        shared: "1",
        children: &[],
    },
    Kind {
        name: "contact",
        table: "contact_log",
        shared: "1",
        children: &[],
    },
];

fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// A version of a record: the whole image, sealed as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct RecordImage {
    kind: String,
    id: String,
    hlc: i64,
    author: String,
    base_hlc: Option<i64>,
    base_author: Option<String>,
    /// The record was deleted (a proposal dropped by a new plan, an erased person).
    deleted: bool,
    row: Map<String, Value>,
    children: BTreeMap<String, Vec<Map<String, Value>>>,
}

impl RecordImage {
    fn version(&self) -> (i64, &str) {
        (self.hlc, &self.author)
    }

    /// The same content, whoever stamped it when: two desks that made the same change (both
    /// applying one lost booking) are not in conflict.
    fn same_content(&self, other: &RecordImage) -> bool {
        let strip = |row: &Map<String, Value>| {
            let mut row = row.clone();
            row.remove("updated_at");
            row
        };
        self.deleted == other.deleted
            && strip(&self.row) == strip(&other.row)
            && self.children == other.children
    }
}

/// The version a desk holds of a record (`office_record`).
struct Held {
    hlc: i64,
    author: String,
    base: Option<(i64, String)>,
    dirty: bool,
}

/// What the desk holds for sealing and opening, read once per transaction.
pub(crate) struct OfficeContext {
    pub(crate) office_id: i64,
    /// The key, when this desk has the office's (the platform's fingerprint matches), with its
    /// fingerprint (a hash: computed once, not per record).
    pub(crate) key: Option<(OfficeKey, String)>,
    /// The columns of each table records are written to, read once per context: a page of
    /// 1,000 received records used to run a PRAGMA for every row it wrote.
    columns: std::cell::RefCell<BTreeMap<&'static str, Vec<String>>>,
}

impl OfficeContext {
    pub(crate) fn read(tx: &rusqlite::Connection) -> Result<OfficeContext> {
        let (office_id, key, expected): (Option<i64>, Option<String>, Option<String>) = tx
            .query_row(
                "SELECT office_id, office_key, office_key_id FROM sync_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
        let key = key
            .as_deref()
            .and_then(OfficeKey::from_stored)
            .map(|k| {
                let id = k.id();
                (k, id)
            })
            .filter(|(_, id)| expected.as_deref().is_none_or(|e| e == id));
        Ok(OfficeContext {
            office_id: office_id.unwrap_or(0),
            key,
            columns: std::cell::RefCell::default(),
        })
    }

    /// The columns this register's `table` has (an image from a newer desk may carry more).
    fn columns(&self, tx: &Transaction<'_>, table: &'static str) -> Result<Vec<String>> {
        if let Some(known) = self.columns.borrow().get(table) {
            return Ok(known.clone());
        }
        let names: Vec<String> = tx
            .prepare_cached(&format!("SELECT name FROM pragma_table_info('{table}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.columns.borrow_mut().insert(table, names.clone());
        Ok(names)
    }
}

/// What receiving one sealed record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Received {
    Applied,
    /// Seen before, or older than what the desk holds: nothing to do.
    Unchanged,
    /// Applied or kept, with a conflict recorded.
    Conflict,
    /// Kept aside until it can be applied.
    Parked,
}

/// Marks every shared record of the register that has no version yet (records made before
/// enrolment), in dependency order, so the next sync seals them all.
pub(crate) fn mark_unversioned(tx: &Transaction<'_>) -> Result<()> {
    for k in KINDS {
        tx.execute(
            &format!(
                "INSERT INTO office_record (record_id, kind, hlc, author, dirty)
                 SELECT t.id, ?1,
                        max(s.hlc, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 1000)
                            + row_number() OVER (ORDER BY t.local_id),
                        coalesce(s.device_id, ''), 1
                 FROM {table} t, sync_state s
                 WHERE s.id = 1 AND ({shared})
                   AND NOT EXISTS (SELECT 1 FROM office_record o WHERE o.record_id = t.id)",
                table = k.table,
                shared = k.shared,
            ),
            [k.name],
        )?;
        tx.execute(
            "UPDATE sync_state SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM office_record))
             WHERE id = 1",
            [],
        )?;
    }
    Ok(())
}

/// Seals every record changed here since the last sync and queues it, one local transaction
/// per record (a city's residents sealed at once must still fit in batches). Returns how many.
pub(crate) fn seal_changed(tx: &Transaction<'_>, ctx: &OfficeContext, now: &str) -> Result<u32> {
    let Some((key, key_id)) = &ctx.key else {
        return Ok(0);
    };
    let marked: Vec<(String, String)> = tx
        .prepare("SELECT record_id, kind FROM office_record WHERE dirty = 1 ORDER BY hlc")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut sealed = 0;
    for (record_id, kind_name) in marked {
        let Some(k) = kind(&kind_name) else {
            continue;
        };
        let Some(held) = held(tx, &record_id)? else {
            continue;
        };
        let image = image_of(tx, k, &record_id, &held)?;
        let id = Uuid::parse_str(&record_id)
            .map_err(|_| Error::Sync(format!("The record id {record_id:?} is not a UUID.")))?;
        let plain = serde_json::to_vec(&image).map_err(|e| Error::Sync(e.to_string()))?;
        let body = proto::MutationBody::Sealed(proto::SealedImage {
            id,
            key_id: key_id.clone(),
            blob: key.seal(ctx.office_id, id, &plain)?,
        });
        tx.execute(
            "UPDATE sync_state SET local_tx = local_tx + 1 WHERE id = 1",
            [],
        )?;
        tx.execute(
            "INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
             VALUES (?1, (SELECT local_tx FROM sync_state), 'sealed', ?2, ?3, ?4)",
            params![
                Uuid::now_v7().to_string(),
                record_id,
                serde_json::to_string(&body).map_err(|e| Error::Sync(e.to_string()))?,
                now
            ],
        )?;
        tx.execute(
            "UPDATE office_record SET dirty = 0 WHERE record_id = ?1",
            [&record_id],
        )?;
        seen(tx, &record_id, held.hlc, &held.author)?;
        sealed += 1;
    }
    Ok(sealed)
}

/// Receives one sealed record from the office's feed (inside the page's transaction, with the
/// outbox triggers quiet); one that cannot be applied yet is parked.
pub(crate) fn receive(
    tx: &Transaction<'_>,
    ctx: &OfficeContext,
    sealed: &proto::SealedImage,
    now: &str,
) -> Result<Received> {
    match take(tx, ctx, sealed, now)? {
        Ok(received) => Ok(received),
        Err(reason) => {
            tx.execute(
                "INSERT INTO office_parked (record_id, key_id, blob, reason, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    sealed.id.to_string(),
                    sealed.key_id,
                    sealed.blob,
                    reason,
                    now
                ],
            )?;
            Ok(Received::Parked)
        }
    }
}

/// Opens and integrates one sealed record. `Ok(Err(reason))` when it cannot be applied yet;
/// nothing of it was written then.
fn take(
    tx: &Transaction<'_>,
    ctx: &OfficeContext,
    sealed: &proto::SealedImage,
    now: &str,
) -> Result<std::result::Result<Received, String>> {
    let Some((key, key_id)) = &ctx.key else {
        return Ok(Err("no_key".into()));
    };
    if sealed.key_id != *key_id {
        return Ok(Err("other_key".into()));
    }
    let unreadable = || Ok(Err("unreadable".into()));
    let Some(plain) = key.open(ctx.office_id, sealed.id, &sealed.blob) else {
        return unreadable();
    };
    let Ok(image) = serde_json::from_slice::<RecordImage>(&plain) else {
        return unreadable();
    };
    if image.id != sealed.id.to_string() || kind(&image.kind).is_none() {
        return unreadable();
    }
    tx.execute_batch("SAVEPOINT office_receive")?;
    match integrate(tx, ctx, &image, now) {
        Ok(outcome) => {
            tx.execute_batch("RELEASE office_receive")?;
            Ok(Ok(outcome))
        }
        // A record it refers to is not here yet (a booking of a volunteer not pulled yet), a
        // rule of this register refuses it: keep it and try again later.
        Err(Error::Database(e)) => {
            tx.execute_batch("ROLLBACK TO office_receive; RELEASE office_receive")?;
            Ok(Err(format!("waiting: {e}")))
        }
        Err(other) => {
            tx.execute_batch("ROLLBACK TO office_receive; RELEASE office_receive")?;
            Err(other)
        }
    }
}

/// Tries the parked records again, oldest first; those that still cannot be applied stay where
/// they are in the order. Returns how many were taken in, and how many of those were conflicts.
pub(crate) fn retry_parked(
    tx: &Transaction<'_>,
    ctx: &OfficeContext,
    now: &str,
) -> Result<(u32, u32)> {
    if ctx.key.is_none() {
        return Ok((0, 0));
    }
    let (mut taken, mut conflicts) = (0, 0);
    // Applying one may let another through (a resident, then their request): go round until a
    // pass takes nothing.
    loop {
        let parked: Vec<(i64, String, String, String)> = tx
            .prepare("SELECT seq, record_id, key_id, blob FROM office_parked ORDER BY seq")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut progress = false;
        for (seq, record_id, key_id, blob) in parked {
            let Ok(id) = Uuid::parse_str(&record_id) else {
                continue;
            };
            match take(tx, ctx, &proto::SealedImage { id, key_id, blob }, now)? {
                Ok(received) => {
                    tx.execute("DELETE FROM office_parked WHERE seq = ?1", [seq])?;
                    progress = true;
                    taken += 1;
                    conflicts += u32::from(received == Received::Conflict);
                }
                Err(reason) => {
                    tx.execute(
                        "UPDATE office_parked SET reason = ?1 WHERE seq = ?2",
                        params![reason, seq],
                    )?;
                }
            }
        }
        if !progress {
            return Ok((taken, conflicts));
        }
    }
}

fn held(tx: &Transaction<'_>, record_id: &str) -> Result<Option<Held>> {
    Ok(tx
        .prepare_cached(
            "SELECT hlc, author, base_hlc, base_author, dirty FROM office_record WHERE record_id = ?1",
        )?
        .query_row([record_id], |r| {
            let base_hlc: Option<i64> = r.get(2)?;
            let base_author: Option<String> = r.get(3)?;
            Ok(Held {
                hlc: r.get(0)?,
                author: r.get(1)?,
                base: base_hlc.zip(base_author),
                dirty: r.get(4)?,
            })
        })
        .optional()?)
}

fn seen(tx: &Transaction<'_>, record_id: &str, hlc: i64, author: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO office_record_version (record_id, hlc, author) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![record_id, hlc, author])?;
    Ok(())
}

/// Decides what a received version does to the record held here, and does it.
fn integrate(
    tx: &Transaction<'_>,
    ctx: &OfficeContext,
    image: &RecordImage,
    now: &str,
) -> Result<Received> {
    let k = kind(&image.kind).ok_or_else(|| Error::Sync("unknown record kind".into()))?;
    let was_seen = tx
        .prepare_cached(
            "SELECT 1 FROM office_record_version WHERE record_id = ?1 AND hlc = ?2 AND author = ?3",
        )?
        .exists(params![image.id, image.hlc, image.author])?;
    if was_seen {
        return Ok(Received::Unchanged);
    }
    // The desk's clock never falls behind a version it has seen: its next edit sorts after.
    tx.execute(
        "UPDATE sync_state SET hlc = max(hlc, ?1) WHERE id = 1",
        [image.hlc],
    )?;
    seen(tx, &image.id, image.hlc, &image.author)?;
    // The request whose bookings this record may make something due for the platform (see
    // `send_what_the_merge_owes`).
    let request_id = match k.name {
        "request" => Some(image.id.clone()),
        "assignment" => image
            .row
            .get("request_id")
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    };
    let owed_before = match &request_id {
        Some(id) => owed_to_platform(tx, id)?,
        None => Vec::new(),
    };
    if k.name == "assignment" && !image.deleted && !same_booking_settled(tx, k, image, now)? {
        return Ok(Received::Conflict);
    }
    let incoming_base = image.base_hlc.zip(image.base_author.as_deref());
    let outcome = match held(tx, &image.id)? {
        None => {
            write(tx, ctx, k, image)?;
            Received::Applied
        }
        // Made on top of the version held here, with nothing changed here since.
        Some(h) if !h.dirty && incoming_base == Some((h.hlc, h.author.as_str())) => {
            write(tx, ctx, k, image)?;
            // This desk's own older version may still be on its way to the platform (sent,
            // answer lost): it would arrive after the other desk's and overwrite it. The
            // fault rounds found this (seed 1795862084858319249 on PostgreSQL).
            if k.name == "request" && request_waiting(tx, &image.id)? {
                requeue_request(tx, &image.id, now)?;
            }
            Received::Applied
        }
        Some(h) => {
            // Two versions made without seeing each other: the later one stays on every desk.
            let local = image_of(tx, k, &image.id, &h)?;
            let incoming_wins = image.version() > (h.hlc, h.author.as_str());
            let (kept, set_aside) = if incoming_wins {
                write(tx, ctx, k, image)?;
                if k.name == "request" {
                    requeue_request(tx, &image.id, now)?;
                }
                (image, &local)
            } else {
                (&local, image)
            };
            if kept.same_content(set_aside) {
                Received::Unchanged
            } else {
                record_conflict(tx, set_aside, &kept.author, now)?;
                Received::Conflict
            }
        }
    };
    if k.name == "assignment" {
        // A version of a booking made on another desk before it learned that the platform gave
        // the volunteer to another office: declined again here (the fault rounds found a
        // booking confirmed on the desks and lost on the platform, seed 1795862067706425301).
        let lost: Option<Option<String>> = tx
            .prepare_cached("SELECT holder FROM sync_lost_claim WHERE assignment_id = ?1")?
            .query_row([&image.id], |r| r.get(0))
            .optional()?;
        if let Some(holder) = lost {
            super::release_lost_claim(tx, &image.id, holder.as_deref(), now)?;
        }
    }
    if let Some(id) = &request_id {
        send_what_the_merge_owes(tx, id, &owed_before, now)?;
    }
    Ok(outcome)
}

/// Keeps one of two bookings of the same volunteer for the same request and day, made on two
/// desks before either saw the other's (the register holds one booking per volunteer, request
/// and day). Every desk keeps the one with the smaller id and sets the other aside for a person:
/// `false` when the incoming one is set aside; when the one held here goes, it goes as a change
/// of this desk's, so its claim on the platform is released and the other desks learn it.
fn same_booking_settled(
    tx: &Transaction<'_>,
    k: &Kind,
    image: &RecordImage,
    now: &str,
) -> Result<bool> {
    let same: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM assignment
             WHERE request_id = ?1 AND occurrence_date = ?2 AND volunteer_id = ?3 AND id <> ?4",
        )?
        .query_row(
            params![
                image.row.get("request_id").and_then(Value::as_str),
                image.row.get("occurrence_date").and_then(Value::as_str),
                image.row.get("volunteer_id").and_then(Value::as_str),
                image.id
            ],
            |r| r.get(0),
        )
        .optional()?;
    let Some(same) = same else {
        return Ok(true);
    };
    let held_here = held(tx, &same)?.unwrap_or(Held {
        hlc: 0,
        author: String::new(),
        base: None,
        dirty: false,
    });
    if image.id > same {
        record_conflict(tx, image, &held_here.author, now)?;
        return Ok(false);
    }
    let local = image_of(tx, k, &same, &held_here)?;
    super::as_local_change(tx, || {
        tx.execute("DELETE FROM assignment WHERE id = ?1", [&same])
    })?;
    record_conflict(tx, &local, &image.author, now)?;
    Ok(true)
}

/// Keeps the version `set_aside` of a record for a person to look at; `kept_by` made the one
/// every desk kept.
fn record_conflict(
    tx: &Transaction<'_>,
    set_aside: &RecordImage,
    kept_by: &str,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO office_conflict
             (record_id, kind, set_aside, set_aside_author, kept_author, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            set_aside.id,
            set_aside.kind,
            serde_json::to_string(set_aside).map_err(|e| Error::Sync(e.to_string()))?,
            set_aside.author,
            kept_by,
            now
        ],
    )?;
    Ok(())
}

/// What the platform must hear about the bookings of the platform's volunteers on request
/// `request_id` as held here: the outcome of each confirmed booking of a day reported (`done`,
/// `not_done`), the release of each live booking of a cancelled request (`release`):
/// `(booking, action, day)`.
fn owed_to_platform(
    tx: &Transaction<'_>,
    request_id: &str,
) -> Result<Vec<(String, String, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT a.id, CASE q.status WHEN 'cancelled' THEN 'release' ELSE q.status END,
                    a.occurrence_date
             FROM assignment a JOIN help_request q ON q.id = a.request_id
             JOIN volunteer v ON v.id = a.volunteer_id
             WHERE q.id = ?1 AND a.deleted_at IS NULL AND v.platform_id IS NOT NULL
               AND ((a.status = 'confirmed' AND q.status IN ('done', 'not_done'))
                    OR (a.status IN ('proposed', 'confirmed') AND q.status = 'cancelled'))",
        )?
        .query_map([request_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Sends what only the merge of two desks' versions made due: one desk confirmed a booking
/// while the other marked its request done (the outcome; the fault rounds found this, seed
/// 1795862265118813272), or booked a volunteer while the other cancelled the request (the
/// release; seed 1795865758654194002). Neither desk saw both, and the triggers act only on the
/// desk that makes a change. When a desk did see both and sent it already, this is the same
/// report or release again, which the platform takes as changing nothing.
fn send_what_the_merge_owes(
    tx: &Transaction<'_>,
    request_id: &str,
    before: &[(String, String, String)],
    now: &str,
) -> Result<()> {
    for (booking, status, day) in owed_to_platform(tx, request_id)? {
        if before.iter().any(|b| b.0 == booking && b.1 == status) {
            continue;
        }
        let (Ok(claim_id), Ok(occurred_on)) = (Uuid::parse_str(&booking), day.parse()) else {
            continue;
        };
        let body = match status.as_str() {
            "release" => proto::MutationBody::ClaimRelease { claim_id },
            done => proto::MutationBody::Outcome {
                outcome_id: Uuid::now_v7(),
                claim_id,
                kind: if done == "done" {
                    proto::OutcomeKind::Done
                } else {
                    proto::OutcomeKind::NotDone
                },
                occurred_on,
            },
        };
        tx.execute(
            "INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
             VALUES (?1, (SELECT local_tx FROM sync_state), ?2, ?3, ?4, ?5)",
            params![
                Uuid::now_v7().to_string(),
                body.entity(),
                booking,
                serde_json::to_string(&body).map_err(|e| Error::Sync(e.to_string()))?,
                now
            ],
        )?;
    }
    Ok(())
}

/// Whether this desk still has a version of request `id` waiting for the platform.
fn request_waiting(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM outbox WHERE entity = 'request' AND entity_id = ?1")?
        .exists([id])?)
}

/// Queues the pseudonymised image of a request whose version from another desk won over this
/// desk's: this desk may have sent its own version to the platform after the winner did, and the
/// platform must end with the version every desk kept.
fn requeue_request(tx: &Transaction<'_>, id: &str, now: &str) -> Result<()> {
    let refreshed = tx.execute(
        "UPDATE outbox SET payload = (SELECT payload FROM sync_request_payload WHERE id = ?1)
         WHERE entity = 'request' AND entity_id = ?1 AND batch_id IS NULL
           AND EXISTS (SELECT 1 FROM sync_request_payload WHERE id = ?1)",
        [id],
    )?;
    if refreshed == 0 {
        tx.execute(
            "INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
             SELECT ?1, (SELECT local_tx FROM sync_state), 'request', id, payload, ?2
             FROM sync_request_payload WHERE id = ?3",
            params![Uuid::now_v7().to_string(), now, id],
        )?;
    }
    Ok(())
}

/// Writes a received version into the register and records it as the version held.
fn write(tx: &Transaction<'_>, ctx: &OfficeContext, k: &Kind, image: &RecordImage) -> Result<()> {
    if image.deleted {
        tx.execute(
            &format!("DELETE FROM {} WHERE id = ?1", k.table),
            [&image.id],
        )?;
    } else {
        upsert(tx, ctx, k.table, "id", &image.row)?;
        for (child, fk) in k.children {
            tx.execute(&format!("DELETE FROM {child} WHERE {fk} = ?1"), [&image.id])?;
            for row in image.children.get(*child).into_iter().flatten() {
                let mut row = row.clone();
                row.insert((*fk).to_owned(), Value::String(image.id.clone()));
                insert(tx, ctx, child, &row)?;
            }
        }
        if k.name == "resident" {
            reindex_resident(tx, &image.id)?;
        }
    }
    tx.execute(
        "INSERT INTO office_record (record_id, kind, hlc, author, base_hlc, base_author, dirty)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
         ON CONFLICT (record_id) DO UPDATE SET hlc = excluded.hlc, author = excluded.author,
             base_hlc = excluded.base_hlc, base_author = excluded.base_author, dirty = 0",
        params![
            image.id,
            image.kind,
            image.hlc,
            image.author,
            image.base_hlc,
            image.base_author
        ],
    )?;
    Ok(())
}

/// The resident's search keys, rebuilt from the names just written.
fn reindex_resident(tx: &Transaction<'_>, id: &str) -> Result<()> {
    let Some((local_id, first, last)): Option<(i64, String, String)> = tx
        .query_row(
            "SELECT local_id, first_name, last_name FROM resident WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
    else {
        return Ok(());
    };
    tx.execute(
        "DELETE FROM resident_name_key WHERE local_id = ?1",
        [local_id],
    )?;
    let sort_key = crate::residents::sort_key(&first, &last);
    for token in crate::residents::name_tokens(&first, &last) {
        tx.execute(
            "INSERT OR IGNORE INTO resident_name_key (token, sort_key, local_id) VALUES (?1, ?2, ?3)",
            params![token, sort_key, local_id],
        )?;
    }
    Ok(())
}

/// The image of the record as held here, stamped with its held version.
fn image_of(tx: &Transaction<'_>, k: &Kind, id: &str, held: &Held) -> Result<RecordImage> {
    let row = rows(tx, &format!("SELECT * FROM {} WHERE id = ?1", k.table), id)?
        .into_iter()
        .next();
    let mut children = BTreeMap::new();
    if row.is_some() {
        for (child, fk) in k.children {
            let mut found = rows(tx, &format!("SELECT * FROM {child} WHERE {fk} = ?1"), id)?;
            for r in &mut found {
                r.remove(*fk);
            }
            if !found.is_empty() {
                children.insert((*child).to_owned(), found);
            }
        }
    }
    Ok(RecordImage {
        kind: k.name.to_owned(),
        id: id.to_owned(),
        hlc: held.hlc,
        author: held.author.clone(),
        base_hlc: held.base.as_ref().map(|b| b.0),
        base_author: held.base.as_ref().map(|b| b.1.clone()),
        deleted: row.is_none(),
        row: row.unwrap_or_default(),
        children,
    })
}

/// Rows as JSON objects, without the desk's own row numbers (`local_id` differs per desk).
fn rows(tx: &Transaction<'_>, sql: &str, id: &str) -> Result<Vec<Map<String, Value>>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let names: Vec<String> = stmt
        .column_names()
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    let mut out = Vec::new();
    let mut found = stmt.query([id])?;
    while let Some(r) = found.next()? {
        let mut map = Map::new();
        for (i, name) in names.iter().enumerate() {
            if name == "local_id" {
                continue;
            }
            let value = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(x) => Value::from(x),
                ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::String(BASE64URL_NOPAD.encode(b)),
            };
            map.insert(name.clone(), value);
        }
        out.push(map);
    }
    Ok(out)
}

fn sql_value(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// The image's values for the columns both it and this register have.
fn known_values(
    tx: &Transaction<'_>,
    ctx: &OfficeContext,
    table: &'static str,
    row: &Map<String, Value>,
) -> Result<(Vec<String>, Vec<SqlValue>)> {
    let (names, values) = ctx
        .columns(tx, table)?
        .into_iter()
        .filter(|c| c != "local_id")
        .filter_map(|c| row.get(&c).map(|v| (c, sql_value(v))))
        .unzip();
    Ok((names, values))
}

fn insert(
    tx: &Transaction<'_>,
    ctx: &OfficeContext,
    table: &'static str,
    row: &Map<String, Value>,
) -> Result<()> {
    let (names, values) = known_values(tx, ctx, table, row)?;
    let marks = vec!["?"; names.len()].join(", ");
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({}) VALUES ({marks})",
        names.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn upsert(
    tx: &Transaction<'_>,
    ctx: &OfficeContext,
    table: &'static str,
    key: &str,
    row: &Map<String, Value>,
) -> Result<()> {
    let (names, values) = known_values(tx, ctx, table, row)?;
    let marks = vec!["?"; names.len()].join(", ");
    let sets = names
        .iter()
        .filter(|n| *n != key)
        .map(|n| format!("{n} = excluded.{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {sets}",
        names.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::NewHelpRequest;
    use crate::residents::NewResident;

    /// A desk of office 1 holding `key` (or none).
    fn desk(name: &str, key: Option<&OfficeKey>) -> Register {
        let reg = Register::open_in_memory().expect("register");
        let id = format!("{}-{name}", Uuid::now_v7());
        reg.conn
            .execute(
                "UPDATE sync_state SET enrolled = 1, platform_url = 'http://127.0.0.1:9', token = 't',
                     epoch = ?1, device_id = ?2, office_id = 1, office_key = ?3, office_key_id = ?4
                 WHERE id = 1",
                params![
                    Uuid::now_v7().to_string(),
                    id,
                    key.map(OfficeKey::to_stored),
                    key.map(OfficeKey::id)
                ],
            )
            .expect("enrol");
        reg
    }

    /// What `from` would push now: its records sealed, taken off its queue as if acknowledged.
    fn sealed_from(from: &mut Register) -> Vec<proto::SealedImage> {
        from.seal_office_records().expect("seal");
        let payloads: Vec<String> = from
            .conn
            .prepare("SELECT payload FROM outbox WHERE entity = 'sealed' ORDER BY seq")
            .expect("query")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        from.conn.execute("DELETE FROM outbox", []).expect("ack");
        payloads
            .iter()
            .map(|p| match serde_json::from_str(p).expect("wire type") {
                proto::MutationBody::Sealed(s) => s,
                other => panic!("not sealed: {other:?}"),
            })
            .collect()
    }

    /// Hands sealed records to `to` the way a pull page does.
    fn receive_all(to: &mut Register, sealed: &[proto::SealedImage]) -> Vec<Received> {
        let now = crate::now();
        to.applying(|tx| {
            let ctx = OfficeContext::read(tx)?;
            let mut out = Vec::new();
            for s in sealed {
                out.push(receive(tx, &ctx, s, &now)?);
            }
            retry_parked(tx, &ctx, &now)?;
            Ok(out)
        })
        .expect("receive")
    }

    fn helene() -> NewResident {
        NewResident {
            last_name: "Dubœuf".into(),
            first_name: "Hélène".into(),
            national_number: Some("85.07.30-033.28".into()),
            phones: vec!["0470 12 34 56".into()],
            postal_code: Some("9000".into()),
            street: "Kouter".into(),
            house_number: "12".into(),
            notes: "hears badly; call twice".into(),
            ..Default::default()
        }
    }

    /// Hélène and her groceries on 1 December, on desk `reg`; the request.
    fn groceries_for_helene(reg: &mut Register) -> crate::model::HelpRequest {
        let resident = reg.add_resident(&helene()).expect("resident");
        reg.add_request(&NewHelpRequest {
            resident: resident.id,
            kind: "groceries".into(),
            due_date: "2026-12-01".into(),
            created_by: "test".into(),
            ..Default::default()
        })
        .expect("request")
    }

    fn notes(reg: &Register, id: &str) -> String {
        reg.resident(id).expect("resident").notes
    }

    #[test]
    fn a_key_code_round_trips_and_catches_typing_errors() {
        let key = OfficeKey::generate().expect("key");
        let code = key.code();
        assert_eq!(code.len(), 14 * 4 + 13, "{code}");
        assert_eq!(OfficeKey::from_code(&code).expect("same key"), key);
        // Typed in lower case, with spaces instead of dashes: the same key.
        let typed = code.replace('-', " ").to_lowercase();
        assert_eq!(OfficeKey::from_code(&typed).expect("same key"), key);
        // One character changed: refused, not another key.
        let mut chars: Vec<char> = code.chars().collect();
        chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        assert!(OfficeKey::from_code(&typo).is_err());
        assert!(OfficeKey::from_code(&code[..20]).is_err());
        assert!(OfficeKey::from_code("").is_err());
        assert_ne!(OfficeKey::generate().expect("key").id(), key.id());
    }

    #[test]
    fn a_blob_opens_only_for_its_office_and_record_and_unchanged() {
        let key = OfficeKey::generate().expect("key");
        let record = Uuid::now_v7();
        let blob = key.seal(1, record, b"Helene Duboeuf").expect("seal");
        assert!(!blob.contains("Helene"));
        assert_eq!(
            key.open(1, record, &blob).as_deref(),
            Some(&b"Helene Duboeuf"[..])
        );
        assert_eq!(key.open(2, record, &blob), None, "another office");
        assert_eq!(key.open(1, Uuid::now_v7(), &blob), None, "another record");
        let other = OfficeKey::generate().expect("key");
        assert_eq!(other.open(1, record, &blob), None, "another key");
        let mut changed = blob.into_bytes();
        let last = changed.len() - 3;
        changed[last] = if changed[last] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(changed).expect("ascii");
        assert_eq!(key.open(1, record, &changed), None, "a changed blob");
    }

    #[test]
    fn a_resident_and_their_request_reach_the_other_desk_in_any_order() {
        let key = OfficeKey::generate().expect("key");
        let (mut a, mut b) = (desk("a", Some(&key)), desk("b", Some(&key)));
        let resident = a.add_resident(&helene()).expect("resident");
        let request = a
            .add_request(&NewHelpRequest {
                resident: resident.id.clone(),
                kind: "groceries".into(),
                due_date: "2026-12-01".into(),
                notes: "brood, melk".into(),
                ..Default::default()
            })
            .expect("request");
        let mut sealed = sealed_from(&mut a);
        assert_eq!(sealed.len(), 2);
        for s in &sealed {
            assert!(!s.blob.contains("Hélène") && !s.blob.contains("85073003328"));
        }
        // The request first: it waits for its resident, then both are in.
        sealed.sort_by_key(|s| s.id.to_string() != request.id);
        let received = receive_all(&mut b, &sealed);
        assert_eq!(received, [Received::Parked, Received::Applied]);
        let there = b.resident(&resident.id).expect("the resident is on desk b");
        assert_eq!(there.national_number, resident.national_number);
        assert_eq!(there.phones, resident.phones);
        assert_eq!(there.notes, "hears badly; call twice");
        let hits = b.search_residents("dubo", 10).expect("search");
        assert_eq!(hits.len(), 1, "the name is searchable on desk b");
        let on_b = b.request(&request.id).expect("the request is on desk b");
        assert_eq!(on_b.notes, "brood, melk");
        let parked: i64 = b
            .conn
            .query_row("SELECT count(*) FROM office_parked", [], |r| r.get(0))
            .expect("count");
        assert_eq!(parked, 0);
        // Taken in as the office's, not as a change of desk b's: nothing to send back.
        assert!(sealed_from(&mut b).is_empty());
        let queued: i64 = b
            .conn
            .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
            .expect("count");
        assert_eq!(
            queued, 0,
            "desk b does not send the request to the platform again"
        );
        // The same versions again (a replay): nothing changes.
        assert_eq!(
            receive_all(&mut b, &sealed),
            [Received::Unchanged, Received::Unchanged]
        );
    }

    #[test]
    fn a_request_still_on_its_way_is_followed_by_the_newer_version_from_another_desk() {
        let key = OfficeKey::generate().expect("key");
        let (mut a, mut b) = (desk("a", Some(&key)), desk("b", Some(&key)));
        let request = groceries_for_helene(&mut a);
        // Desk a sent the request, but the platform's answer was lost: it stays queued (sent).
        a.seal_office_records().expect("seal");
        a.conn
            .execute(
                "UPDATE outbox SET batch_id = 'lost-answer' WHERE entity = 'request'",
                [],
            )
            .expect("sent");
        let sealed: Vec<proto::SealedImage> = a
            .conn
            .prepare("SELECT payload FROM outbox WHERE entity = 'sealed' ORDER BY seq")
            .expect("query")
            .query_map([], |r| r.get::<_, String>(0))
            .expect("rows")
            .map(
                |p| match serde_json::from_str(&p.expect("row")).expect("wire type") {
                    proto::MutationBody::Sealed(s) => s,
                    other => panic!("not sealed: {other:?}"),
                },
            )
            .collect();
        a.conn
            .execute("DELETE FROM outbox WHERE entity = 'sealed'", [])
            .expect("sealed ones acknowledged");
        receive_all(&mut b, &sealed);
        b.set_request_status(&request.id, crate::RequestStatus::Cancelled, None)
            .expect("cancelled on b");
        assert_eq!(
            receive_all(&mut a, &sealed_from(&mut b)),
            [Received::Applied]
        );
        // The version desk a sends last is desk b's, after its own older one.
        let statuses: Vec<(Option<String>, String)> = a
            .conn
            .prepare(
                "SELECT batch_id, json_extract(payload, '$.status') FROM outbox
                 WHERE entity = 'request' ORDER BY seq",
            )
            .expect("query")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(
            statuses,
            [
                (Some("lost-answer".to_owned()), "open".to_owned()),
                (None, "cancelled".to_owned())
            ]
        );
        // It leaves stamped with desk b's version, so the platform keeps it over desk a's older
        // one whatever order they arrive in.
        let (hlc, author): (i64, String) = b
            .conn
            .query_row(
                "SELECT hlc, author FROM office_record WHERE record_id = ?1",
                [&request.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("b's version");
        let (_, resent) = a
            .next_batch_after(0, 100, 1 << 20)
            .expect("batch")
            .expect("the batch whose answer was lost");
        let (_, next) = a
            .next_batch_after(resent[resent.len() - 1].seq, 100, 1 << 20)
            .expect("batch")
            .expect("the new image");
        let stamped: Vec<Option<String>> = next
            .iter()
            .filter(|row| row.entity == "request")
            .map(|row| {
                serde_json::from_str::<Value>(&row.payload).expect("json")["revision"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect();
        assert_eq!(stamped, [Some(format!("{hlc:020}:{author}"))]);
    }

    #[test]
    fn one_volunteer_booked_for_the_same_day_on_two_desks_ends_as_one_booking() {
        let key = OfficeKey::generate().expect("key");
        let (mut a, mut b) = (desk("a", Some(&key)), desk("b", Some(&key)));
        let request = groceries_for_helene(&mut a);
        let volunteer = a
            .add_volunteer(&crate::volunteers::NewVolunteer {
                first_name: "Sofie".into(),
                last_name: "Claes".into(),
                postal_code: "1000".into(),
                languages: vec!["fr".into()],
                tasks: vec!["groceries".into()],
                availability: vec!["tue:morning".into()],
                capacity_per_day: 2,
                ..Default::default()
            })
            .expect("the office's own volunteer");
        receive_all(&mut b, &sealed_from(&mut a));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
        for reg in [&mut a, &mut b] {
            reg.assign_volunteer(&request.id, day, &volunteer.id, "test", crate::Language::Fr)
                .expect("booked on both desks before either synced");
        }
        let (from_a, from_b) = (sealed_from(&mut a), sealed_from(&mut b));
        receive_all(&mut a, &from_b);
        receive_all(&mut b, &from_a);
        // The one desk that lost its own booking sends its removal; the other takes it.
        let (from_a, from_b) = (sealed_from(&mut a), sealed_from(&mut b));
        receive_all(&mut a, &from_b);
        receive_all(&mut b, &from_a);
        let bookings = |reg: &Register| -> Vec<String> {
            reg.conn
                .prepare("SELECT id FROM assignment ORDER BY id")
                .expect("query")
                .query_map([], |r| r.get(0))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        assert_eq!(bookings(&a).len(), 1);
        assert_eq!(bookings(&a), bookings(&b));
        for reg in [&mut a, &mut b] {
            let status = reg.office_status().expect("status");
            assert_eq!(status.parked, 0, "nothing waits");
            assert_eq!(
                status.conflicts.len(),
                1,
                "the other booking is kept for a person"
            );
            assert_eq!(status.conflicts[0].kind, "assignment");
        }
    }

    #[test]
    fn an_edit_on_top_of_a_received_version_simply_replaces_it() {
        let key = OfficeKey::generate().expect("key");
        let (mut a, mut b) = (desk("a", Some(&key)), desk("b", Some(&key)));
        let resident = a.add_resident(&helene()).expect("resident");
        receive_all(&mut b, &sealed_from(&mut a));
        let edited = NewResident {
            notes: "moved to the ground floor".into(),
            ..helene()
        };
        b.update_resident(&resident.id, &edited).expect("edit on b");
        assert_eq!(
            receive_all(&mut a, &sealed_from(&mut b)),
            [Received::Applied]
        );
        assert_eq!(notes(&a, &resident.id), "moved to the ground floor");
        let conflicts: i64 = a
            .conn
            .query_row("SELECT count(*) FROM office_conflict", [], |r| r.get(0))
            .expect("count");
        assert_eq!(conflicts, 0);
    }

    #[test]
    fn two_edits_at_once_converge_and_the_other_is_kept_for_a_person() {
        let key = OfficeKey::generate().expect("key");
        let (mut a, mut b) = (desk("a", Some(&key)), desk("b", Some(&key)));
        let resident = a.add_resident(&helene()).expect("resident");
        receive_all(&mut b, &sealed_from(&mut a));
        a.update_resident(
            &resident.id,
            &NewResident {
                notes: "from desk a".into(),
                ..helene()
            },
        )
        .expect("edit on a");
        b.update_resident(
            &resident.id,
            &NewResident {
                notes: "from desk b".into(),
                ..helene()
            },
        )
        .expect("edit on b");
        let (from_a, from_b) = (sealed_from(&mut a), sealed_from(&mut b));
        assert_eq!(receive_all(&mut a, &from_b), [Received::Conflict]);
        assert_eq!(receive_all(&mut b, &from_a), [Received::Conflict]);
        let kept = notes(&a, &resident.id);
        assert_eq!(
            kept,
            notes(&b, &resident.id),
            "both desks keep the same version"
        );
        for reg in [&a, &b] {
            let status = reg.office_status().expect("status");
            assert_eq!(status.conflicts.len(), 1);
            let conflict = &status.conflicts[0];
            assert_eq!(conflict.kind, "resident");
            assert_eq!(conflict.label, "Hélène Dubœuf");
            let other = if kept == "from desk a" {
                "from desk b"
            } else {
                "from desk a"
            };
            assert!(conflict.set_aside.contains(other), "{}", conflict.set_aside);
        }
        let id = a.office_status().expect("status").conflicts[0].id;
        a.resolve_office_conflict(id).expect("resolve");
        assert!(a.office_status().expect("status").conflicts.is_empty());
        assert!(a.resolve_office_conflict(id).is_err(), "resolved once");
    }

    #[test]
    fn without_the_key_records_wait_and_arrive_with_the_code() {
        let key = OfficeKey::generate().expect("key");
        let mut a = desk("a", Some(&key));
        let mut b = desk("b", None);
        b.conn
            .execute("UPDATE sync_state SET office_key_id = ?1", [key.id()])
            .expect("the platform named the office's key");
        assert_eq!(b.office_status().expect("status").key, "missing");
        assert!(b.office_key_code().is_err());
        let resident = a.add_resident(&helene()).expect("resident");
        let sealed = sealed_from(&mut a);
        assert_eq!(receive_all(&mut b, &sealed), [Received::Parked]);
        assert!(b.resident(&resident.id).is_err());
        // Another office's key is refused and changes nothing.
        let stranger = OfficeKey::generate().expect("key");
        assert!(b.join_office_key(&stranger.code()).is_err());
        assert_eq!(b.office_status().expect("status").key, "missing");
        let taken = b
            .join_office_key(&a.office_key_code().expect("a shows its code"))
            .expect("join");
        assert_eq!(taken, 1);
        assert_eq!(b.office_status().expect("status").key, "held");
        assert_eq!(notes(&b, &resident.id), "hears badly; call twice");
    }

    /// Everything a desk holds of the office's records, as comparable text: the version of each
    /// record and every row of every shared table (without the desk's own row numbers).
    fn office_state(reg: &mut Register) -> String {
        let mut out = Vec::new();
        reg.with_tx(|tx| {
            let versions: Vec<String> = tx
                .prepare("SELECT record_id || ' ' || hlc || ' ' || author || ' ' || dirty FROM office_record ORDER BY record_id")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            out.push(versions.join("\n"));
            for k in KINDS {
                let ids: Vec<String> = tx
                    .prepare(&format!("SELECT id FROM {} ORDER BY id", k.table))?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for id in ids {
                    let held = held(tx, &id)?.expect("every record has a version");
                    let image = image_of(tx, k, &id, &held)?;
                    out.push(serde_json::to_string(&image).expect("json"));
                }
            }
            Ok(())
        })
        .expect("state");
        out.join("\n")
    }

    /// Three desks of one office edit residents and requests at random, sync in random order
    /// through a shared log (the platform's office bucket), and are sometimes sent old parts of
    /// the log again. Whatever the order, once everyone has synced twice all three hold the same
    /// records at the same versions, and edits made at once were kept as conflicts.
    #[test]
    fn random_edits_on_three_desks_converge() {
        use rand::{Rng, SeedableRng};
        let mut conflicts_seen = 0;
        for seed in 0..12u64 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let key = OfficeKey::generate().expect("key");
            let mut desks: Vec<Register> = ["a", "b", "c"]
                .iter()
                .map(|n| desk(n, Some(&key)))
                .collect();
            let mut log: Vec<proto::SealedImage> = Vec::new();
            let mut cursors = [0usize; 3];
            let sync =
                |reg: &mut Register, cursor: &mut usize, log: &mut Vec<proto::SealedImage>| {
                    log.extend(sealed_from(reg));
                    let new = log[*cursor..].to_vec();
                    *cursor = log.len();
                    receive_all(reg, &new)
                };
            for step in 0..60 {
                let d = rng.random_range(0..3);
                let residents: Vec<String> = desks[d]
                    .conn
                    .prepare("SELECT id FROM resident ORDER BY id")
                    .expect("query")
                    .query_map([], |r| r.get(0))
                    .expect("rows")
                    .collect::<rusqlite::Result<_>>()
                    .expect("rows");
                let requests: Vec<String> = desks[d]
                    .conn
                    .prepare("SELECT id FROM help_request ORDER BY id")
                    .expect("query")
                    .query_map([], |r| r.get(0))
                    .expect("rows")
                    .collect::<rusqlite::Result<_>>()
                    .expect("rows");
                match rng.random_range(0..10) {
                    0 | 1 => {
                        desks[d]
                            .add_resident(&NewResident {
                                last_name: format!("Resident{seed}x{step}"),
                                national_number: None,
                                ..helene()
                            })
                            .expect("resident");
                    }
                    2 | 3 if !residents.is_empty() => {
                        let r = &residents[rng.random_range(0..residents.len())];
                        desks[d]
                            .set_access_note(r, &format!("door note {step} from {d}"))
                            .expect("note");
                    }
                    4 if !residents.is_empty() => {
                        let r = residents[rng.random_range(0..residents.len())].clone();
                        desks[d]
                            .add_request(&NewHelpRequest {
                                resident: r,
                                kind: "groceries".into(),
                                due_date: "2026-12-01".into(),
                                notes: format!("asked on desk {d}"),
                                ..Default::default()
                            })
                            .expect("request");
                    }
                    5 if !requests.is_empty() => {
                        let q = &requests[rng.random_range(0..requests.len())];
                        let status = [
                            crate::model::RequestStatus::Cancelled,
                            crate::model::RequestStatus::Done,
                            crate::model::RequestStatus::Open,
                        ][rng.random_range(0..3)];
                        let _ = desks[d].set_request_status(q, status, Some("by the test"));
                    }
                    6 if !log.is_empty() => {
                        // An old part of the feed again (a restored cursor, a replayed page).
                        let from = rng.random_range(0..log.len());
                        let again = log[from..].to_vec();
                        receive_all(&mut desks[d], &again);
                    }
                    _ => {
                        let received = sync(&mut desks[d], &mut cursors[d], &mut log);
                        conflicts_seen += received
                            .iter()
                            .filter(|r| **r == Received::Conflict)
                            .count();
                    }
                }
            }
            for _ in 0..2 {
                for d in 0..3 {
                    sync(&mut desks[d], &mut cursors[d], &mut log);
                }
            }
            let states: Vec<String> = desks.iter_mut().map(office_state).collect();
            assert_eq!(states[0], states[1], "seed {seed}: desks a and b differ");
            assert_eq!(states[0], states[2], "seed {seed}: desks a and c differ");
            for reg in &desks {
                let parked: i64 = reg
                    .conn
                    .query_row("SELECT count(*) FROM office_parked", [], |r| r.get(0))
                    .expect("count");
                assert_eq!(parked, 0, "seed {seed}: records left aside");
            }
        }
        assert!(
            conflicts_seen > 0,
            "no run made two desks edit one record at once"
        );
    }
}
