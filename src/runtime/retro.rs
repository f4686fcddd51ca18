//! Carries out the retro screen's and the actions screen's requests through
//! the service (TEMPORARY until the service lands).

use crate::app::Action;
use crate::app::retro::RetroRequest;
use crate::store::Store;
use color_eyre::eyre::Result;

pub(super) fn execute(_request: RetroRequest, _store: &mut Store) -> Result<Action> {
    Ok(Action::Failed("retro: not wired yet".into()))
}
