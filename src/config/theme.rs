//! The theme: named styles (`[theme]` in the config) resolved for the
//! terminal, with colour or, under `NO_COLOR`, without it (highlights then
//! become reverse video).

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::str::FromStr;

/// A colour-and-modifier style as written in the config.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct ColorSpec(Color);

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ColorSpec, D::Error> {
        let text = String::deserialize(d)?;
        Color::from_str(&text)
            .map(ColorSpec)
            .map_err(|_| serde::de::Error::custom(format!("unknown colour '{text}'")))
    }
}

impl StyleSpec {
    fn style(&self, colour: bool) -> Style {
        let mut style = Style::default();
        let mut modifiers = Modifier::empty();
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if on {
                modifiers |= m;
            }
        }
        if colour {
            if let Some(ColorSpec(c)) = self.fg {
                style = style.fg(c);
            }
            if let Some(ColorSpec(c)) = self.bg {
                style = style.bg(c);
            }
        } else if self.bg.is_some() {
            // Without colour, a highlighted background becomes reverse video.
            modifiers |= Modifier::REVERSED;
        }
        style.add_modifier(modifiers)
    }
}

/// The theme's named styles, resolved for the terminal (colour or not).
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub header: Style,
    pub selected: Style,
    pub border: Style,
    pub focus_border: Style,
    pub key: Style,
    pub error: Style,
    pub success: Style,
    pub score: Style,
    pub tab_active: Style,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeSpec {
    text: Option<StyleSpec>,
    muted: Option<StyleSpec>,
    accent: Option<StyleSpec>,
    header: Option<StyleSpec>,
    selected: Option<StyleSpec>,
    border: Option<StyleSpec>,
    focus_border: Option<StyleSpec>,
    key: Option<StyleSpec>,
    error: Option<StyleSpec>,
    success: Option<StyleSpec>,
    score: Option<StyleSpec>,
    tab_active: Option<StyleSpec>,
}

impl ThemeSpec {
    /// Fields set in `over` replace ours.
    pub(super) fn overlay(self, over: ThemeSpec) -> ThemeSpec {
        ThemeSpec {
            text: over.text.or(self.text),
            muted: over.muted.or(self.muted),
            accent: over.accent.or(self.accent),
            header: over.header.or(self.header),
            selected: over.selected.or(self.selected),
            border: over.border.or(self.border),
            focus_border: over.focus_border.or(self.focus_border),
            key: over.key.or(self.key),
            error: over.error.or(self.error),
            success: over.success.or(self.success),
            score: over.score.or(self.score),
            tab_active: over.tab_active.or(self.tab_active),
        }
    }

    pub(super) fn resolve(&self, colour: bool) -> Theme {
        let s = |spec: &Option<StyleSpec>| spec.clone().unwrap_or_default().style(colour);
        Theme {
            text: s(&self.text),
            muted: s(&self.muted),
            accent: s(&self.accent),
            header: s(&self.header),
            selected: s(&self.selected),
            border: s(&self.border),
            focus_border: s(&self.focus_border),
            key: s(&self.key),
            error: s(&self.error),
            success: s(&self.success),
            score: s(&self.score),
            tab_active: s(&self.tab_active),
        }
    }
}
