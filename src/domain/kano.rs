//! Kano analysis: classifying questionnaire answers and summarising a feature.
//!
//! A Kano questionnaire asks every respondent two questions about a feature:
//! the *functional* one ("if the product has X, how do you feel?") and the
//! *dysfunctional* one ("if it does not have X, how do you feel?"), each
//! answered Like / Expect (must-be) / Neutral / Tolerate (live with) /
//! Dislike, plus an optional self-stated importance from 1 to 9. Each answer
//! pair is classified with an evaluation table, and a feature is summarised by
//! the counts of those categories and the figures derived from them.
//!
//! Everything here is pure: no I/O, no storage, no drawing. Every ratio whose
//! denominator is zero is `None`, so no figure is ever NaN or infinite.
//!
//! # Sources
//!
//! - **Kano, N., Seraku, N., Takahashi, F. & Tsuji, S. (1984).** "Attractive
//!   quality and must-be quality." *Hinshitsu (Quality, Journal of the Japanese
//!   Society for Quality Control)* 14(2), 39–48. The model, the paired
//!   functional/dysfunctional question and the evaluation table.
//! - **Berger, C., Blauth, R., Boger, D., Bolster, C., Burchill, G.,
//!   DuMouchel, W., Pouliot, F., Richter, R., Rubinoff, A., Shen, D., Timko, M.
//!   & Walden, D. (1993).** "Kano's methods for understanding customer-defined
//!   quality." *Center for Quality of Management Journal* 2(4), 3–36. The 5×5
//!   evaluation table used here ([`EvaluationTable::Berger`]), the 1–9
//!   self-stated importance question, and two contributions printed inside it:
//!   - *Timko*: the customer satisfaction coefficients, here `better`
//!     = (A+O)/(A+O+M+I) and `worse` = −(O+M)/(A+O+M+I);
//!   - *DuMouchel*: the continuous analysis. Functional answers score Like 4,
//!     Expect 2, Neutral 0, Tolerate −1, Dislike −2; dysfunctional answers
//!     score Like −2, Expect −1, Neutral 0, Tolerate 2, Dislike 4. A feature is
//!     summarised by the mean (and spread) of each.
//! - **Matzler, K., Hinterhuber, H. H., Bailom, F. & Sauerwein, E. (1996).**
//!   "How to delight your customers." *Journal of Product & Brand Management*
//!   5(2), 6–18. The evaluation rule M > O > A > I for ties, which the product
//!   spec extends to M > O > A > I > R > Q ([`Category::PRIORITY`]).
//! - **Lee, M. C. & Newcomb, J. F. (1997).** "Applying the Kano methodology to
//!   meet customer requirements: NASA's microgravity science program."
//!   *Quality Management Journal* 4(3), 95–106. *Category strength* (the
//!   top category's percentage minus the second's) and *total strength*
//!   (A% + O% + M%).
//! - **Fong, D. (1996).** "Using the self-stated importance questionnaire to
//!   interpret Kano questionnaire results." *Center for Quality of Management
//!   Journal* 5, 21–24. The significance test between the two most frequent
//!   categories (see below). The test is Fong's (1996), not part of Berger et
//!   al. (1993).
//!
//! The table, the DuMouchel scores, the coefficients and the Fong formula
//! were also checked against secondary write-ups (the Kano study guide at
//! kano-model.proofofthepudding.be, the Kano+ method notes at kano.plus, and
//! the README of the R package stp4/stp25kano, whose published example
//! figures the unit tests reproduce).
//!
//! # Evaluation table (Berger et al. 1993, from Kano et al. 1984)
//!
//! Rows are the functional answer, columns the dysfunctional answer:
//!
//! ```text
//!              Like  Expect  Neutral  Tolerate  Dislike
//! Like          Q      A       A        A         O
//! Expect        R      I       I        I         M
//! Neutral       R      I       I        I         M
//! Tolerate      R      I       I        I         M
//! Dislike       R      R       R        R         Q
//! ```
//!
//! # The Pouliot variant: NOT VERIFIED
//!
//! Fred Pouliot co-wrote Berger et al. (1993), and later write-ups say he
//! proposed a refined table with finer Attractive and Must-be levels. The
//! table itself could not be found in any source available while this module
//! was written, so **which cells Pouliot changed is unverified.**
//! [`EvaluationTable::Pouliot`] is a stricter *reconstruction*, and its
//! reasoning is this module's, not a quote from Pouliot. The Berger table
//! already marks the same extreme answer to both questions as Questionable.
//! The reconstruction applies the same rule to answers that say "I expect it"
//! to the feature's absence, or "I expect it" to its presence while liking
//! its absence. Three cells differ from Berger:
//!
//! | functional | dysfunctional | Berger | reconstruction |
//! |------------|---------------|--------|----------------|
//! | Like       | Expect        | A      | Q              |
//! | Expect     | Like          | R      | Q              |
//! | Expect     | Expect        | I      | Q              |
//!
//! Before this variant is labelled "Pouliot" anywhere a user can see it,
//! check these cells against the primary text (CQM Journal 2(4), 1993).
//!
//! # A feature's category
//!
//! The category is the most frequent one. Ties go M > O > A > I > R > Q. With
//! a tie window `w > 0` (percentage points), every category whose percentage
//! is within `w` of the top one counts as tied, and the priority decides.
//! Categories with no answers never win, however wide the window. A negative
//! or NaN window counts as 0.
//!
//! Percentages are of `n`, all responses including R and Q.
//!
//! # Fong test
//!
//! Let `a ≥ b` be the counts of the two most frequent categories (all six
//! categories count) and `n` the number of responses. The difference is
//! significant when
//!
//! ```text
//! |a − b| ≥ 1.65 · √((a + b)(2n − a − b) / (2n))
//! ```
//!
//! This is a one-sided pooled two-proportion z-test at about the 5% level
//! (z ≈ 1.645). With the pooled proportion p = (a+b)/(2n), the expression
//! under the root is 2n·p(1−p). The test treats the two counts as if they
//! were independent, which they are not within one multinomial sample.
//! `fong_significant` is `None` only when `n == 0`.
//!
//! # Standard deviations: sample (n − 1)
//!
//! The continuous-analysis spreads use the **sample** standard deviation,
//! which divides by n − 1. The respondents are a sample of the customers the
//! feature is meant for. The spread is used to judge how far the mean can be
//! trusted (error bars on the Better/Worse and DuMouchel plots), and Bessel's
//! correction gives the unbiased variance estimate for that. It is also what
//! spreadsheets (`STDEV.S`) and R's `sd()` compute, so a user can check a
//! report by hand. One response carries no information about spread, so the
//! SD is `None` when n < 2. A population SD would report 0 there instead.
//!
//! All responses, including those classified R or Q, count towards the
//! DuMouchel means and SDs, because those scores come from the answers and not
//! from the category. Importance values outside 1–9 (possible only when a
//! [`Response`] is built directly) are ignored.

