//! Writes that carry rules, in one place for every front end: the CLI, the
//! TUI's runtime and (later) the SSH server call these functions instead of
//! the store's write functions, so a rule (draft validation, score parsing,
//! merge checks, undo records, all-or-nothing imports) is written once.
//!
//! Each function takes the store and typed input (no terminal, no clap, no
//! ratatui) and returns domain types, or an [`Error`] whose message is the
//! one people see. Reads without rules (lists, reports, searches) stay
//! plain store queries.

pub mod action_sync;
pub mod actions;
pub mod decisions;
pub mod duplicates;
mod error;
pub mod feedback;
pub mod import;
pub mod kano;
pub mod kpi;
pub mod retro;

pub use error::{Error, Result};
