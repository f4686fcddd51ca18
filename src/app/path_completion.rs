//! Completing a file path as a shell does, for the import dialog's path
//! field: `tab` completes the name being typed from the directory's real
//! listing (read by the runtime). A single match completes whole (a
//! directory with its `/`, ready for the next `tab`); several complete as
//! far as they agree, and a `tab` that can add nothing more lists them.
//! Names starting with a dot are offered only once a dot is typed.

/// What `tab` does with the typed path, given the names in its directory
/// (directories end in `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// The path, completed as far as the matches agree.
    Completed(String),
    /// Nothing more to add: the matching names, sorted.
    Listed(Vec<String>),
    /// No name in the directory starts with what is typed.
    NoMatch,
}

/// The typed path's directory (everything up to and including its last
/// `/`, as typed, `~/` included) and the start of the name after it.
pub fn split(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(at) => path.split_at(at + 1),
        None => ("", path),
    }
}

/// Completes `typed` from `names`, the entries of its directory.
pub fn complete(typed: &str, names: &[String]) -> Completion {
    let (dir, start) = split(typed);
    let mut matches: Vec<&String> = names
        .iter()
        .filter(|name| name.starts_with(start))
        .filter(|name| start.starts_with('.') || !name.starts_with('.'))
        .collect();
    matches.sort();
    let Some(first) = matches.first() else {
        return Completion::NoMatch;
    };
    let common = matches.iter().fold(first.as_str(), |common, name| {
        let agreed = common
            .char_indices()
            .zip(name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(name.len()), |((at, _), _)| at);
        &common[..agreed]
    });
    if common.len() > start.len() || matches.len() == 1 {
        Completion::Completed(format!("{dir}{common}"))
    } else {
        Completion::Listed(matches.into_iter().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_directory_is_kept_as_typed() {
        assert_eq!(split("~/exports/wee"), ("~/exports/", "wee"));
        assert_eq!(split("wee"), ("", "wee"));
        assert_eq!(split("/"), ("/", ""));
    }

    #[test]
    fn a_unique_start_completes_the_whole_name() {
        let dir = names(&["survey-week49.csv", "notes.json", "archive/"]);
        assert_eq!(
            complete("~/exports/no", &dir),
            Completion::Completed("~/exports/notes.json".into())
        );
        assert_eq!(
            complete("ar", &dir),
            Completion::Completed("archive/".into()),
            "a directory keeps its slash, ready for the next tab"
        );
        assert_eq!(complete("x", &dir), Completion::NoMatch);
    }

    #[test]
    fn several_matches_complete_as_far_as_they_agree_then_list() {
        let dir = names(&["survey-week50.csv", "survey-week49.csv", "summary.md"]);
        assert_eq!(
            complete("data/sur", &dir),
            Completion::Completed("data/survey-week".into())
        );
        // The second tab: nothing more to add, so the matches are listed.
        assert_eq!(
            complete("data/survey-week", &dir),
            Completion::Listed(names(&["survey-week49.csv", "survey-week50.csv"]))
        );
        assert_eq!(
            complete("data/su", &dir),
            Completion::Listed(names(&[
                "summary.md",
                "survey-week49.csv",
                "survey-week50.csv"
            ]))
        );
    }

    #[test]
    fn hidden_names_need_a_dot() {
        let dir = names(&[".cache/", "csv/"]);
        assert_eq!(complete("", &dir), Completion::Completed("csv/".into()));
        assert_eq!(complete(".", &dir), Completion::Completed(".cache/".into()));
    }

    #[test]
    fn names_that_are_not_ascii_agree_by_characters() {
        let dir = names(&["été-2026.csv", "été-2025.csv"]);
        assert_eq!(complete("é", &dir), Completion::Completed("été-202".into()));
        assert_eq!(
            complete("été-202", &dir),
            Completion::Listed(names(&["été-2025.csv", "été-2026.csv"]))
        );
    }
}