use serde::{Deserialize, Serialize};

/// One answer to a functional or dysfunctional question, numbered 1–5 in
/// questionnaire order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Like,
    Expect,
    Neutral,
    Tolerate,
    Dislike,
}

/// Every accepted spelling (lower case, single spaces) and its answer.
const SPELLINGS: [(&str, Answer); 18] = [
    ("i like it", Answer::Like),
    ("i like it that way", Answer::Like),
    ("like", Answer::Like),
    ("i expect it", Answer::Expect),
    ("it must be that way", Answer::Expect),
    ("must-be", Answer::Expect),
    ("must be", Answer::Expect),
    ("expect", Answer::Expect),
    ("i am neutral", Answer::Neutral),
    ("neutral", Answer::Neutral),
    ("i can tolerate it", Answer::Tolerate),
    ("i can live with it", Answer::Tolerate),
    ("i can live with it that way", Answer::Tolerate),
    ("tolerate", Answer::Tolerate),
    ("live with", Answer::Tolerate),
    ("i dislike it", Answer::Dislike),
    ("i dislike it that way", Answer::Dislike),
    ("dislike", Answer::Dislike),
];

const ACCEPTED_ANSWERS: &str = "use 1–5 or: I like it (1); I expect it / it must be that way (2); \
     I am neutral (3); I can tolerate it / I can live with it (4); I dislike it (5)";

impl Answer {
    /// The answers in questionnaire order, 1 to 5.
    pub const ALL: [Answer; 5] = [
        Answer::Like,
        Answer::Expect,
        Answer::Neutral,
        Answer::Tolerate,
        Answer::Dislike,
    ];

    /// Parses a number 1–5 or the questionnaire words. Case, spaces,
    /// parentheses and end punctuation are ignored ("I like it (that way).").
    /// Blank text is `Ok(None)`.
    pub fn parse(text: &str) -> Result<Option<Answer>, String> {
        let plain = text.replace(['(', ')', '.', '!'], " ");
        let words: Vec<&str> = plain.split_whitespace().collect();
        if words.is_empty() {
            return Ok(None);
        }
        let key = words.join(" ").to_lowercase();
        if let Some((_, answer)) = SPELLINGS.iter().find(|(s, _)| *s == key) {
            return Ok(Some(*answer));
        }
        key.parse::<u8>()
            .ok()
            .and_then(Answer::from_number)
            .map(Some)
            .ok_or_else(|| format!("unknown Kano answer '{text}': {ACCEPTED_ANSWERS}"))
    }

    /// The answer's number, 1 (Like) to 5 (Dislike).
    pub fn number(self) -> u8 {
        match self {
            Answer::Like => 1,
            Answer::Expect => 2,
            Answer::Neutral => 3,
            Answer::Tolerate => 4,
            Answer::Dislike => 5,
        }
    }

    /// The answer numbered 1–5, if it is one.
    pub fn from_number(number: u8) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.number() == number)
    }

    /// The questionnaire wording.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Like => "I like it",
            Answer::Expect => "I expect it",
            Answer::Neutral => "I am neutral",
            Answer::Tolerate => "I can tolerate it",
            Answer::Dislike => "I dislike it",
        }
    }

    /// DuMouchel's score for this answer to the functional question.
    pub fn functional_score(self) -> f64 {
        match self {
            Answer::Like => 4.0,
            Answer::Expect => 2.0,
            Answer::Neutral => 0.0,
            Answer::Tolerate => -1.0,
            Answer::Dislike => -2.0,
        }
    }

    /// DuMouchel's score for this answer to the dysfunctional question.
    pub fn dysfunctional_score(self) -> f64 {
        match self {
            Answer::Like => -2.0,
            Answer::Expect => -1.0,
            Answer::Neutral => 0.0,
            Answer::Tolerate => 2.0,
            Answer::Dislike => 4.0,
        }
    }

    fn index(self) -> usize {
        usize::from(self.number() - 1)
    }
}

