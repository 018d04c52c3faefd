//! The element's attributes, read into settings. A value we cannot use falls back to the default
//! and says so once in the console: a typo in a host page's markup must not break the page.

use crate::app::state::{Layout, Settings, Theme};
use crate::core::{decimal, Lang};

/// Where the audio comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum AudioSource {
    /// `audio="#player"`: the host page's element matched by the selector.
    Selector(String),
    /// `audio-src="episode.mp3"`: our own player bar plays it.
    Own(String),
    /// Neither: the page's only `<audio>`, if it has exactly one.
    PageOnly,
}

/// Everything the attributes say, with the defaults where they say nothing usable.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    pub src: Option<String>,
    pub audio: AudioSource,
    pub settings: Settings,
    pub languages: Option<Vec<Lang>>,
    pub height: String,
    /// Whether to listen to the audio once it plays, to time the sentences (`listen`).
    pub listen: bool,
}

/// The transcript area's height when the page says nothing: room for a few turns, never more
/// than most of the screen.
pub const DEFAULT_HEIGHT: &str = "min(32em, 80vh)";

/// The attributes the element reads; the ones after `src`, `audio` and `audio-src` change live.
pub const LIVE_ATTRIBUTES: [&str; 6] =
    ["layout", "languages", "theme", "follow", "height", "listen"];

impl EmbedOptions {
    /// Reads the options through `attribute` (the element's `getAttribute`); `warn` hears about
    /// every value that was not usable.
    pub fn read(attribute: impl Fn(&str) -> Option<String>, warn: &mut dyn FnMut(String)) -> Self {
        let given = |name: &str| attribute(name).map(|v| v.trim().to_owned());
        let audio = match (given("audio-src").filter(|v| !v.is_empty()), given("audio")) {
            (Some(url), selector) => {
                if let Some(selector) = selector.filter(|s| !s.is_empty()) {
                    warn(format!(
                        "audio=\"{selector}\" and audio-src are both given; audio-src plays, in the element's own player"
                    ));
                }
                AudioSource::Own(url)
            }
            (None, Some(selector)) if !selector.is_empty() => AudioSource::Selector(selector),
            _ => AudioSource::PageOnly,
        };
        let mut options = EmbedOptions {
            src: given("src").filter(|v| !v.is_empty()),
            audio,
            settings: Settings::default(),
            languages: None,
            height: DEFAULT_HEIGHT.to_owned(),
            listen: true,
        };
        for name in LIVE_ATTRIBUTES {
            options.apply(name, attribute(name).as_deref(), warn);
        }
        options
    }

    /// Applies one live attribute's new value (`None`: removed, back to the default).
    pub fn apply(&mut self, name: &str, value: Option<&str>, warn: &mut dyn FnMut(String)) {
        let value = value.map(str::trim);
        let mut fallback = |expected: &str| {
            if let Some(v) = value {
                warn(format!(
                    "{name}=\"{v}\" is not understood (expected {expected}); using the default"
                ));
            }
        };
        let defaults = Settings::default();
        match name {
            "layout" => {
                self.settings.layout = match value.and_then(layout_named) {
                    Some(layout) => layout,
                    None => {
                        fallback("interleaved, side, en or zh");
                        defaults.layout
                    }
                }
            }
            "theme" => {
                // As HTML's own keywords, in any case (`DARK`).
                let theme = value.map(str::to_ascii_lowercase);
                self.settings.theme = match theme.as_deref().and_then(Theme::from_name) {
                    Some(theme) => theme,
                    None => {
                        fallback("light, dark or auto");
                        defaults.theme
                    }
                }
            }
            "follow" => {
                self.settings.follow = yes_or_no(value).unwrap_or_else(|| {
                    fallback("true or false");
                    defaults.follow
                })
            }
            "listen" => {
                self.listen = yes_or_no(value).unwrap_or_else(|| {
                    fallback("true or false");
                    true
                })
            }
            "languages" => {
                self.languages = value.and_then(languages_named);
                if self.languages.is_none() {
                    fallback("language codes such as \"en zh\"");
                }
            }
            "height" => {
                self.height = match value.filter(|v| is_css_height(v)) {
                    Some(v) => v.to_owned(),
                    None => {
                        fallback("a CSS length such as 480px, 30rem or 60vh, or auto");
                        DEFAULT_HEIGHT.to_owned()
                    }
                }
            }
            _ => {}
        }
    }
}

/// A yes-or-no attribute: present and empty, or `true`, `on`, `yes`; or `false`, `off`, `no`.
fn yes_or_no(value: Option<&str>) -> Option<bool> {
    match value?.to_ascii_lowercase().as_str() {
        "" | "true" | "on" | "yes" => Some(true),
        "false" | "off" | "no" => Some(false),
        _ => None,
    }
}

/// A layout by its own name, `side-by-side`, or a language alone by its code (`zh`) or its
/// name in English (`chinese`, `Pinyin`).
fn layout_named(name: &str) -> Option<Layout> {
    if name == "side-by-side" {
        return Some(Layout::Side);
    }
    let by_name = || {
        Lang::ALL
            .into_iter()
            .find(|l| l.name().eq_ignore_ascii_case(name))
    };
    Layout::from_name(name).or_else(|| {
        Lang::from_code(name)
            .or_else(by_name)
            .filter(|&l| l != Lang::Und)
            .map(Layout::Only)
    })
}

/// `"zh en"` or `"en,zh"`: the languages shown, in that order.
fn languages_named(list: &str) -> Option<Vec<Lang>> {
    let mut languages = Vec::new();
    for code in list.split([' ', ',']).filter(|c| !c.is_empty()) {
        let lang = Lang::from_code(code)?;
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    (!languages.is_empty()).then_some(languages)
}

/// A length we pass to CSS as the transcript's height: a positive number with a unit, or `auto`.
/// Anything else (including `calc()` or a `;`) is refused, so an attribute cannot inject CSS.
fn is_css_height(v: &str) -> bool {
    if v == "auto" {
        return true;
    }
    let number_end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (number, unit) = v.split_at(number_end);
    decimal::parse(number).is_some_and(|n| n > 0.0)
        && matches!(
            unit,
            "px" | "rem" | "em" | "vh" | "dvh" | "svh" | "lvh" | "%"
        )
}
