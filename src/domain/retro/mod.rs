//! Retrospectives: the rules of a facilitator-driven retro, with no storage
//! and no screen.
//!
//! - `phase`: the phases in order (Review → Collect → Group → Vote → Discuss
//!   → Actions → Close); any can be skipped or stepped back to.
//! - `template`: the columns a retro starts from, read from TOML files.
//! - `board`: cards, groups and what a participant may see of them
//!   (hide-until-reveal, anonymity).
//! - `voting`: the vote budget and per-card cap, and which votes go when a
//!   limit is lowered.
//! - `discussion`: topics in vote order and a countdown per topic that keeps
//!   its elapsed time.
//! - `actions`: action items and their status; `roti`: the closing
//!   return-on-time-invested vote.
//! - `record`: a whole retro as stored, for the screen and the exports.
//! - `sync`: matching a tracker's export back to the actions exported to it.
//!
//! The complaints users have about web retro tools are rules here: nothing
//! is lost when phases move, a topic keeps its elapsed time, the screen and
//! every export follow the retro's real anonymity, and lowering a limit
//! removes only the most recent excess votes, after asking.

pub mod actions;
pub mod board;
pub mod discussion;
pub mod phase;
pub mod record;
pub mod roti;
pub mod sync;
pub mod template;
pub mod voting;

pub use actions::{ActionItem, ActionStatus};
pub use board::{Card, CardGroup, RetroSettings};
pub use phase::Phase;
pub use record::{RetroBoard, RetroSummary, ReviewedAction};
pub use template::{Template, TemplateColumn};