/// A Kano category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Attractive,
    OneDimensional,
    MustBe,
    Indifferent,
    Reverse,
    Questionable,
}

impl Category {
    /// Tie-break order, strongest first: M > O > A > I > R > Q.
    pub const PRIORITY: [Category; 6] = [
        Category::MustBe,
        Category::OneDimensional,
        Category::Attractive,
        Category::Indifferent,
        Category::Reverse,
        Category::Questionable,
    ];

    /// The usual one-letter code: A, O, M, I, R or Q.
    pub fn letter(self) -> char {
        match self {
            Category::Attractive => 'A',
            Category::OneDimensional => 'O',
            Category::MustBe => 'M',
            Category::Indifferent => 'I',
            Category::Reverse => 'R',
            Category::Questionable => 'Q',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Category::Attractive => "attractive",
            Category::OneDimensional => "one-dimensional",
            Category::MustBe => "must-be",
            Category::Indifferent => "indifferent",
            Category::Reverse => "reverse",
            Category::Questionable => "questionable",
        }
    }
}

/// Which evaluation table classifies answer pairs.
#[derive(Default, Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationTable {
    /// Berger et al. (1993), the standard table.
    #[default]
    Berger,
    /// A stricter variant named for Pouliot (1993). It is a reconstruction
    /// that has not been checked against the source: see the module docs.
    Pouliot,
}

impl EvaluationTable {
    pub fn name(self) -> &'static str {
        match self {
            EvaluationTable::Berger => "Berger",
            EvaluationTable::Pouliot => "Pouliot (unverified)",
        }
    }
}

/// Berger et al. (1993): rows functional, columns dysfunctional, in
/// [`Answer::ALL`] order.
const BERGER_TABLE: [[Category; 5]; 5] = {
    use Category::{
        Attractive as A, Indifferent as I, MustBe as M, OneDimensional as O, Questionable as Q,
        Reverse as R,
    };
    [
        [Q, A, A, A, O],
        [R, I, I, I, M],
        [R, I, I, I, M],
        [R, I, I, I, M],
        [R, R, R, R, Q],
    ]
};

/// The cells where the Pouliot reconstruction departs from Berger.
fn pouliot_override(functional: Answer, dysfunctional: Answer) -> Option<Category> {
    match (functional, dysfunctional) {
        (Answer::Like, Answer::Expect)
        | (Answer::Expect, Answer::Like)
        | (Answer::Expect, Answer::Expect) => Some(Category::Questionable),
        _ => None,
    }
}

/// Classifies one respondent's answer pair.
pub fn classify(functional: Answer, dysfunctional: Answer, table: EvaluationTable) -> Category {
    let berger = BERGER_TABLE[functional.index()][dysfunctional.index()];
    match table {
        EvaluationTable::Berger => berger,
        EvaluationTable::Pouliot => pouliot_override(functional, dysfunctional).unwrap_or(berger),
    }
}

/// One respondent's answers about one feature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Response {
    pub functional: Answer,
    pub dysfunctional: Answer,
    /// Self-stated importance, 1–9.
    pub importance: Option<u8>,
}

impl Response {
    pub fn category(&self, table: EvaluationTable) -> Category {
        classify(self.functional, self.dysfunctional, table)
    }
}

/// Self-stated importance: a whole number 1–9. Blank text is `Ok(None)`.
pub fn parse_importance(text: &str) -> Result<Option<u8>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u8>() {
        Ok(v) if (1..=9).contains(&v) => Ok(Some(v)),
        _ => Err(format!(
            "invalid importance '{text}': use a whole number from 1 to 9"
        )),
    }
}

/// How many responses fell into each category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub a: u32,
    pub o: u32,
    pub m: u32,
    pub i: u32,
    pub r: u32,
    pub q: u32,
}

impl Counts {
    pub fn get(&self, c: Category) -> u32 {
        match c {
            Category::Attractive => self.a,
            Category::OneDimensional => self.o,
            Category::MustBe => self.m,
            Category::Indifferent => self.i,
            Category::Reverse => self.r,
            Category::Questionable => self.q,
        }
    }

    pub fn add(&mut self, c: Category) {
        let slot = match c {
            Category::Attractive => &mut self.a,
            Category::OneDimensional => &mut self.o,
            Category::MustBe => &mut self.m,
            Category::Indifferent => &mut self.i,
            Category::Reverse => &mut self.r,
            Category::Questionable => &mut self.q,
        };
        *slot = slot.saturating_add(1);
    }

    /// All responses, R and Q included.
    pub fn total(&self) -> u32 {
        Category::PRIORITY
            .into_iter()
            .fold(0u32, |sum, c| sum.saturating_add(self.get(c)))
    }

    /// Counts of the given responses under a table.
    pub fn tally(responses: &[Response], table: EvaluationTable) -> Counts {
        let mut counts = Counts::default();
        for r in responses {
            counts.add(r.category(table));
        }
        counts
    }
}

/// Analysis options.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct KanoSettings {
    /// Percentage points within which categories count as tied (default 0).
    pub tie_window: f64,
    pub table: EvaluationTable,
}

