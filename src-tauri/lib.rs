//! Aspen Desk: continuing education and certification for Montana
//! librarians, offline. See ARCHITECTURE.md for the map.

pub mod app;
pub mod bindings;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod picked;
pub mod sample;
pub mod single_instance;
pub mod store;
