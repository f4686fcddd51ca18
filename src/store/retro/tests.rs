//! Retros read back typed; a stored value that fits no domain type is
//! `Error::Corrupt`, and a retro's rows go with it.

use super::*;
use crate::domain::retro::TemplateColumn;

fn retro(store: &mut Store) -> i64 {
    let template = Template {
        name: "Two".into(),
        description: String::new(),
        columns: vec![
            TemplateColumn {
                title: "Good".into(),
                prompt: "What went well?".into(),
            },
            TemplateColumn {
                title: "Bad".into(),
                prompt: "What did not?".into(),
            },
        ],
    };
    let row = RetroRow {
        team: "Core",
        title: "Sprint",
        date: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        template: &template,
        facilitator: None,
        participants: &["Dana".to_string()],
        settings: RetroSettings::default(),
    };
    store
        .create_retro(&row, DateTime::from_timestamp(0, 0).unwrap())
        .unwrap()
}

#[test]
fn a_retro_reads_back_with_its_template_snapshot() {
    let mut store = Store::open_in_memory().unwrap();
    let id = retro(&mut store);
    let board = store.load_retro(id).unwrap();
    assert_eq!(board.template.columns[1].title, "Bad");
    assert_eq!(board.team, "Core");
    assert_eq!(board.settings, RetroSettings::default());
    assert_eq!(store.retro_head(id).unwrap().participants, ["Dana"]);
}

#[test]
fn a_corrupt_stored_value_is_reported_as_such() {
    let mut store = Store::open_in_memory().unwrap();
    let id = retro(&mut store);
    for (sql, what) in [
        ("UPDATE retros SET phase = 'party'", "phase 'party'"),
        (
            "UPDATE retros SET phase = 'vote', date = '15/01/2027'",
            "date '15/01/2027'",
        ),
        (
            "UPDATE retros SET date = '2027-01-15', template_json = '{'",
            "template",
        ),
    ] {
        store.conn.execute_batch(sql).unwrap();
        let err = store.load_retro(id).unwrap_err();
        assert!(matches!(err, Error::Corrupt(_)), "{err}");
        assert!(err.to_string().contains(what), "{err}");
    }
}

#[test]
fn deleting_a_retro_takes_its_rows_along() {
    let mut store = Store::open_in_memory().unwrap();
    let id = retro(&mut store);
    let now = DateTime::from_timestamp(0, 0).unwrap();
    let card = store
        .add_retro_card(id, 0, "Fast CI", Some("Dana"), now)
        .unwrap();
    store
        .add_retro_vote(id, card.id, "Dana", |_| Ok(()))
        .unwrap();
    store
        .conn
        .execute("DELETE FROM retros WHERE id = ?1", [id])
        .unwrap();
    let left: i64 = store
        .conn
        .query_row(
            "SELECT (SELECT count(*) FROM retro_cards) + (SELECT count(*) FROM retro_votes)
                + (SELECT count(*) FROM retro_participants)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}
