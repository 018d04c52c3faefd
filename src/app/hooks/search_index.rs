//! The loaded transcript's search index (its text folded once, see `core::search`), built in
//! slices between the page's other work as soon as the search box has the focus: the first
//! keystroke in a 10 MB transcript then finds it ready, where it used to wait some 60–200 ms
//! for the whole of it in the keystroke's own task. A transcript nobody searches is never
//! folded (the index is as large as its text).
//!
//! An index is of one transcript as read (held weakly: not the bytes' content key, since the
//! same bytes read in another encoding are another text, whose turns its hits would not fit).

use std::sync::{Arc, Weak};

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::hooks::pace::pauses_for_the_page;
use crate::app::state::{Loaded, Player};
use crate::core::search::SearchIndex;

/// Turns folded between two looks at the clock (a look costs far less than a turn).
const STRETCH: usize = 64;

/// The index of one transcript as read, whole or part-built.
enum Folding {
    Ready(Weak<Loaded>, Arc<SearchIndex>),
    /// The turns before `next` are in `index`.
    Building {
        of: Weak<Loaded>,
        index: SearchIndex,
        next: usize,
    },
}

/// Where a transcript's index stood when asked for.
#[derive(PartialEq)]
enum Progress {
    Ready,
    UnderWay,
    /// Not begun before: begun now.
    Begun,
}

/// A handle on the index of whatever transcript is loaded. `Copy`.
#[derive(Clone, Copy, Default)]
pub struct SearchIndexes {
    folding: StoredValue<Option<Folding>>,
}

impl SearchIndexes {
    /// Starts folding the loaded transcript in slices, unless it is being folded; `then` runs
    /// once the index is ready (at once if it is already; not if [`SearchIndexes::now`]
    /// finishes it first, or another transcript is loaded meanwhile). Every caller passes the
    /// same `then` (search again), so one left waiting on a fold already under way loses
    /// nothing.
    pub fn prepare(self, player: Player, then: impl FnOnce() + 'static) {
        let Some(shown) = shown(player) else {
            return;
        };
        match self.begin(&shown) {
            Progress::Ready => {
                then();
                return;
            }
            Progress::UnderWay => return,
            Progress::Begun => {}
        }
        spawn_local(async move {
            let mut pause = pauses_for_the_page();
            loop {
                match self.fold_some(player, &shown) {
                    Some(true) => break,
                    Some(false) => {}
                    None => return, // another transcript, or finished by `now`
                }
                if let Some(paused) = pause() {
                    paused.await;
                }
            }
            then();
        });
    }

    /// Lets the index go (another transcript is shown, and nobody is searching it).
    pub fn forget(self) {
        self.folding.set_value(None);
    }

    /// The loaded transcript's index now: what is left of it is folded at once if need be.
    pub fn now(self, player: Player) -> Option<Arc<SearchIndex>> {
        let shown = shown(player)?;
        self.begin(&shown);
        while self.fold_some(player, &shown) == Some(false) {}
        self.folding.with_value(|f| match f {
            Some(Folding::Ready(of, index)) if of.ptr_eq(&shown) => Some(index.clone()),
            _ => None,
        })
    }

    /// Sets the folding of transcript `shown` going, unless it is under way or done.
    fn begin(self, shown: &Weak<Loaded>) -> Progress {
        let progress = self.folding.with_value(|f| match f {
            Some(Folding::Ready(of, _)) if of.ptr_eq(shown) => Progress::Ready,
            Some(Folding::Building { of, .. }) if of.ptr_eq(shown) => Progress::UnderWay,
            _ => Progress::Begun,
        });
        if progress == Progress::Begun {
            self.folding.set_value(Some(Folding::Building {
                of: shown.clone(),
                index: SearchIndex::default(),
                next: 0,
            }));
        }
        progress
    }

    /// Folds the next stretch of transcript `shown`: `Some(true)` once it is all folded (the
    /// index made ready), `Some(false)` if there is more, `None` if it is not being folded (any
    /// more) or is no longer the loaded transcript.
    fn fold_some(self, player: Player, shown: &Weak<Loaded>) -> Option<bool> {
        player.loaded.with_untracked(|loaded| {
            let loaded = loaded.as_ref().filter(|l| l.is(shown))?;
            let n = loaded.doc.turns.len();
            self.folding
                .try_update_value(|folding| {
                    let Some(Folding::Building { of, index, next }) = folding else {
                        return None;
                    };
                    if !of.ptr_eq(shown) {
                        return None;
                    }
                    let end = (*next + STRETCH).min(n);
                    index.add_turns(&loaded.doc, *next..end);
                    *next = end;
                    if end < n {
                        return Some(false);
                    }
                    let index = std::mem::take(index);
                    *folding = Some(Folding::Ready(shown.clone(), Arc::new(index)));
                    Some(true)
                })
                .flatten()
        })
    }
}

/// The transcript shown, weakly.
fn shown(player: Player) -> Option<Weak<Loaded>> {
    player
        .loaded
        .with_untracked(|l| l.as_ref().map(Arc::downgrade))
}
