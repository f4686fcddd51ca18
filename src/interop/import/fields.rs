//! Column recognition: the fields a column can fill, the names each is
//! known by, and the plan of which column fills which field (by those
//! names, by `--map COLUMN=FIELD`, by position, and by what the file is: a
//! Parabol retrospective export, a support desk's ticket export).

use super::ImportOptions;
use crate::domain::feedback::Source;
use crate::interop::errors::{self, ImportError};

/// A feedback field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    Source,
    Customer,
    CreatedAt,
    Tags,
    Nps,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Description,
        Field::Source,
        Field::Customer,
        Field::CreatedAt,
        Field::Tags,
        Field::Nps,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::Source => "source",
            Field::Customer => "customer",
            Field::CreatedAt => "created_at",
            Field::Tags => "tags",
            Field::Nps => "nps",
        }
    }

    /// Header names (lower case, without spaces, `_` or `-`) that mean this
    /// field, the preferred first.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            // "subject" first: a ticket export that also has a "Title"
            // column means the requester's job title by it.
            Field::Title => &["subject", "title", "summary", "headline"],
            Field::Description => &[
                "description",
                "body",
                "content",
                "feedback",
                "comment",
                "comments",
                "text",
                "message",
                "details",
            ],
            Field::Source => &["source", "channel"],
            Field::Customer => &[
                "customer",
                "customfield(customer)",
                "company",
                "organization",
                "organisation",
                "requester",
                "reporter",
                "author",
                "email",
                "emailaddress",
                "user",
            ],
            Field::CreatedAt => &[
                "createdat",
                "created",
                "createddate",
                "date",
                "timestamp",
                "responsetimestamp",
                "submittedat",
                "responsedate",
                "createdtime",
                "datecreated",
                "creationdate",
                "submitdate",
                "submitdate(utc)",
                "datesubmitted",
            ],
            Field::Tags => &["tags", "labels", "tag", "label"],
            Field::Nps => &["nps", "npsscore", "score", "rating"],
        }
    }

    /// Parses a `--map` field name.
    pub fn parse(name: &str) -> Result<Field, String> {
        let n = name.trim().to_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.name() == n || (n == "created" && *f == Field::CreatedAt))
            .ok_or_else(|| {
                format!(
                    "unknown field '{name}' in --map (use one of: {})",
                    Field::ALL.map(Field::name).join(", ")
                )
            })
    }
}

pub(super) fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column fills which field.
#[derive(Debug, Default)]
pub(in crate::interop) struct Plan {
    pub(super) title: Option<usize>,
    pub(super) description: Option<usize>,
    pub(super) source: Option<usize>,
    pub(super) customer: Option<usize>,
    pub(super) created_at: Option<usize>,
    pub(super) tags: Vec<usize>,
    pub(super) nps: Option<usize>,
    /// Parabol: the `type` column; rows whose type is not Reflection are skipped.
    pub(super) parabol_type: Option<usize>,
    /// Parabol: the prompt (column) becomes a tag.
    pub(super) parabol_prompt: Option<usize>,
    /// A support desk's ticket export (it has a Requester or Ticket ID
    /// column): its rows are support unless the file says otherwise.
    pub(super) tickets: bool,
    /// The column of the file's own id for each row (a ticket id, an
    /// issue key), and its name as the kind of id (`identity_of_id`).
    pub(super) external_id: Option<usize>,
    pub(super) id_kind: String,
}

/// Column names (as `normalise` gives them) of the ids tools give rows,
/// the preferred first: Zendesk and Freshdesk ticket ids, Jira issue keys,
/// Delighted, Typeform and SurveyMonkey response ids, then a plain id, and
/// `gh`'s issue number and URL.
const ID_COLUMNS: [&str; 8] = [
    "ticketid",
    "issuekey",
    "responseid",
    "respondentid",
    "id",
    "ticket",
    "number",
    "url",
];

impl Plan {
    /// The source of rows whose file names none: `--source`, else by what
    /// the file is (a Parabol export, an NPS survey, a ticket export).
    pub(super) fn default_source(&self, options: &ImportOptions) -> Source {
        options.source.unwrap_or(if self.parabol_type.is_some() {
            Source::Retro
        } else if self.nps.is_some() {
            Source::Nps
        } else if self.tickets {
            Source::Support
        } else {
            Source::Other
        })
    }

