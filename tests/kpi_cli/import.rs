//! `kpi import`: the fixture file, a bad file naming every bad row by line
//! and column, and the files, teams and KPIs an import refuses; nothing
//! changes on a refusal.

use super::{common, env, fixture};

#[test]
fn the_fixture_imports_all_or_nothing() {
    let env = env();
    env.add("Core", "Lead time", &[]).unwrap();
    env.add(
        "Core",
        "Deploy frequency",
        &["--direction", "up", "--baseline", "1", "--target", "5"],
    )
    .unwrap();
    let file = fixture("kpi_check_ins.csv");
    let out = env.ok(&["kpi", "import", file.to_str().unwrap(), "--team", "core"]);
    assert_eq!(
        out,
        "imported 5 check-ins for 'Lead time', 'Deploy frequency'\n"
    );
    let lead = env.kpi("Core", "Lead time");
    assert_eq!(lead["check_ins"], 3);
    assert_eq!(
        lead["latest"],
        serde_json::json!({"value": 22.0, "date": "2025-03-03", "confidence": "on-track"})
    );
    assert_eq!(lead["progress"], 0.4);
    let deploys = env.kpi("Core", "Deploy frequency");
    assert_eq!(deploys["progress"], 0.75);

    let before = env.state();
    let bad = common::write(
        &env.dir,
        "bad.csv",
        "kpi,date,value,confidence\n\
         Lead time,2025-04-07,21,on-track\n\
         Lead,2025-04-07,20,\n\
         \n\
         Deploy frequency,,NaN,great\n\
         Lead time,2025-04-07\n",
    );
    let err = env.fails(&["kpi", "import", bad.to_str().unwrap(), "--team", "Core"]);
    assert_eq!(
        err,
        "retriage: bad.csv: 3 bad rows (5 problems); nothing was imported\n  \
         line 3, column 'kpi', value 'Lead': team Core has no KPI of this name\n  \
         line 5, column 'date': is missing\n  \
         line 5, column 'value', value 'NaN': must be a finite number, not NaN or infinite\n  \
         line 5, column 'confidence', value 'great': use on-track, at-risk or off-track\n  \
         line 6: 2 cells where the header has 4\n"
            .replace("bad.csv", &bad.display().to_string())
    );
    assert_eq!(env.state(), before, "nothing was imported");
}

#[test]
fn an_import_refuses_files_teams_and_retired_kpis_in_words() {
    let env = env();
    env.add("Core", "Lead time", &[]).unwrap();
    env.add("Core", "Old", &[]).unwrap();
    env.ok(&[
        "kpi", "retire", "Old", "--team", "Core", "--note", "replaced",
    ]);
    let before = env.state();
    let latin1 = common::write(&env.dir, "latin1.csv", b"kpi,d\xe9te,value\n");
    env.refused(
        &["kpi", "import", latin1.to_str().unwrap(), "--team", "Core"],
        "latin1.csv': not UTF-8 text; save it as UTF-8 and try again",
    );
    env.refused(
        &["kpi", "import", "missing.csv", "--team", "Core"],
        "cannot read 'missing.csv': no such file",
    );
    let good = fixture("kpi_check_ins.csv");
    env.refused(
        &["kpi", "import", good.to_str().unwrap(), "--team", "Ops"],
        "unknown team 'Ops'",
    );
    let header = common::write(&env.dir, "header.csv", "kpi,value\nLead time,3\n");
    env.refused(
        &["kpi", "import", header.to_str().unwrap(), "--team", "Core"],
        "the header has no column 'date'",
    );
    let retired = common::write(
        &env.dir,
        "retired.csv",
        "kpi,date,value\nold,2025-01-06,3\n",
    );
    let err = env.fails(&["kpi", "import", retired.to_str().unwrap(), "--team", "Core"]);
    assert!(
        err.contains("line 2, column 'kpi', value 'old': this KPI is retired"),
        "{err}"
    );
    assert_eq!(env.state(), before);
}
