//! Pure types and rules: feedback items and what hangs off them,
//! decision roles and the decision log, the alignment dashboard, near-duplicates, prioritisation
//! models, the triage ordering, shared KPIs, and text helpers. Nothing
//! here does I/O, talks SQL or draws.

pub mod dashboard;
pub mod decision;
pub mod duplicates;
pub mod feedback;
pub mod file_problem;
pub mod kano;
pub mod kpi;
pub mod retro;
pub mod scoring;
pub mod sentiment;
pub mod similarity;
pub mod text;
pub mod triage;
