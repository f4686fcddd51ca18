//! `retriage templates list`: the shipped retro templates with the user's
//! own (from `$XDG_CONFIG_HOME/retriage/templates/`), as a table or JSON.
//! Also loads them for `retro new`, where an unknown name lists the valid
//! ones.

use super::output::{emit, emit_json, fit};
use super::{CliError, TableOrJson};
use crate::config::templates::{find_template, load_templates, user_templates_dir};
use crate::domain::retro::Template;
use std::io::{self, Write};

/// Every template: shipped ones, replaced or joined by the user's. A broken
/// user file is an error naming its path and line.
pub(super) fn all() -> Result<Vec<Template>, CliError> {
    load_templates(user_templates_dir().as_deref()).map_err(|e| CliError(e.to_string()))
}

/// The template `name` names (ignoring case, spaces, `-`, `_` and `/`).
pub(super) fn named(name: &str) -> Result<Template, CliError> {
    let templates = all()?;
    find_template(&templates, name).cloned().map_err(CliError)
}

pub(super) fn list(format: TableOrJson) -> Result<(), CliError> {
    let templates = all()?;
    match format {
        TableOrJson::Table => emit(|out| write_table(&templates, out)),
        TableOrJson::Json => emit_json(&templates),
    }
}

fn write_table(templates: &[Template], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{:<22}  {:<44}  DESCRIPTION", "NAME", "COLUMNS")?;
    for template in templates {
        let columns: Vec<&str> = template.columns.iter().map(|c| c.title.as_str()).collect();
        writeln!(
            out,
            "{}  {}  {}",
            fit(&template.name, 22),
            fit(&columns.join(" / "), 44),
            fit(&template.description, 60).trim_end()
        )?;
    }
    Ok(())
}
