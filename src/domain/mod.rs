//! Pure types and rules: feedback items, prioritisation models, the triage
//! ordering, and text sanitising. Nothing here does I/O, talks SQL or draws.

pub mod feedback;
pub mod kano;
pub mod retro;
pub mod scoring;
pub mod sentiment;
pub mod similarity;
pub mod text;
pub mod triage;
