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

use super::RetroFacts;
use crate::domain::retro::{ActionItem, ActionStatus};
use chrono::NaiveDate;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};

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

/// Splits text into terms, remembering the stems it has made.
struct TermReader {
    stemmer: Stemmer,
    stop_words: HashSet<String>,
    stems: HashMap<String, String>,
}

/// One term of a text: its key (stems joined by a space) and its words as
/// written (lower-cased).
struct Term {
    key: String,
    written: String,
}

impl TermReader {
    fn new() -> TermReader {
        let stop_words = stop_words::get("en")
            .iter()
            .flat_map(|w| [w.to_string(), w.replace(['\'', '’'], "")])
            .collect();
        TermReader {
            stemmer: Stemmer::create(Algorithm::English),
            stop_words,
            stems: HashMap::new(),
        }
    }

    fn stem(&mut self, word: &str) -> String {
        if let Some(stem) = self.stems.get(word) {
            return stem.clone();
        }
        let stem = self.stemmer.stem(word).into_owned();
        self.stems.insert(word.to_string(), stem.clone());
        stem
    }

    /// The distinct terms of `text`, words and two-word phrases, in the
    /// order they first appear.
    fn terms(&mut self, text: &str) -> Vec<Term> {
        let mut terms: Vec<Term> = Vec::new();
        let mut seen = HashSet::new();
        let mut previous: Option<(String, String)> = None;
        let mut word = String::new();
        let mut push = |term: Term, terms: &mut Vec<Term>| {
            if seen.insert(term.key.clone()) {
                terms.push(term);
            }
        };
        let mut chars = text.chars().peekable();
        loop {
            let c = chars.next();
            match c {
                Some(c) if c.is_alphanumeric() => {
                    word.extend(c.to_lowercase());
                    continue;
                }
                Some('\'' | '’') => continue,
                _ => {}
            }
            if !word.is_empty() {
                let is_content = word.chars().count() > 1
                    && !word.chars().all(|c| c.is_numeric())
                    && !self.stop_words.contains(&word);
                if is_content {
                    let stem = self.stem(&word);
                    if let Some((prev_stem, prev_word)) = previous.take() {
                        push(
                            Term {
                                key: format!("{prev_stem} {stem}"),
                                written: format!("{prev_word} {word}"),
                            },
                            &mut terms,
                        );
                    }
                    push(
                        Term {
                            key: stem.clone(),
                            written: word.clone(),
                        },
                        &mut terms,
                    );
                    previous = Some((stem, word.clone()));
                }
                word.clear();
            }
            match c {
                None => break,
                Some('.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '\n') => previous = None,
                Some(_) => {}
            }
        }
        terms
    }
}

/// What is gathered about a term while reading the cards.
struct Gathered {
    written: String,
    /// (retro index, card index), in reading order.
    cards: Vec<(usize, usize)>,
}

/// The recurring themes of a team's retros (oldest first), with the actions
/// of those retros; at most `MAX_THEMES`, best first.
pub fn recurring_themes(retros: &[RetroFacts], actions: &[ActionItem]) -> Vec<Theme> {
    let mut reader = TermReader::new();
    let mut gathered: HashMap<String, Gathered> = HashMap::new();
    for (r, retro) in retros.iter().enumerate() {
        for (c, card) in retro.cards.iter().enumerate() {
            for term in reader.terms(&card.text) {
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
    let retro_count = |g: &Gathered| {
        let mut count = 0;
        let mut last = None;
        for &(r, _) in &g.cards {
            if last != Some(r) {
                count += 1;
                last = Some(r);
            }
        }
        count
    };
    gathered.retain(|_, g| retro_count(g) >= 2);
    let covered: Vec<String> = gathered
        .iter()
        .filter(|(key, _)| key.contains(' '))
        .flat_map(|(key, phrase)| {
            key.split(' ')
                .filter(|word| gathered.get(*word).is_some_and(|w| w.cards == phrase.cards))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for word in covered {
        gathered.remove(&word);
    }
    let action_terms: Vec<(&ActionItem, HashSet<String>)> = actions
        .iter()
        .map(|a| {
            (
                a,
                reader.terms(&a.title).into_iter().map(|t| t.key).collect(),
            )
        })
        .collect();
    let retro_order = |id: i64| retros.iter().find(|r| r.id == id).map(|r| (r.date, r.id));
    let mut themes: Vec<Theme> = gathered
        .into_iter()
        .map(|(key, g)| {
            let mut theme_retros: Vec<ThemeRetro> = Vec::new();
            let cards: Vec<ThemeCard> = g
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
                .filter(|(_, terms)| terms.contains(&key))
                .map(|(a, _)| *a)
                .collect();
            let came_back_after_action = addressing.iter().any(|a| {
                retro_order(a.retro_id)
                    .is_some_and(|after| theme_retros.iter().any(|t| (t.date, t.id) > after))
            });
            Theme {
                phrase: g.written,
                votes: cards.iter().map(|c| c.votes).sum(),
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
        })
        .collect();
    themes.sort_by(|a, b| {
        b.retros
            .len()
            .cmp(&a.retros.len())
            .then(b.votes.cmp(&a.votes))
            .then(b.cards.len().cmp(&a.cards.len()))
            .then(a.phrase.cmp(&b.phrase))
    });
    themes.truncate(MAX_THEMES);
    themes
}

#[cfg(test)]
mod tests;
