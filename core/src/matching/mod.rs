//! Matching: the day's requests and the office's volunteers, planned together.

pub mod flow;