/// A feature's Kano summary. Every `Option` is `None` when its denominator is
/// zero; no field is ever NaN or infinite.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeatureAnalysis {
    pub n: u32,
    pub counts: Counts,
    /// `None` when `n == 0`.
    pub category: Option<Category>,
    /// (A+O)/(A+O+M+I), 0–1; `None` when A+O+M+I is 0.
    pub better: Option<f64>,
    /// −(O+M)/(A+O+M+I), −1–0; `None` when A+O+M+I is 0.
    pub worse: Option<f64>,
    /// Top category % − second %, percentage points; `None` when `n == 0`.
    pub category_strength: Option<f64>,
    /// A% + O% + M%; `None` when `n == 0`.
    pub total_strength: Option<f64>,
    /// `None` when `n == 0`.
    pub fong_significant: Option<bool>,
    pub functional_mean: Option<f64>,
    /// Sample SD; `None` when n < 2.
    pub functional_sd: Option<f64>,
    pub dysfunctional_mean: Option<f64>,
    /// Sample SD; `None` when n < 2.
    pub dysfunctional_sd: Option<f64>,
    /// `None` without importance data.
    pub importance_mean: Option<f64>,
}

/// Classifies and summarises one feature's responses.
pub fn analyse(responses: &[Response], settings: &KanoSettings) -> FeatureAnalysis {
    let counts = Counts::tally(responses, settings.table);
    let functional: Vec<f64> = responses
        .iter()
        .map(|r| r.functional.functional_score())
        .collect();
    let dysfunctional: Vec<f64> = responses
        .iter()
        .map(|r| r.dysfunctional.dysfunctional_score())
        .collect();
    let importance: Vec<f64> = responses
        .iter()
        .filter_map(|r| r.importance)
        .filter(|v| (1..=9).contains(v))
        .map(f64::from)
        .collect();
    FeatureAnalysis {
        functional_mean: mean(&functional),
        functional_sd: sample_sd(&functional),
        dysfunctional_mean: mean(&dysfunctional),
        dysfunctional_sd: sample_sd(&dysfunctional),
        importance_mean: mean(&importance),
        ..analyse_counts(counts, settings)
    }
}

/// The figures that depend only on the counts. The continuous-analysis and
/// importance fields are `None`.
pub fn analyse_counts(counts: Counts, settings: &KanoSettings) -> FeatureAnalysis {
    FeatureAnalysis {
        n: counts.total(),
        counts,
        category: dominant_category(&counts, settings.tie_window),
        better: better(&counts),
        worse: worse(&counts),
        category_strength: category_strength(&counts),
        total_strength: total_strength(&counts),
        fong_significant: fong_significant(&counts),
        functional_mean: None,
        functional_sd: None,
        dysfunctional_mean: None,
        dysfunctional_sd: None,
        importance_mean: None,
    }
}

/// `part` as a percentage of `whole`, or `None` when `whole` is 0.
fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// The most frequent category. Any category within `tie_window` percentage
/// points of the top one ties with it, and [`Category::PRIORITY`] breaks
/// ties. Categories with no responses never win. `None` when there are no
/// responses.
pub fn dominant_category(counts: &Counts, tie_window: f64) -> Option<Category> {
    let n = counts.total();
    let top = Category::PRIORITY
        .into_iter()
        .map(|c| counts.get(c))
        .max()?;
    if n == 0 {
        return None;
    }
    let window = if tie_window > 0.0 { tie_window } else { 0.0 };
    Category::PRIORITY.into_iter().find(|&c| {
        let count = counts.get(c);
        count > 0 && percent(top - count, n).is_some_and(|gap| gap <= window)
    })
}

/// The two largest counts, largest first.
fn top_two(counts: &Counts) -> (u32, u32) {
    let mut all = Category::PRIORITY.map(|c| counts.get(c));
    all.sort_unstable_by(|x, y| y.cmp(x));
    (all[0], all[1])
}

fn satisfaction_base(counts: &Counts) -> u32 {
    [counts.a, counts.o, counts.m, counts.i]
        .into_iter()
        .fold(0u32, u32::saturating_add)
}

/// Timko's Better coefficient: (A+O)/(A+O+M+I).
pub fn better(counts: &Counts) -> Option<f64> {
    percent(counts.a.saturating_add(counts.o), satisfaction_base(counts)).map(|p| p / 100.0)
}

/// Timko's Worse coefficient: −(O+M)/(A+O+M+I), never −0.
pub fn worse(counts: &Counts) -> Option<f64> {
    let om = counts.o.saturating_add(counts.m);
    percent(om, satisfaction_base(counts)).map(|p| if om == 0 { 0.0 } else { -p / 100.0 })
}

/// Lee & Newcomb's category strength: top % − second %, in points.
pub fn category_strength(counts: &Counts) -> Option<f64> {
    let (first, second) = top_two(counts);
    percent(first - second, counts.total())
}

/// Lee & Newcomb's total strength: A% + O% + M%.
pub fn total_strength(counts: &Counts) -> Option<f64> {
    let amo = counts.a.saturating_add(counts.o).saturating_add(counts.m);
    percent(amo, counts.total())
}

/// The Fong critical difference 1.65·√((a+b)(2n−a−b)/(2n)). `None` when
/// `n == 0` or the counts are inconsistent (a + b > n).
pub fn fong_threshold(a: u32, b: u32, n: u32) -> Option<f64> {
    let (a, b, n) = (f64::from(a), f64::from(b), f64::from(n));
    if n == 0.0 || a + b > n {
        return None;
    }
    let value = 1.65 * ((a + b) * (2.0 * n - a - b) / (2.0 * n)).sqrt();
    value.is_finite().then_some(value)
}

/// Fong's test between the two most frequent categories: significant when
/// their count difference reaches [`fong_threshold`]. `None` when `n == 0`.
pub fn fong_significant(counts: &Counts) -> Option<bool> {
    let (a, b) = top_two(counts);
    fong_threshold(a, b, counts.total()).map(|t| f64::from(a - b) >= t)
}

fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let m = values.iter().sum::<f64>() / values.len() as f64;
    m.is_finite().then_some(m)
}

/// Sample standard deviation (n − 1); `None` for fewer than two values.
fn sample_sd(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    let squares: f64 = values.iter().map(|v| (v - m).powi(2)).sum();
    let sd = (squares / (values.len() - 1) as f64).sqrt();
    sd.is_finite().then_some(sd)
}

/// One respondent's answers about one feature, as read from a survey.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyAnswer {
    pub feature: String,
    pub respondent: String,
    pub response: Response,
}

/// One feature's answers: the feedback item that stands for it and every
/// answer given about it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureResponses {
    pub feedback_id: i64,
    pub title: String,
    pub responses: Vec<Response>,
}

#[cfg(test)]
mod tests {

    #[test]
    fn answers_in_parentheses_and_with_full_stops() {
        assert_eq!(
            Answer::parse("I like it (that way)").unwrap(),
            Some(Answer::Like)
        );
        assert_eq!(
            Answer::parse("I can live with it (that way).").unwrap(),
            Some(Answer::Tolerate)
        );
        assert_eq!(
            Answer::parse("It must be that way.").unwrap(),
            Some(Answer::Expect)
        );
        assert!(Answer::parse("(like)x").is_err());
    }
    use super::*;
    use Answer::{Dislike, Expect, Like, Neutral, Tolerate};
    use Category::{
        Attractive as A, Indifferent as I, MustBe as M, OneDimensional as O, Questionable as Q,
        Reverse as R,
    };
    use proptest::prelude::*;

    fn resp(functional: Answer, dysfunctional: Answer) -> Response {
        Response {
            functional,
            dysfunctional,
            importance: None,
        }
    }

    fn counts(m: u32, o: u32, a: u32, i: u32, r: u32, q: u32) -> Counts {
        Counts { a, o, m, i, r, q }
    }

    fn close(x: Option<f64>, y: f64) -> bool {
        x.is_some_and(|x| (x - y).abs() < 1e-9)
    }

    const BERGER: EvaluationTable = EvaluationTable::Berger;
    const POULIOT: EvaluationTable = EvaluationTable::Pouliot;

    #[test]
    fn berger_table_cell_by_cell() {
        // Rows: functional answer; columns: dysfunctional answer.
        #[rustfmt::skip]
        let expected: [(Answer, [Category; 5]); 5] = [
            //            Like Expect Neutral Tolerate Dislike
            (Like,     [  Q,   A,     A,      A,       O ]),
            (Expect,   [  R,   I,     I,      I,       M ]),
            (Neutral,  [  R,   I,     I,      I,       M ]),
            (Tolerate, [  R,   I,     I,      I,       M ]),
            (Dislike,  [  R,   R,     R,      R,       Q ]),
        ];
        for (functional, row) in expected {
            for (dysfunctional, want) in Answer::ALL.into_iter().zip(row) {
                assert_eq!(
                    classify(functional, dysfunctional, BERGER),
                    want,
                    "{functional:?} / {dysfunctional:?}"
                );
            }
        }
    }

    #[test]
    fn pouliot_reconstruction_differs_in_exactly_three_cells() {
        assert_eq!(classify(Like, Expect, POULIOT), Q);
        assert_eq!(classify(Expect, Like, POULIOT), Q);
        assert_eq!(classify(Expect, Expect, POULIOT), Q);
        let mut differences = Vec::new();
        for f in Answer::ALL {
            for d in Answer::ALL {
                if classify(f, d, POULIOT) != classify(f, d, BERGER) {
                    differences.push((f, d));
                }
            }
        }
        assert_eq!(
            differences,
            vec![(Like, Expect), (Expect, Like), (Expect, Expect)]
        );
        assert_eq!(EvaluationTable::default(), BERGER);
    }

    #[test]
    fn every_answer_spelling_parses() {
        let cases = [
            ("I like it", Like),
            ("I like it that way", Like),
            ("like", Like),
            ("I expect it", Expect),
            ("It must be that way", Expect),
            ("must-be", Expect),
            ("must be", Expect),
            ("expect", Expect),
            ("I am neutral", Neutral),
            ("neutral", Neutral),
            ("I can tolerate it", Tolerate),
            ("I can live with it", Tolerate),
            ("I can live with it that way", Tolerate),
            ("tolerate", Tolerate),
            ("live with", Tolerate),
            ("I dislike it", Dislike),
            ("I dislike it that way", Dislike),
            ("dislike", Dislike),
            ("1", Like),
            ("2", Expect),
            ("3", Neutral),
            ("4", Tolerate),
            ("5", Dislike),
        ];
        for (text, want) in cases {
            assert_eq!(Answer::parse(text), Ok(Some(want)), "{text}");
            assert_eq!(
                Answer::parse(&text.to_uppercase()),
                Ok(Some(want)),
                "{text}"
            );
            let padded = format!("  {}\t", text.replace(' ', "  "));
            assert_eq!(Answer::parse(&padded), Ok(Some(want)), "{padded:?}");
        }
        for a in Answer::ALL {
            assert_eq!(Answer::parse(a.label()), Ok(Some(a)));
            assert_eq!(Answer::from_number(a.number()), Some(a));
        }
    }

