//! `retriage export feedback`: every item in CSV, JSON or Markdown, to
//! stdout or atomically to a file.

use super::output::{emit, write_file_atomically};
use super::{CliError, ExportArgs, ExportFormat};
use crate::interop::{self, FeedbackFormat};
use crate::store::{ListQuery, Store};

pub(super) fn export(store: &Store, args: ExportArgs) -> Result<(), CliError> {
    let items = store.list_feedback(&ListQuery::default())?;
    let format = match args.format {
        ExportFormat::Csv => FeedbackFormat::Csv,
        ExportFormat::Json => FeedbackFormat::Json,
        ExportFormat::Md => FeedbackFormat::Markdown,
    };
    match args.output {
        None => emit(|out| interop::write_feedback(format, &items, out)),
        Some(path) => {
            write_file_atomically(&path, |out| interop::write_feedback(format, &items, out))
        }
    }
}
