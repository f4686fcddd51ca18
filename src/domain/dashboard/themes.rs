//! Recurring frictions: words and two-word phrases that come back in the
//! cards of at least two retros of a team.
//!
//! A card's terms are its words, lower-cased with apostrophes dropped,
//! without English stop words (the NLTK list of the `stop-words` crate),
//! numbers and one-letter words, each stemmed with the Snowball English
//! stemmer (`rust-stemmers`), so "deploys" and "deploy" are one term; and
//! each pair of such words that follow each other within a sentence
//! ("slow deploys are painful" gives "slow deploy" and "deploy pain").
//!
//! A term is a theme when cards of two or more retros hold it. A word is
//! left out when a phrase containing it appears in exactly the same cards
//! (the phrase says more). Themes are ranked by how many retros they came
//! back in, then by the votes their cards gathered, then by cards.
//!
//! An action **addressed** a theme when its title holds the theme's term;
//! the theme **came back** when a retro after the action's retro (by date,
//! then by id) holds it again: the action did not make the friction go.

mod terms;

use super::RetroFacts;
use crate::domain::retro::{ActionItem, ActionStatus};
use chrono::NaiveDate;
use terms::{FxHashMap, FxHashSet, TermReader, Words};

/// How many themes the dashboard keeps.
pub const MAX_THEMES: usize = 10;

/// A friction that came back.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The words as first written on a card, lower-cased.
    pub phrase: String,
    /// Oldest first.
    pub retros: Vec<ThemeRetro>,
    /// In retro order, then card order.
    pub cards: Vec<ThemeCard>,
    /// Votes on its cards.
    pub votes: u32,
    /// Actions whose titles share the theme.
    pub actions: Vec<ThemeAction>,
    /// A retro after one of those actions' retros brought it up again.
    pub came_back_after_action: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeRetro {
    pub id: i64,
    pub title: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeCard {
    pub retro_id: i64,
    pub card_id: i64,
    pub text: String,
    pub votes: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeAction {
    pub id: i64,
    pub title: String,
    pub retro_id: i64,
    pub status: ActionStatus,
}

/// What is gathered about a term while reading the cards.
struct Gathered {
    written: Words,
    /// (retro index, card index), in reading order.
    cards: Vec<(usize, usize)>,
}

impl Gathered {
    /// How many retros hold the term (its cards are in retro order).
    fn retro_count(&self) -> usize {
        let mut count = 0;
        let mut last = None;
        for &(r, _) in &self.cards {
            if last != Some(r) {
                count += 1;
                last = Some(r);
            }
        }
        count
    }
}

/// A theme before its details are gathered: what it is ranked by.
struct Candidate {
    key: Words,
    phrase: String,
    retros: usize,
    votes: u32,
    cards: Vec<(usize, usize)>,
}

/// The recurring themes of a team's retros (oldest first), with the actions
/// of those retros; at most `MAX_THEMES`, best first.
pub fn recurring_themes(retros: &[RetroFacts], actions: &[ActionItem]) -> Vec<Theme> {
    let mut reader = TermReader::new();
    let mut terms = Vec::new();
    let mut gathered: FxHashMap<Words, Gathered> = FxHashMap::default();
    for (r, retro) in retros.iter().enumerate() {
        for (c, card) in retro.cards.iter().enumerate() {
            reader.terms(&card.text, &mut terms);
            for term in &terms {
                gathered
                    .entry(term.key)
                    .or_insert_with(|| Gathered {
                        written: term.written,
                        cards: Vec::new(),
                    })
                    .cards
                    .push((r, c));
            }
        }
    }
    gathered.retain(|_, g| g.retro_count() >= 2);
    let covered: Vec<Words> = gathered
        .iter()
        .filter_map(|(key, phrase)| match *key {
            Words::Two(a, b) => Some(([a, b], phrase)),
            Words::One(_) => None,
        })
        .flat_map(|(stems, phrase)| {
            stems
                .into_iter()
                .map(Words::One)
                .filter(|word| gathered.get(word).is_some_and(|w| w.cards == phrase.cards))
                .collect::<Vec<_>>()
        })
        .collect();
    for word in covered {
        gathered.remove(&word);
    }
    // Ranked first, so that only the kept themes gather cards and actions.
    let mut candidates: Vec<Candidate> = gathered
        .into_iter()
        .map(|(key, g)| Candidate {
            key,
            phrase: reader.written(g.written),
            retros: g.retro_count(),
            votes: g.cards.iter().map(|&(r, c)| retros[r].cards[c].votes).sum(),
            cards: g.cards,
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.retros
            .cmp(&a.retros)
            .then(b.votes.cmp(&a.votes))
            .then(b.cards.len().cmp(&a.cards.len()))
            .then(a.phrase.cmp(&b.phrase))
    });
    candidates.truncate(MAX_THEMES);
    let action_terms: Vec<(&ActionItem, FxHashSet<Words>)> = actions
        .iter()
        .map(|a| {
            reader.terms(&a.title, &mut terms);
            (a, terms.iter().map(|t| t.key).collect())
        })
        .collect();
    let retro_order: FxHashMap<i64, (NaiveDate, i64)> = retros
        .iter()
        .rev()
        .map(|r| (r.id, (r.date, r.id)))
        .collect();
    candidates
        .into_iter()
        .map(|candidate| theme(candidate, retros, &action_terms, &retro_order))
        .collect()
}

/// A kept theme with its retros, cards and the actions that addressed it.
fn theme(
    candidate: Candidate,
    retros: &[RetroFacts],
    action_terms: &[(&ActionItem, FxHashSet<Words>)],
    retro_order: &FxHashMap<i64, (NaiveDate, i64)>,
) -> Theme {
    let mut theme_retros: Vec<ThemeRetro> = Vec::new();
    let cards: Vec<ThemeCard> = candidate
        .cards
        .iter()
        .map(|&(r, c)| {
            let retro = &retros[r];
            if theme_retros.last().is_none_or(|t| t.id != retro.id) {
                theme_retros.push(ThemeRetro {
                    id: retro.id,
                    title: retro.title.clone(),
                    date: retro.date,
                });
            }
            let card = &retro.cards[c];
            ThemeCard {
                retro_id: retro.id,
                card_id: card.id,
                text: card.text.clone(),
                votes: card.votes,
            }
        })
        .collect();
    let addressing: Vec<&ActionItem> = action_terms
        .iter()
        .filter(|(_, terms)| terms.contains(&candidate.key))
        .map(|(a, _)| *a)
        .collect();
    let came_back_after_action = addressing.iter().any(|a| {
        retro_order
            .get(&a.retro_id)
            .is_some_and(|after| theme_retros.iter().any(|t| (t.date, t.id) > *after))
    });
    Theme {
        phrase: candidate.phrase,
        votes: candidate.votes,
        retros: theme_retros,
        cards,
        actions: addressing
            .into_iter()
            .map(|a| ThemeAction {
                id: a.id,
                title: a.title.clone(),
                retro_id: a.retro_id,
                status: a.status,
            })
            .collect(),
        came_back_after_action,
    }
}

#[cfg(test)]
mod tests;