    #[test]
    fn blank_answers_are_none_and_unknown_ones_are_refused() {
        assert_eq!(Answer::parse(""), Ok(None));
        assert_eq!(Answer::parse("   \t "), Ok(None));
        for bad in ["0", "6", "1.5", "-1", "love it", "I like", "maybe", "likes"] {
            let err = Answer::parse(bad).unwrap_err();
            assert!(err.contains(&format!("'{bad}'")), "{err}");
            assert!(err.contains("1–5") && err.contains("I dislike it"), "{err}");
        }
    }

    #[test]
    fn answers_are_numbered_and_scored_per_dumouchel() {
        let numbers: Vec<u8> = Answer::ALL.iter().map(|a| a.number()).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        let functional: Vec<f64> = Answer::ALL.iter().map(|a| a.functional_score()).collect();
        assert_eq!(functional, [4.0, 2.0, 0.0, -1.0, -2.0]);
        let dysfunctional: Vec<f64> = Answer::ALL
            .iter()
            .map(|a| a.dysfunctional_score())
            .collect();
        assert_eq!(dysfunctional, [-2.0, -1.0, 0.0, 2.0, 4.0]);
    }

    #[test]
    fn categories_have_letters_names_and_priority() {
        let letters: String = Category::PRIORITY.iter().map(|c| c.letter()).collect();
        assert_eq!(letters, "MOAIRQ");
        assert_eq!(O.name(), "one-dimensional");
        assert_eq!(M.name(), "must-be");
        assert_eq!(A.letter(), 'A');
        assert_eq!(serde_json::to_string(&O).unwrap(), "\"one_dimensional\"");
        assert_eq!(
            serde_json::to_string(&EvaluationTable::Pouliot).unwrap(),
            "\"pouliot\""
        );
    }

    #[test]
    fn importance_is_one_to_nine() {
        assert_eq!(parse_importance(""), Ok(None));
        assert_eq!(parse_importance("  "), Ok(None));
        assert_eq!(parse_importance(" 7 "), Ok(Some(7)));
        assert_eq!(parse_importance("1"), Ok(Some(1)));
        assert_eq!(parse_importance("9"), Ok(Some(9)));
        for bad in ["0", "10", "4.5", "high", "-3"] {
            let err = parse_importance(bad).unwrap_err();
            assert!(err.contains(&format!("'{bad}'")), "{err}");
        }
    }

    #[test]
    fn counts_add_get_and_total() {
        let mut c = Counts::default();
        for cat in [A, A, O, M, I, R, Q, Q, Q] {
            c.add(cat);
        }
        assert_eq!((c.get(A), c.get(O), c.get(M)), (2, 1, 1));
        assert_eq!((c.get(I), c.get(R), c.get(Q)), (1, 1, 3));
        assert_eq!(c.total(), 9);
    }

    #[test]
    fn exact_ties_follow_m_o_a_i_r_q() {
        let settings = KanoSettings::default();
        let pick = |c: Counts| analyse_counts(c, &settings).category;
        assert_eq!(pick(counts(2, 2, 0, 0, 0, 0)), Some(M));
        assert_eq!(pick(counts(0, 3, 3, 0, 0, 0)), Some(O));
        assert_eq!(pick(counts(0, 0, 3, 3, 1, 0)), Some(A));
        assert_eq!(pick(counts(0, 0, 0, 2, 2, 2)), Some(I));
        assert_eq!(pick(counts(0, 0, 0, 0, 1, 1)), Some(R));
        assert_eq!(pick(counts(1, 1, 1, 1, 1, 1)), Some(M));
        assert_eq!(pick(counts(0, 0, 0, 0, 0, 4)), Some(Q));
        let tied = analyse_counts(counts(0, 0, 3, 3, 1, 0), &settings);
        assert_eq!(tied.category_strength, Some(0.0));
        assert_eq!(tied.fong_significant, Some(false));
    }

    #[test]
    fn near_ties_need_a_window() {
        // The 25-respondent example of the Kano study guide: M 9, O 10,
        // A 1, I 2, R 3, Q 0. O leads M by 1 response = 4 points.
        let c = counts(9, 10, 1, 2, 3, 0);
        let with = |tie_window| {
            analyse_counts(
                c,
                &KanoSettings {
                    tie_window,
                    ..KanoSettings::default()
                },
            )
            .category
        };
        assert_eq!(with(0.0), Some(O));
        assert_eq!(with(3.9), Some(O));
        assert_eq!(with(4.0), Some(M));
        assert_eq!(with(50.0), Some(M));
        assert_eq!(with(-5.0), Some(O));
        assert_eq!(with(f64::NAN), Some(O));
        // Empty categories never win, however wide the window.
        assert_eq!(
            analyse_counts(
                counts(0, 0, 1, 5, 0, 0),
                &KanoSettings {
                    tie_window: f64::INFINITY,
                    ..KanoSettings::default()
                }
            )
            .category,
            Some(A)
        );
        assert_eq!(
            analyse_counts(counts(9, 5, 4, 2, 4, 1), &KanoSettings::default()).category,
            Some(M)
        );
    }

