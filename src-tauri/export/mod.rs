//! Exports: render domain values into bytes. No IO here; the command layer
//! reads, writes and picks the destination.

pub mod json;
