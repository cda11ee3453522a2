//! Reading a list as Belgian offices have them: any of the encodings and delimiters their tools
//! write, streamed so a file of any size is read in constant memory.
//!
//! Encoding, in the order that is right for Belgian files (see
//! `shared/data/formats/belgian_data_formats.md`): a BOM says UTF-8 or UTF-16 (Excel's "Unicode
//! text"); otherwise a file that is valid UTF-8 from end to end is UTF-8; otherwise it is
//! Windows-1252, what "CSV" from Excel on a Belgian PC is. A statistical detector (chardetng)
//! was left out on purpose: on short Belgian lists it can pick ISO-8859-2 or a Cyrillic page where
//! the answer is always 1252, and every byte decodes in 1252, so nothing is lost by the rule.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use encoding_rs::Encoding;
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// What the first pass over a file found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FileFacts {
    /// File name (without folders), for the import record.
    pub file_name: String,
    /// Size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// SHA-256 of the bytes, hex: the same file imported twice is recognisable.
    pub sha256: String,
    /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE (BOM)`, `UTF-16BE (BOM)` or `windows-1252`.
    pub encoding: String,
    /// `;`, `,`, `\t` or `|`.
    pub delimiter: String,
}

/// Detected encoding of a file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Detected {
    pub encoding: &'static Encoding,
    pub bom: bool,
}

impl Detected {
    fn label(self) -> String {
        let name = if self.encoding == encoding_rs::UTF_8 {
            "UTF-8"
        } else if self.encoding == encoding_rs::UTF_16LE {
            "UTF-16LE"
        } else if self.encoding == encoding_rs::UTF_16BE {
            "UTF-16BE"
        } else {
            self.encoding.name()
        };
        if self.bom {
            format!("{name} (BOM)")
        } else {
            name.to_owned()
        }
    }
}

fn read_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::File {
        action: "read",
        path: path.to_owned(),
        source,
    }
}

/// One streaming pass: the hash, the size and the encoding. Memory: one buffer.
pub(crate) fn scan(path: &Path) -> Result<(Detected, u64, String)> {
    let file = File::open(path).map_err(read_error(path))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    let mut first = true;
    let mut bom: Option<&'static Encoding> = None;
    let mut utf8_ok = true;
    // Bytes of a UTF-8 sequence cut by the buffer boundary, carried to the next read.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = reader.read(&mut buf).map_err(read_error(path))?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        hasher.update(chunk);
        total += n as u64;
        if first {
            first = false;
            bom = Encoding::for_bom(chunk).map(|(e, _)| e);
        }
        if utf8_ok && bom.is_none() {
            carry.extend_from_slice(chunk);
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                Err(e) if e.error_len().is_none() => {
                    // An incomplete sequence at the end: keep it for the next chunk.
                    let keep = carry.split_off(e.valid_up_to());
                    carry = keep;
                }
                Err(_) => utf8_ok = false,
            }
        }
    }
    if !carry.is_empty() {
        utf8_ok = false;
    }
    let detected = match bom {
        Some(e) => Detected {
            encoding: e,
            bom: true,
        },
        None if utf8_ok => Detected {
            encoding: encoding_rs::UTF_8,
            bom: false,
        },
        None => Detected {
            encoding: encoding_rs::WINDOWS_1252,
            bom: false,
        },
    };
    Ok((detected, total, hex(&hasher.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The file as UTF-8 text, decoded on the fly (BOM removed).
pub(crate) type Decoded = DecodeReaderBytes<BufReader<File>, Vec<u8>>;

pub(crate) fn decoded(path: &Path, detected: Detected) -> Result<Decoded> {
    let file = File::open(path).map_err(read_error(path))?;
    Ok(DecodeReaderBytesBuilder::new()
        .encoding(Some(detected.encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(BufReader::with_capacity(1 << 16, file)))
}

const DELIMITERS: [u8; 4] = [b';', b'\t', b',', b'|'];

/// Picks the delimiter that splits the first lines into the same number of fields (more than
/// one), the header first. Belgian Excel writes `;`; web tools write `,`; Excel's "Unicode
/// text" writes tabs. Ties go to that order.
pub(crate) fn sniff_delimiter(path: &Path, detected: Detected) -> Result<u8> {
    let mut sample = String::new();
    decoded(path, detected)?
        .take(64 * 1024)
        .read_to_string(&mut sample)
        .map_err(read_error(path))?;
    // A line cut by the sample's end would look inconsistent; drop it.
    if let Some(cut) = sample.rfind('\n') {
        sample.truncate(cut + 1);
    }
    let mut best = (0.0f64, 0usize, b';');
    for &d in &DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let mut header_fields = 0usize;
        let (mut same, mut total) = (0usize, 0usize);
        for (i, record) in reader.records().take(50).enumerate() {
            let Ok(record) = record else { break };
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if i == 0 {
                header_fields = record.len();
                continue;
            }
            total += 1;
            if record.len() == header_fields {
                same += 1;
            }
        }
        if header_fields < 2 {
            continue;
        }
        let consistency = if total == 0 {
            1.0
        } else {
            same as f64 / total as f64
        };
        if consistency > best.0 || (consistency == best.0 && header_fields > best.1) {
            best = (consistency, header_fields, d);
        }
    }
    Ok(best.2)
}

/// The facts and a record reader positioned before the header.
pub(crate) fn open(path: &Path) -> Result<(FileFacts, Detected, u8)> {
    let (detected, bytes, sha256) = scan(path)?;
    let delimiter = sniff_delimiter(path, detected)?;
    let facts = FileFacts {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
        sha256,
        encoding: detected.label(),
        delimiter: match delimiter {
            b'\t' => "\\t".to_owned(),
            d => (d as char).to_string(),
        },
    };
    Ok((facts, detected, delimiter))
}

/// Where the line breaks of the decoded text are, so a record's byte offset gives its line
/// number as a spreadsheet shows it. (The csv crate's own line count skips blank lines and
/// counts CRLF files one short, which would send staff to the wrong row.) Holds only the
/// breaks not yet passed: bounded by the reader's buffer.
pub(crate) struct Lines {
    /// Offsets of line breaks not yet passed, and whether the line each one ends was blank.
    pending: std::collections::VecDeque<(u64, bool)>,
    read: u64,
    passed: u64,
    blank_so_far: bool,
}

impl Default for Lines {
    fn default() -> Self {
        Self {
            pending: Default::default(),
            read: 0,
            passed: 0,
            blank_so_far: true,
        }
    }
}

impl Lines {
    /// The 1-based line of the record the csv reader says starts at `offset`.
    ///
    /// The reader's offset is where the previous record's terminator ended: on the `\n` of a
    /// CRLF, or before blank lines it skipped. So every break at or before the offset is passed,
    /// and so are the blank lines right after it.
    pub(crate) fn line_of_record(&mut self, offset: u64) -> u64 {
        while let Some(&(at, blank)) = self.pending.front() {
            if at <= offset || blank {
                self.pending.pop_front();
                self.passed += 1;
            } else {
                break;
            }
        }
        self.passed + 1
    }
}

/// The decoded text, noting line breaks as they pass.
pub(crate) struct Counted {
    inner: Decoded,
    lines: std::rc::Rc<std::cell::RefCell<Lines>>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.borrow_mut();
        let start = lines.read;
        for (i, b) in buf[..n].iter().enumerate() {
            match *b {
                b'\n' => {
                    let blank = lines.blank_so_far;
                    lines.pending.push_back((start + i as u64, blank));
                    lines.blank_so_far = true;
                }
                b'\r' | b' ' | b'\t' => {}
                _ => lines.blank_so_far = false,
            }
        }
        lines.read += n as u64;
        Ok(n)
    }
}

/// A CSV reader over the decoded text, with the line index it feeds. Quoted fields may hold
/// delimiters, quotes (`""`) and line breaks; rows may have more or fewer fields than the header
/// (`flexible`), which the caller treats per row.
pub(crate) fn records(
    path: &Path,
    detected: Detected,
    delimiter: u8,
) -> Result<(csv::Reader<Counted>, std::rc::Rc<std::cell::RefCell<Lines>>)> {
    let lines = std::rc::Rc::new(std::cell::RefCell::new(Lines::default()));
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(Counted {
            inner: decoded(path, detected)?,
            lines: lines.clone(),
        });
    Ok((reader, lines))
}

/// A cell as a person meant it: trimmed, without the `'` a spreadsheet export puts before a
/// formula character (Solidesk's own exports do), and without Excel's `="…"` text wrapper.
pub(crate) fn clean_cell(raw: &str) -> &str {
    let s = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(rest) = s.strip_prefix('\'')
        && rest.starts_with(['=', '+', '-', '@'])
    {
        return rest.trim();
    }
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return inner.trim();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_lose_export_protection_and_excel_wrappers() {
        assert_eq!(clean_cell("  Peeters "), "Peeters");
        assert_eq!(clean_cell("'+32 470 12 34 56"), "+32 470 12 34 56");
        assert_eq!(clean_cell("'=cmd"), "=cmd");
        assert_eq!(clean_cell("=\"0470123456\""), "0470123456");
        assert_eq!(clean_cell("D'Hondt"), "D'Hondt");
        assert_eq!(clean_cell("'t Kint"), "'t Kint");
    }
}