    #[test]
    fn published_example_figures_are_reproduced() {
        // stp4/stp25kano README, "Service app": M 95, O 123, A 45, I 33, n 296;
        // published: O, total strength 89%, category strength 9%,
        // CS+ 0.568, CS- -0.736, Fong "28 < 19.4 sig.".
        let s = analyse_counts(counts(95, 123, 45, 33, 0, 0), &KanoSettings::default());
        assert_eq!(s.n, 296);
        assert_eq!(s.category, Some(O));
        assert!(close(s.better, 168.0 / 296.0));
        assert!(close(s.worse, -218.0 / 296.0));
        assert!(close(s.total_strength, 263.0 * 100.0 / 296.0));
        assert!(close(s.category_strength, 28.0 * 100.0 / 296.0));
        assert_eq!(s.fong_significant, Some(true));
        let t = fong_threshold(123, 95, 296).unwrap();
        assert!((t - 19.3636).abs() < 1e-3, "{t}");
        // "Loan machine": M 65, O 87, A 93, I 51; Fong "6 < 18.5 ns".
        let loan = analyse_counts(counts(65, 87, 93, 51, 0, 0), &KanoSettings::default());
        assert_eq!(loan.category, Some(A));
        assert_eq!(loan.fong_significant, Some(false));
        assert!((fong_threshold(93, 87, 296).unwrap() - 18.4675).abs() < 1e-3);
        // "Excellent service": M 101, O 54, A 54, I 81, R 3, Q 3; "20 < 18.5 sig.".
        let exc = analyse_counts(counts(101, 54, 54, 81, 3, 3), &KanoSettings::default());
        assert_eq!(exc.fong_significant, Some(true));
        assert!(close(exc.total_strength, 209.0 * 100.0 / 296.0));
    }

    #[test]
    fn fong_worked_example_at_the_boundary() {
        // n = 20, a = 8, b = 4: 1.65 * sqrt(12 * 28 / 40) = 1.65 * sqrt(8.4) ≈ 4.782,
        // and |8 - 4| = 4 falls short: not significant.
        let t = fong_threshold(8, 4, 20).unwrap();
        assert!((t - 1.65 * 8.4f64.sqrt()).abs() < 1e-12);
        assert_eq!(fong_significant(&counts(8, 4, 4, 4, 0, 0)), Some(false));
        // n = 20, a = 8, b = 3: 1.65 * sqrt(11 * 29 / 40) ≈ 4.660 and |8 - 3| = 5:
        // significant.
        assert!((fong_threshold(8, 3, 20).unwrap() - 4.6596).abs() < 1e-3);
        assert_eq!(fong_significant(&counts(8, 3, 3, 3, 3, 0)), Some(true));
        // The top two are found wherever they are, Q included.
        assert_eq!(fong_significant(&counts(3, 0, 0, 0, 0, 8)), Some(true));
        // A single response is never significant; two identical ones are.
        assert_eq!(fong_significant(&counts(0, 0, 1, 0, 0, 0)), Some(false));
        assert_eq!(fong_significant(&counts(0, 0, 2, 0, 0, 0)), Some(true));
        assert_eq!(fong_significant(&Counts::default()), None);
        assert_eq!(fong_threshold(3, 3, 4), None);
    }

    #[test]
    fn only_reverse_or_questionable_has_no_better_or_worse() {
        let responses = [resp(Dislike, Like), resp(Like, Like), resp(Expect, Like)];
        let s = analyse(&responses, &KanoSettings::default());
        assert_eq!(s.n, 3);
        assert_eq!((s.counts.r, s.counts.q), (2, 1));
        assert_eq!(s.category, Some(R));
        assert_eq!((s.better, s.worse), (None, None));
        assert_eq!(s.total_strength, Some(0.0));
        assert!(close(s.category_strength, 100.0 / 3.0));
        // Under the Pouliot reconstruction, Expect/Like is Q, so R and Q tie.
        let p = analyse(
            &responses,
            &KanoSettings {
                table: POULIOT,
                ..KanoSettings::default()
            },
        );
        assert_eq!((p.counts.r, p.counts.q), (1, 2));
        assert_eq!(p.category, Some(Q));
    }

    #[test]
    fn worse_is_never_negative_zero() {
        let s = analyse_counts(counts(0, 0, 3, 1, 0, 0), &KanoSettings::default());
        assert_eq!(s.better, Some(0.75));
        let w = s.worse.unwrap();
        assert!(w == 0.0 && w.is_sign_positive());
    }

    #[test]
    fn no_responses_gives_nothing() {
        let s = analyse(&[], &KanoSettings::default());
        assert_eq!(s.n, 0);
        assert_eq!(s.counts, Counts::default());
        assert_eq!(s.category, None);
        assert_eq!((s.better, s.worse), (None, None));
        assert_eq!((s.category_strength, s.total_strength), (None, None));
        assert_eq!(s.fong_significant, None);
        assert_eq!((s.functional_mean, s.functional_sd), (None, None));
        assert_eq!((s.dysfunctional_mean, s.dysfunctional_sd), (None, None));
        assert_eq!(s.importance_mean, None);
    }

    #[test]
    fn importance_mean_when_present() {
        let mut responses = [
            resp(Like, Dislike),
            resp(Like, Tolerate),
            resp(Neutral, Neutral),
        ];
        assert_eq!(
            analyse(&responses, &KanoSettings::default()).importance_mean,
            None
        );
        responses[0].importance = Some(7);
        responses[1].importance = Some(9);
        assert_eq!(
            analyse(&responses, &KanoSettings::default()).importance_mean,
            Some(8.0)
        );
        // Out-of-range values built directly are ignored, not averaged.
        responses[2].importance = Some(0);
        assert_eq!(
            analyse(&responses, &KanoSettings::default()).importance_mean,
            Some(8.0)
        );
    }

