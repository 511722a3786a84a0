//! The one integration-test binary: the store and the commands against a real
//! SQLite file in a temporary data folder.

mod backup;
mod bindings;
mod bulk_search;
mod cli;
mod cli_input;
mod crash;
mod directory;
mod documents;
mod events;
mod import;
mod import_cli;
mod json_transfer;
mod ledger;
mod plans;
mod progress;
mod resources;
mod search;
mod support;
mod tidy;
mod trust;
mod upgrade;