    /// The field column `column` fills, if any.
    pub(in crate::interop) fn field_of(&self, column: usize) -> Option<Field> {
        let is = |c: Option<usize>| c == Some(column);
        if is(self.title) {
            Some(Field::Title)
        } else if is(self.description) {
            Some(Field::Description)
        } else if is(self.source) {
            Some(Field::Source)
        } else if is(self.customer) {
            Some(Field::Customer)
        } else if is(self.created_at) {
            Some(Field::CreatedAt)
        } else if self.tags.contains(&column) || is(self.parabol_prompt) {
            // A Parabol prompt is a tag too (see `prompt_tag`).
            Some(Field::Tags)
        } else if is(self.nps) {
            Some(Field::Nps)
        } else {
            None
        }
    }
}

pub(in crate::interop) fn plan(
    header: &[String],
    options: &ImportOptions,
) -> Result<Plan, ImportError> {
    let mut names: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let mut plan = Plan::default();
    let set = |plan: &mut Plan, field: Field, column: usize| match field {
        Field::Title => plan.title = Some(column),
        Field::Description => plan.description = Some(column),
        Field::Source => plan.source = Some(column),
        Field::Customer => plan.customer = Some(column),
        Field::CreatedAt => plan.created_at = Some(column),
        Field::Tags => plan.tags.push(column),
        Field::Nps => plan.nps = Some(column),
    };
    let parabol = ["reflectiongroup", "prompt", "content", "type"]
        .iter()
        .all(|c| names.iter().any(|n| n == c));
    // Mapped and ignored columns take no part in recognition. A name the
    // file repeats (Jira's `Labels`) maps every column of that name.
    let mut mapped: Vec<Field> = Vec::new();
    for (column, field) in &options.map {
        let wanted = normalise(column);
        // The file's own names decide (an earlier --map of the same column
        // has already cleared it from `names`).
        if !header.iter().any(|h| normalise(h) == wanted) {
            return Err(ImportError::File(format!(
                "--map names the column '{column}', which the file does not have (columns: {})",
                errors::column_list(header)
            )));
        }
        for name in names.iter_mut().filter(|n| **n == wanted) {
            name.clear();
        }
        mapped.extend(*field);
    }
    for (i, field) in &options.positions {
        if let Some(name) = names.get_mut(*i) {
            name.clear();
            mapped.extend(*field);
        }
    }
    for field in Field::ALL {
        // Several columns can be tags; any other field comes from one.
        if mapped.contains(&field) && field != Field::Tags {
            continue;
        }
        if field == Field::Tags {
            for (i, n) in names.iter().enumerate() {
                if field.synonyms().contains(&n.as_str()) {
                    set(&mut plan, field, i);
                }
            }
            continue;
        }
        if parabol && field == Field::Nps {
            continue; // Parabol's votes are not NPS.
        }
        let found = field
            .synonyms()
            .iter()
            .find_map(|syn| names.iter().position(|n| n == syn));
        if let Some(i) = found {
            set(&mut plan, field, i);
        }
    }
    for (column, field) in &options.map {
        let wanted = normalise(column);
        let Some(field) = field else { continue };
        let columns = (0..header.len()).filter(|i| normalise(&header[*i]) == wanted);
        match field {
            Field::Tags => columns.for_each(|i| set(&mut plan, *field, i)),
            _ => columns.take(1).for_each(|i| set(&mut plan, *field, i)),
        }
    }
    for (i, field) in &options.positions {
        if let Some(field) = field
            && *i < header.len()
        {
            set(&mut plan, *field, *i);
        }
    }
    plan.tickets = names
        .iter()
        .any(|n| matches!(n.as_str(), "requester" | "ticketid" | "ticket"));
    plan.external_id = match &options.id_column {
        Some(column) => {
            let wanted = normalise(column);
            let found = header.iter().position(|h| normalise(h) == wanted);
            Some(found.ok_or_else(|| {
                ImportError::File(format!(
                    "--id-column names the column '{column}', which the file does not have \
                     (columns: {})",
                    errors::column_list(header)
                ))
            })?)
        }
        None => ID_COLUMNS
            .iter()
            .find_map(|id| names.iter().position(|n| n == id))
            .filter(|i| plan.field_of(*i).is_none()),
    };
    plan.id_kind = plan
        .external_id
        .map_or_else(String::new, |i| normalise(&header[i]));
    if parabol {
        plan.parabol_type = names.iter().position(|n| n == "type");
        plan.parabol_prompt = names.iter().position(|n| n == "prompt");
        plan.tags.retain(|t| Some(*t) != plan.parabol_prompt);
    }
    if plan.title.is_none() && plan.description.is_none() {
        return Err(ImportError::File(format!(
            "no title or description column among: {} (name one with --map COLUMN=title)",
            errors::column_list(header)
        )));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::import::parse_map;
    use crate::interop::import::tests::read;
    use chrono::DateTime;

    #[test]
    fn a_freshdesk_ticket_export_reads_channels_subjects_and_created_time() {
        let csv = "Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Created time,\
            Tags,Full name,Title,Email\n\
            101,Export fails,The CSV export times out,Open,High,Email,Problem,Dee,\
            2026-10-03 09:14:22,\"export,csv\",Ann Lee,Head of Ops,ann@example.com\n\
            102,Add dark mode,Please,Pending,Low,Portal,Feature Request,Dee,\
            2026-10-04 10:00:00,,Bo Chan,Nurse,bo@example.com\n";
        let items = read(csv, &ImportOptions::default()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title, "Export fails");
        assert_eq!(items[0].source, Source::Support);
        assert_eq!(items[1].source, Source::Support);
        assert_eq!(items[0].customer.as_deref(), Some("ann@example.com"));
        assert_eq!(items[0].tags, ["export", "csv"]);
        assert_eq!(
            items[0].created_at,
            DateTime::parse_from_rfc3339("2026-10-03T09:14:22Z").unwrap()
        );
    }

    #[test]
    fn a_repeated_column_name_in_map_means_every_such_column() {
        let csv = "Summary,Labels,Labels,Labels\nExport fails,export,csv,\n";
        let map = |field: Option<Field>| ImportOptions {
            map: vec![("Labels".to_string(), field)],
            ..ImportOptions::default()
        };
        assert_eq!(read(csv, &map(None)).unwrap()[0].tags, Vec::<String>::new());
        let as_tags = read(csv, &map(Some(Field::Tags))).unwrap();
        assert_eq!(as_tags[0].tags, ["export", "csv"]);
        // A field that comes from one column takes the first.
        let as_customer = read(csv, &map(Some(Field::Customer))).unwrap();
        assert_eq!(as_customer[0].customer.as_deref(), Some("export"));
        // Naming a column twice is not an error.
        let twice = ImportOptions {
            map: vec![
                ("Labels".into(), Some(Field::Tags)),
                ("labels".into(), None),
            ],
            ..ImportOptions::default()
        };
        assert!(read(csv, &twice).is_ok());
    }

    #[test]
    fn headers_are_recognised_and_maps_override() {
        let items = read(
            "\u{feff}Subject;Body;Requester;Created at;Labels\r\nExport;Needs xlsx;Ana;2026-10-03 09:14;a b\r\n",
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(items[0].title, "Export");
        assert_eq!(items[0].description, "Needs xlsx");
        assert_eq!(items[0].customer.as_deref(), Some("Ana"));
        assert_eq!(items[0].tags, vec!["a", "b"]);
        let options = ImportOptions {
            map: vec![("Body".into(), Some(Field::Title))],
            ..ImportOptions::default()
        };
        assert_eq!(read("Subject,Body\nx,y\n", &options).unwrap()[0].title, "y");
        let bad = ImportOptions {
            map: vec![("Nope".into(), Some(Field::Title))],
            ..ImportOptions::default()
        };
        assert!(
            read("Subject\nx\n", &bad)
                .unwrap_err()
                .to_string()
                .contains("'Nope'")
        );
        assert!(
            parse_map("Body=headline")
                .unwrap_err()
                .contains("unknown field 'headline'")
        );
    }
}