    #[test]
    fn continuous_means_and_sample_sds_by_hand() {
        // Functional: Like 4, Like 4, Expect 2, Neutral 0 -> mean 2.5,
        // squared deviations 2.25 + 2.25 + 0.25 + 6.25 = 11, SD = sqrt(11/3).
        // Dysfunctional: Dislike 4, Neutral 0, Dislike 4, Neutral 0 -> mean 2,
        // squared deviations 4 * 4 = 16, SD = sqrt(16/3) (population SD would be 2).
        let responses = [
            resp(Like, Dislike),
            resp(Like, Neutral),
            resp(Expect, Dislike),
            resp(Neutral, Neutral),
        ];
        let s = analyse(&responses, &KanoSettings::default());
        assert_eq!(s.functional_mean, Some(2.5));
        assert!(close(s.functional_sd, (11.0f64 / 3.0).sqrt()));
        assert_eq!(s.dysfunctional_mean, Some(2.0));
        assert!(close(s.dysfunctional_sd, (16.0f64 / 3.0).sqrt()));
        assert_eq!(
            (s.counts.o, s.counts.a, s.counts.m, s.counts.i),
            (1, 1, 1, 1)
        );
        assert_eq!(s.category, Some(M));
        // One response: a mean, but no spread.
        let one = analyse(&responses[..1], &KanoSettings::default());
        assert_eq!(one.functional_mean, Some(4.0));
        assert_eq!((one.functional_sd, one.dysfunctional_sd), (None, None));
    }

    fn any_answer() -> impl Strategy<Value = Answer> {
        prop::sample::select(Answer::ALL.to_vec())
    }

    fn any_response() -> impl Strategy<Value = Response> {
        (any_answer(), any_answer(), prop::option::of(0u8..=12)).prop_map(
            |(functional, dysfunctional, importance)| Response {
                functional,
                dysfunctional,
                importance,
            },
        )
    }

    fn any_settings() -> impl Strategy<Value = KanoSettings> {
        let window = prop_oneof![
            -10.0f64..150.0,
            Just(0.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
        ];
        let table = prop::sample::select(vec![EvaluationTable::Berger, EvaluationTable::Pouliot]);
        (window, table).prop_map(|(tie_window, table)| KanoSettings { tie_window, table })
    }

    fn all_figures(s: &FeatureAnalysis) -> [Option<f64>; 9] {
        [
            s.better,
            s.worse,
            s.category_strength,
            s.total_strength,
            s.functional_mean,
            s.functional_sd,
            s.dysfunctional_mean,
            s.dysfunctional_sd,
            s.importance_mean,
        ]
    }

    proptest! {
        #[test]
        fn figures_are_finite_and_in_range(
            responses in prop::collection::vec(any_response(), 0..80),
            settings in any_settings(),
        ) {
            let s = analyse(&responses, &settings);
            for x in all_figures(&s).into_iter().flatten() {
                prop_assert!(x.is_finite(), "{s:?}");
            }
            prop_assert!(s.better.is_none_or(|b| (0.0..=1.0).contains(&b)));
            prop_assert!(s.worse.is_none_or(|w| (-1.0..=0.0).contains(&w)));
            prop_assert!(s.category_strength.is_none_or(|c| (0.0..=100.0).contains(&c)));
            prop_assert!(s.total_strength.is_none_or(|t| (0.0..=100.0 + 1e-9).contains(&t)));
            prop_assert!(s.importance_mean.is_none_or(|m| (1.0..=9.0).contains(&m)));
            prop_assert_eq!(s.category.is_some(), s.n > 0);
            prop_assert_eq!(s.fong_significant.is_some(), s.n > 0);
            prop_assert_eq!(s.functional_sd.is_some(), s.n > 1);
        }

        #[test]
        fn counts_sum_to_n(
            responses in prop::collection::vec(any_response(), 0..80),
            settings in any_settings(),
        ) {
            let s = analyse(&responses, &settings);
            prop_assert_eq!(s.n as usize, responses.len());
            prop_assert_eq!(s.counts.total(), s.n);
            let by_category: u32 = Category::PRIORITY.iter().map(|&c| s.counts.get(c)).sum();
            prop_assert_eq!(by_category, s.n);
        }

        #[test]
        fn the_winner_is_within_the_window_of_the_top(
            responses in prop::collection::vec(any_response(), 1..80),
            settings in any_settings(),
        ) {
            let s = analyse(&responses, &settings);
            let c = s.counts;
            let winner = s.category.unwrap();
            let top = Category::PRIORITY.iter().map(|&k| c.get(k)).max().unwrap();
            prop_assert!(c.get(winner) > 0);
            let gap = f64::from(top - c.get(winner)) * 100.0 / f64::from(s.n);
            let window = if settings.tie_window > 0.0 { settings.tie_window } else { 0.0 };
            prop_assert!(gap <= window);
            // No higher-priority category with answers was also within the window.
            for &k in Category::PRIORITY.iter().take_while(|&&k| k != winner) {
                let g = f64::from(top - c.get(k)) * 100.0 / f64::from(s.n);
                prop_assert!(c.get(k) == 0 || g > window);
            }
        }

        #[test]
        fn parsing_never_panics_and_round_trips(text in "\\PC{0,30}", a in any_answer()) {
            let _ = Answer::parse(&text);
            let _ = parse_importance(&text);
            prop_assert_eq!(Answer::parse(&a.number().to_string()), Ok(Some(a)));
            prop_assert_eq!(Answer::parse(&format!(" {} ", a.label())), Ok(Some(a)));
        }
    }
}
