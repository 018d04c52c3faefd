//! The loaded transcript's search index (its text folded once, see `core::search`), built in
//! slices between the page's other work as soon as the search box has the focus: the first
//! keystroke in a 10 MB transcript then finds it ready, where it used to wait some 60–200 ms
//! for the whole of it in the keystroke's own task. A transcript nobody searches is never
//! folded (the index is as large as its text).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::hooks::pace::pauses_for_the_page;
use crate::app::state::Player;
use crate::core::search::SearchIndex;

/// Turns folded between two looks at the clock (a look costs far less than a turn).
const STRETCH: usize = 64;

/// The index of one transcript (by its content key), whole or part-built.
enum Folding {
    Ready(u64, Arc<SearchIndex>),
    /// The turns before `next` are in `index`.
    Building {
        key: u64,
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
        let Some(key) = loaded_key(player) else {
            return;
        };
        match self.begin(key) {
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
                match self.fold_some(player, key) {
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
        let key = loaded_key(player)?;
        self.begin(key);
        while self.fold_some(player, key) == Some(false) {}
        self.folding.with_value(|f| match f {
            Some(Folding::Ready(k, index)) if *k == key => Some(index.clone()),
            _ => None,
        })
    }

    /// Sets the folding of transcript `key` going, unless it is under way or done.
    fn begin(self, key: u64) -> Progress {
        let progress = self.folding.with_value(|f| match f {
            Some(Folding::Ready(k, _)) if *k == key => Progress::Ready,
            Some(Folding::Building { key: k, .. }) if *k == key => Progress::UnderWay,
            _ => Progress::Begun,
        });
        if progress == Progress::Begun {
            self.folding.set_value(Some(Folding::Building {
                key,
                index: SearchIndex::default(),
                next: 0,
            }));
        }
        progress
    }

    /// Folds the next stretch of transcript `key`: `Some(true)` once it is all folded (the index
    /// made ready), `Some(false)` if there is more, `None` if `key` is not being folded (any
    /// more) or is no longer the loaded transcript.
    fn fold_some(self, player: Player, key: u64) -> Option<bool> {
        player.loaded.with_untracked(|loaded| {
            let loaded = loaded.as_ref().filter(|l| l.key == key)?;
            let n = loaded.doc.turns.len();
            self.folding
                .try_update_value(|folding| {
                    let Some(Folding::Building {
                        key: k,
                        index,
                        next,
                    }) = folding
                    else {
                        return None;
                    };
                    if *k != key {
                        return None;
                    }
                    let end = (*next + STRETCH).min(n);
                    index.add_turns(&loaded.doc, *next..end);
                    *next = end;
                    if end < n {
                        return Some(false);
                    }
                    let index = std::mem::take(index);
                    *folding = Some(Folding::Ready(key, Arc::new(index)));
                    Some(true)
                })
                .flatten()
        })
    }
}

fn loaded_key(player: Player) -> Option<u64> {
    player.loaded.with_untracked(|l| l.as_ref().map(|l| l.key))
}
