//! Integration tests of solidesk-core on real encrypted register files.

mod register_file;
