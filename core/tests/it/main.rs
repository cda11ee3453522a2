//! Integration tests of solidesk-core on real encrypted register files.

mod import;
mod import_properties;
mod matching;
mod register_file;
