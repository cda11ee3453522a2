//! Integration tests of solidesk-core on real encrypted register files.

mod import;
mod import_properties;
mod register_file;
