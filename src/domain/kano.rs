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
//!   evaluation table used here ([`EvaluationTable::berger`]), the 1–9
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
//! Berger is the one built-in table ([`EvaluationTable::berger`]). A user
//! can define others in the config file, each with a name and a citation
//! ([`EvaluationTables`]); a table without a published source is not offered. (An earlier
//! version shipped a "Pouliot" variant that was an unverified
//! reconstruction; it was removed because it could not be cited.)
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

mod table;

pub use table::{Cells, EvaluationTable, EvaluationTables, check_shape, check_text, parse_cell};

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

/// Classifies one respondent's answer pair.
pub fn classify(functional: Answer, dysfunctional: Answer, table: &EvaluationTable) -> Category {
    table.classify(functional, dysfunctional)
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
    pub fn category(&self, table: &EvaluationTable) -> Category {
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
    pub fn tally(responses: &[Response], table: &EvaluationTable) -> Counts {
        let mut counts = Counts::default();
        for r in responses {
            counts.add(r.category(table));
        }
        counts
    }
}

/// Analysis options.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct KanoSettings {
    /// Percentage points within which categories count as tied (default 0).
    pub tie_window: f64,
    /// Berger unless the user chose one of their own.
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
    let counts = Counts::tally(responses, &settings.table);
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
mod tests;
