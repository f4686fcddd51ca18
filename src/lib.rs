//! retriage: facilitator-driven retrospectives and feedback triage in the terminal.
//!
//! The crate is a library with a thin binary (`main.rs`), so tests, benchmarks
//! and every front end share one code path. Layers, from the inside out:
//! `domain` (pure rules) → `store` (SQLite) and `interop` (files) →
//! `service` (writes that carry rules, for every front end) → `app`
//! (model, actions, update) → `ui` (drawing) → `runtime` (the terminal loop),
//! `serve` (the retro board over SSH) and `cli` (commands).

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod input;
pub mod interop;
pub mod runtime;
pub mod serve;
pub mod service;
pub mod store;
pub mod ui;
