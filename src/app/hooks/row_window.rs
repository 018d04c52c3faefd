//! Windowed rendering: only the rows near the view are in the DOM, whatever the transcript's
//! length; spacers above and below stand for the others at their measured or estimated heights
//! ([`RowHeights`]).
//!
//! Rows are measured by a `ResizeObserver` as they appear and whenever they change size (fonts,
//! width, veils), and the estimate of the rows never seen is refitted from them. Printing renders
//! every row.
//!
//! Whatever changes size, the view stays on what it was showing: Follow's current turn while it
//! follows ([`RowWindow::hold`]), else the reading place, the point of the row at the top of the
//! view. The browser's scroll anchoring does it for most changes, not all: it stands aside when
//! the width changes (a phone turned, a window resized), when every estimate above the view
//! changes with it; a new layout (languages shown, text sizes) changes every row at once and
//! throws it; and rows the browser skipped while off screen (`content-visibility: auto`, a
//! transcript rendered whole in a page not yet scrolled to it) grow around an anchor of its
//! choosing, which may be the row above the current one. There, once the rows and spacers the
//! change brings are in the page, the view is scrolled by as much as its place moved.

use std::ops::Range;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::hooks::keys::focus_in_place;
use crate::app::hooks::listen::listen;
use crate::app::hooks::pace::now;
use crate::core::decimal;
use crate::core::row_heights::RowHeights;

/// Transcripts this short are rendered whole: the DOM stays small, and the browser's own
/// find-in-page, selection and printing see every row without help. Whole, but not at once: the
/// rows in view first, the others a few per task after, as a long transcript's window is filled.
const WHOLE_UP_TO: usize = 100;
/// Whether a transcript of `turns` turns is rendered whole.
pub fn renders_whole(turns: usize) -> bool {
    turns <= WHOLE_UP_TO
}

/// Rows rendered beyond the view, in CSS pixels on each side (at least; a view's height if more).
const MARGIN: f64 = 1200.0;
/// Rendering rows while those around the view are filled in, per task, in milliseconds: rendering
/// and laying out rows is most of a frame's work, and those out of sight can wait a task or two.
/// As many rows are added as rendering the last few says fit in it (more on a fast computer,
/// fewer on a slow phone), shared by the sides that grow, between one and
/// [`MOST_ROWS_PER_TASK`] a side.
const FILL_MS: f64 = 8.0;
/// The most rows one filling task adds on a side, however fast they render.
const MOST_ROWS_PER_TASK: usize = 16;

/// The rendered rows and the space standing in for the others. `Copy`: a handle, as the rest of
/// the player is.
#[derive(Clone, Copy)]
pub struct RowWindow {
    heights: StoredValue<RowHeights>,
    /// The rows in the DOM now (document order).
    pub range: RwSignal<Range<usize>>,
    /// The row the keyboard's focus was last in (this transcript's), which keeps the list's one
    /// place in the Tab order ([`RowWindow::tab_stop`]).
    pub keyboard_row: RwSignal<Option<usize>>,
    /// The row last given that place (by `TranscriptView`): a row the list renders anew (another
    /// transcript's rows, in the same range) takes it as it is made.
    pub tab_stop_now: StoredValue<Option<usize>>,
    /// The height of the rows above and below `range` (CSS pixels).
    pub above: RwSignal<f64>,
    pub below: RwSignal<f64>,
    /// Every row is rendered (while printing).
    everything: RwSignal<bool>,
    /// The list's width as last measured (CSS pixels; 0 before it was): estimates start from it
    /// without reading the DOM, which would lay out the page in the middle of rendering it.
    list_width: StoredValue<f64>,
    /// The list's client width at the last report of sizes (0 before it): a scroll event at
    /// another width comes from the window's change (a phone turned), before the report.
    reported_width: StoredValue<i32>,
    /// The part of the list in view when it was last looked at ([`in_view`]), for the same reason.
    last_view: StoredValue<Option<(f64, f64)>>,
    /// Filling in the rows around the view goes on in a task to come.
    filling: StoredValue<bool>,
    /// How long rendering a row took while filling in, lately (milliseconds).
    ms_per_row: StoredValue<f64>,
    /// The layout is changing ([`layout_changing`](Self::layout_changing)): the next report of
    /// sizes, the rows laid out anew, measures them all and keeps the view's place.
    relaid_out: StoredValue<bool>,
    anchor: StoredValue<Option<Anchor>>,
    elements: StoredValue<Option<SendWrapper<Elements>>>,
}

/// The place the view stays on as rows change size: the point `fraction` of the way down row
/// `index` stood `at` CSS pixels below the top of the scroller's box. Follow's turn is held by
/// its top; the reading place by the point of its row at the top of the view, so that a row
/// taller or shorter than it was still shows the same text at the top.
#[derive(Clone, Copy)]
struct Anchor {
    index: usize,
    fraction: f64,
    at: f64,
    /// Kept until someone scrolls it away: Follow's current turn, and the reading place after
    /// a new layout, while the rows the browser had skipped are laid out anew around it (else
    /// the reading place is taken again at every scroll).
    held: bool,
    /// The scroller's scroll position when the point was last accounted for: taken, put back at
    /// `at`, or kept through a scroll that moved it less than rows changing size did.
    scroll_top: i32,
}

struct Elements {
    /// The element that scrolls the rows (its box clips them), and the list of rows.
    scroller: web_sys::HtmlElement,
    list: web_sys::HtmlElement,
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn Fn(js_sys::Array)>,
}

impl Default for RowWindow {
    fn default() -> Self {
        RowWindow::new()
    }
}

impl RowWindow {
    pub fn new() -> RowWindow {
        RowWindow {
            heights: StoredValue::new(RowHeights::new(Vec::new(), 0.0, 0.0)),
            range: RwSignal::new(0..0),
            keyboard_row: RwSignal::new(None),
            tab_stop_now: StoredValue::new(None),
            above: RwSignal::new(0.0),
            below: RwSignal::new(0.0),
            everything: RwSignal::new(false),
            list_width: StoredValue::new(0.0),
            reported_width: StoredValue::new(0),
            last_view: StoredValue::new(None),
            filling: StoredValue::new(false),
            // Four a task until timed.
            ms_per_row: StoredValue::new(FILL_MS / 4.0),
            anchor: StoredValue::new(None),
            relaid_out: StoredValue::new(false),
            elements: StoredValue::new(None),
        }
    }

    /// Starts over with rows of these text weights (a new transcript, or a new layout): every
    /// height is estimated again, from the width of the list. `same_transcript`: the rows are
    /// the same transcript's, in other languages, and the view keeps its place, as through a
    /// new layout; another transcript's start from its top.
    pub fn reset(&self, weights: Vec<f64>, same_transcript: bool) {
        if !same_transcript {
            self.anchor.set_value(None);
            self.keyboard_row.set(None);
        }
        self.estimate(weights);
        if self.elements.with_value(Option::is_none) {
            // Not on the page yet: a first window's height of rows, as estimated; measured, and
            // the rest filled in, once it is.
            self.show(
                self.heights
                    .with_value(|h| h.rows_between(0.0, window_height())),
            );
            return;
        }
        // The rows in view, the others near it in tasks of their own (`update`): rendering rows
        // is most of the work of showing a transcript, and only those in view are seen at once.
        // In view where the view last was: asking the page now would lay it out, old rows and
        // all, in the middle of the task that replaces them; the next update corrects it.
        // (Before the view was ever looked at: the top of the list, a window high.)
        let (from, to) = self
            .last_view
            .get_value()
            .unwrap_or_else(|| (0.0, window_height()));
        self.show(self.heights.with_value(|h| h.rows_between(from, to)));
        self.update_soon();
    }

    /// Fills in the rows around the view in a task to come (once, however often asked meanwhile),
    /// a few of them: see [`render`](Self::render).
    fn update_soon(&self) {
        if self.filling.get_value() {
            return;
        }
        self.filling.set_value(true);
        let this = *self;
        set_timeout(
            move || {
                // (`None`: set, so the window is still there.)
                if this.filling.try_set_value(false).is_none() {
                    let (began, before) = (now(), this.range.get_untracked().len());
                    this.render(true);
                    let added = this.range.get_untracked().len().saturating_sub(before);
                    if added > 0 {
                        this.time_rows(began, added);
                    }
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Takes the time rendering `added` rows took from `began`: the rows are rendered by Leptos's
    /// effects, in microtasks queued as the range was set, so it is read in one queued after them.
    fn time_rows(&self, began: f64, added: usize) {
        let ms_per_row = self.ms_per_row;
        let timed = Closure::once_into_js(move || {
            let took = (now() - began) / added as f64;
            ms_per_row.try_update_value(|m| *m = (*m + took) / 2.0);
        });
        window().queue_microtask(timed.unchecked_ref());
    }

    /// The layout is changing (settings just changed; [`relayout`](Self::relayout) is to come):
    /// the view's place is kept as it was until the rows are measured in the new layout. The
    /// browser may scroll meanwhile (its anchoring, thrown by rows changing at once), and a
    /// place taken then would be kept instead.
    pub fn layout_changing(&self) {
        self.relaid_out.set_value(true);
    }

    /// The same rows in a new layout (other languages shown, another text size), called in the
    /// frame that lays it out: every height is estimated again, and the rows in the page are
    /// measured when the browser reports their new sizes, for the estimate of the others, the
    /// view kept on its place.
    pub fn relayout(&self, weights: Vec<f64>) {
        if self.elements.with_value(Option::is_none) {
            self.reset(weights, true);
        } else {
            self.estimate(weights);
            self.set_spacers(self.range.get_untracked());
        }
        // The report comes in this frame, if anything changed size; else the place is taken
        // afresh again from the next one.
        let relaid_out = self.relaid_out;
        request_animation_frame(move || {
            let _ = relaid_out.try_set_value(false);
        });
    }

    /// Every rendered row's index and height, measured now.
    fn rendered_measurements(&self) -> Vec<(usize, f64)> {
        self.elements.with_value(|e| {
            let Some(e) = e else { return Vec::new() };
            rows_and_spacers(&e.list)
                .filter_map(|row| measurement(&row))
                .collect()
        })
    }

    /// Makes `list` (inside `scroller`) the rendered rows' parent and starts following the view.
    /// Lasts as long as the calling owner.
    ///
    /// Reads nothing from the page: the list was just rendered, and asking its size now would
    /// lay the page out in the middle of the task that renders it. The observer's first report,
    /// made once the browser has laid it out anyway, estimates and places the rows.
    pub fn attach(&self, scroller: &web_sys::HtmlElement, list: &web_sys::HtmlElement) {
        let this = *self;
        let list_node: web_sys::Node = list.clone().into();
        let list_for_width = list.clone();
        let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let mut rows = Vec::new();
            let mut list_width = None;
            for entry in entries.iter() {
                let entry: web_sys::ResizeObserverEntry = entry.unchecked_into();
                let target = entry.target();
                if list_node.is_same_node(Some(&target)) {
                    list_width = Some(entry.content_rect().width());
                } else if let Some(row) = measurement(&target) {
                    rows.push(row);
                }
            }
            // (The list is reported when its height changes too.)
            let narrowed_or_widened =
                list_width.is_some_and(|width| (width - this.list_width.get_value()).abs() >= 0.5);
            if let Some(width) = list_width {
                this.list_width.set_value(width);
            }
            this.reported_width.set_value(list_for_width.client_width());
            if narrowed_or_widened {
                // Heights measured at another width are wrong now, and fitted with the new
                // ones they would skew the estimate of every other row (with rows of much the
                // same weight, to no end): start over from the rows in the page.
                this.estimate(this.heights.with_value(|h| h.weights().to_vec()));
            }
            let relaid_out = this.relaid_out.get_value();
            this.relaid_out.set_value(false);
            let new_layout = narrowed_or_widened || relaid_out;
            // The browser's anchoring stands aside when the width changes, and for rows it
            // skipped, and a new layout moves every estimate; otherwise it keeps the view where
            // it was, and a second correction would fight it (and cut short a smooth scroll, the
            // reader's or Follow's).
            if new_layout {
                this.anchor.update_value(|a| {
                    if let Some(a) = a {
                        a.held = true;
                    }
                });
                this.keep_anchor_still(&this.rendered_measurements());
            } else if this.anchor.get_value().is_some_and(|a| a.held) {
                this.keep_anchor_still(&rows);
            } else {
                this.measured(&rows);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        // The scroller changing size (the window, an embed's height) changes what is in view;
        // the list's width, how tall rows never measured may be.
        observer.observe(scroller);
        observer.observe(list);
        self.elements.set_value(Some(SendWrapper::new(Elements {
            scroller: scroller.clone(),
            list: list.clone(),
            observer,
            _on_resize: on_resize,
        })));
        let update = move |_: web_sys::Event| this.update();
        let list_now = list.clone();
        listen(scroller, "scroll", true, move |_: web_sys::Event| {
            // While the layout changes, the rows in the page are in the new one and the heights
            // still of the old: a place taken, or rows rendered, by them would be wrong (the
            // anchor's row could leave the page). The report of the new sizes renders the rows.
            // So too when the width changed: the browser's scroll (the view shorter, the rows
            // too) comes before the report, and the reading place taken from it was where the
            // rows' reflow had left the view, not where the reader was (a phone turned while
            // reading showed the transcript's end).
            let reported = this.reported_width.get_value();
            if this.relaid_out.get_value() || reported != 0 && list_now.client_width() != reported {
                return;
            }
            this.take_anchor_again();
            this.update();
        });
        // A box that grows with its rows (an embed's `height="auto"`) scrolls with the page.
        listen(&window(), "scroll", true, update);
        listen(&window(), "beforeprint", true, move |_: web_sys::Event| {
            this.everything.set(true);
            this.update();
        });
        listen(&window(), "afterprint", true, move |_: web_sys::Event| {
            this.everything.set(false);
            this.update();
        });
        let elements = self.elements;
        on_cleanup(move || {
            if let Some(e) = elements.try_update_value(Option::take).flatten() {
                e.observer.disconnect();
            }
        });
    }

    /// Every row's height estimated afresh from its text weight and the list's width.
    fn estimate(&self, weights: Vec<f64>) {
        let (base, per_weight) = self.guess();
        self.heights
            .update_value(|h| h.relayout(weights, base, per_weight));
    }

    /// Measures `row` whenever its size changes, while it is rendered.
    pub fn observe(&self, row: &web_sys::Element) {
        self.elements.with_value(|e| {
            if let Some(e) = e {
                e.observer.observe(row);
            }
        });
    }

    pub fn unobserve(&self, row: &web_sys::Element) {
        self.elements.with_value(|e| {
            if let Some(e) = e {
                e.observer.unobserve(row);
            }
        });
    }

    /// How tall row `index` is, measured or estimated (CSS pixels, the space after it included).
    pub fn height_of(&self, index: usize) -> f64 {
        self.heights.with_value(|h| h.height(index))
    }

    /// Row `index`'s element, if it is rendered.
    pub fn rendered(&self, index: usize) -> Option<web_sys::Element> {
        self.elements
            .with_value(|e| rendered_row(&e.as_ref()?.list, index))
    }

    /// Keeps row `index`, rendered and where it is now in the view, there while rows change size,
    /// until [`let_go`](Self::let_go), another row is held, or someone scrolls it away.
    pub fn hold(&self, index: usize) {
        let anchor = self.elements.with_value(|e| {
            let e = e.as_ref()?;
            let (top, _) = place_in_view(e, index)?;
            Some(Anchor {
                index,
                fraction: 0.0,
                at: top,
                held: true,
                scroll_top: e.scroller.scroll_top(),
            })
        });
        self.anchor.set_value(anchor);
    }

    /// The view stays on the reading place again: the first row in view.
    pub fn let_go(&self) {
        let anchor = self.elements.with_value(|e| {
            let e = e.as_ref()?;
            let view_top = e.scroller.get_bounding_client_rect().top();
            let scroll_top = e.scroller.scroll_top();
            rows_and_spacers(&e.list).find_map(|row| {
                let index = row_index(&row)?;
                let rect = row.get_bounding_client_rect();
                let above = view_top - rect.top();
                (rect.bottom() > view_top).then(|| Anchor {
                    index,
                    fraction: (above / rect.height()).max(0.0),
                    at: (-above).max(0.0),
                    held: false,
                    scroll_top,
                })
            })
        });
        self.anchor.set_value(anchor);
    }

    /// How far the anchor's point is from where it was taken (CSS pixels), and the scroller;
    /// `None` with no anchor. A row no longer rendered is placed by the heights: the window may
    /// have moved off it before the view was brought back (rendered where the view was, in a
    /// new layout), and the view must still come back to it.
    fn anchor_moved(&self) -> Option<(f64, web_sys::HtmlElement)> {
        let anchor = self.anchor.get_value()?;
        self.elements.with_value(|e| {
            let e = e.as_ref()?;
            let (top, height) = place_in_view(e, anchor.index)
                .or_else(|| self.estimated_place_in_view(e, anchor.index))?;
            let moved = top + anchor.fraction * height - anchor.at;
            Some((moved, e.scroller.clone()))
        })
    }

    /// Takes in `rows`' new sizes keeping the view on the anchor's row. Called by the
    /// `ResizeObserver` (after layout, the browser's own anchoring included, before paint).
    /// The rendered rows stay as they are until the view is back on its row — what is in view
    /// until then is not where the reader is — and once the spacers' new heights are in the page
    /// (in the microtask after Leptos's, which were queued as they were set), the view is
    /// scrolled by as much as the anchor's row moved; then the rows around it are rendered.
    fn keep_anchor_still(&self, rows: &[(usize, f64)]) {
        if !rows.is_empty() {
            self.heights.update_value(|h| h.measure(rows));
        }
        self.set_spacers(self.range.get_untracked());
        let this = *self;
        let restore = Closure::once_into_js(move || {
            if let Some((moved, scroller)) = this.anchor_moved() {
                if moved.abs() >= 1.0 {
                    // At once (the view is back where it was), whatever the page's CSS says.
                    let options = web_sys::ScrollToOptions::new();
                    options.set_top(f64::from(scroller.scroll_top()) + moved);
                    options.set_behavior(web_sys::ScrollBehavior::Instant);
                    scroller.scroll_to_with_scroll_to_options(&options);
                }
                this.placed_again(scroller.scroll_top());
            }
            this.update();
        });
        window().queue_microtask(restore.unchecked_ref());
    }

    /// Called on every scroll but those during a layout change. A held place (Follow's row),
    /// still where it was, stays the anchor: the view's own moves (the browser's anchoring,
    /// [`keep_anchor_still`](Self::keep_anchor_still)) are over by the time their scroll event
    /// comes, and left it in place. A scroll that moved it was someone's (a script's, a focus's,
    /// find in page's), and is not undone: the reading place is the anchor, taken again at each
    /// scroll.
    ///
    /// A scroll event comes a frame after its scroll, and rows that changed size meanwhile (on a
    /// slow device, rows filled in around the view; rows the browser had skipped, laid out) may
    /// have moved the held row too: it stays held unless the scroll moved it more than they did,
    /// and their report of sizes, which follows, brings it back.
    fn take_anchor_again(&self) {
        let kept = self
            .anchor
            .get_value()
            .filter(|a| a.held)
            .and_then(|anchor| {
                let (moved, scroller) = self.anchor_moved()?;
                let scroll_top = scroller.scroll_top();
                // A scroll down moves the row up: what moved it besides is rows changing size.
                let scrolled = f64::from(scroll_top - anchor.scroll_top);
                let resized = moved + scrolled;
                (moved.abs() < 1.0 || scrolled.abs() < resized.abs()).then_some(scroll_top)
            });
        match kept {
            Some(scroll_top) => self.placed_again(scroll_top),
            None => self.let_go(),
        }
    }

    /// The anchor's point is where it was taken with the scroller at `scroll_top`.
    fn placed_again(&self, scroll_top: i32) {
        self.anchor.update_value(|a| {
            if let Some(a) = a {
                a.scroll_top = scroll_top;
            }
        });
    }

    /// Where row `index`'s top is (or would be) in the scroller's content, in CSS pixels: what
    /// scrolling to a row that is not rendered aims at.
    pub fn scroll_offset_of(&self, index: usize) -> Option<f64> {
        self.elements.with_value(|e| {
            let e = e.as_ref()?;
            let (top, _) = self.estimated_place_in_view(e, index)?;
            Some(e.scroller.scroll_top() as f64 + top)
        })
    }

    /// [`place_in_view`] of row `index` by the heights, rendered or not.
    fn estimated_place_in_view(&self, e: &Elements, index: usize) -> Option<(f64, f64)> {
        let (top, height) = self
            .heights
            .with_value(|h| (index < h.len()).then(|| (h.top(index), h.height(index))))?;
        let list = e.list.get_bounding_client_rect().top();
        let scroller = e.scroller.get_bounding_client_rect().top();
        Some((list - scroller + top, height))
    }

    /// Renders the rows in and near the view; all of them while printing, and all of a short
    /// transcript, those not in view a few per task.
    pub fn update(&self) {
        self.render(false);
    }

    /// [`update`](Self::update); `filling`: in the task that fills in the rows around the view,
    /// which renders the next few of them. Elsewhere (a scroll, rows measured before a paint) a
    /// short transcript's rows not in view are left to that task, so that the frame at hand (a
    /// transcript just shown) paints sooner. A long transcript's window grows by a few there
    /// too: in the frame of a new layout, the rows it adds are measured with the others and the
    /// view's place is kept through them (left to a task, the place was lost).
    fn render(&self, filling: bool) {
        let n = self.heights.with_value(RowHeights::len);
        let whole = renders_whole(n);
        let current = self.range.get_untracked();
        if self.everything.get_untracked() || (whole && current == (0..n)) {
            self.show(0..n);
            return;
        }
        let Some((from, to)) = self.elements.with_value(|e| e.as_ref().map(|e| in_view(e))) else {
            return;
        };
        self.last_view.set_value(Some((from, to)));
        let margin = MARGIN.max(to - from);
        let (seen, near, wanted) = self.heights.with_value(|h| {
            let seen = h.rows_between(from, to);
            if whole {
                (seen, 0..n, 0..n)
            } else {
                (
                    seen,
                    h.rows_between(from - margin / 2.0, to + margin / 2.0),
                    h.rows_between(from - margin, to + margin),
                )
            }
        });
        // Re-render only when the view comes within half a margin of the rendered rows' edge.
        let covers = |rows: &Range<usize>| current.start <= rows.start && rows.end <= current.end;
        if covers(&near) && current.len() <= 2 * wanted.len() {
            self.set_spacers(current);
            return;
        }
        // The view is rendered (a transcript just shown, rows just measured): the rows around it
        // a few at a time, the next few in a task to come; rows beyond them at once. Not (a jump,
        // a fling): all at once, as a view that keeps moving would leave rows filled in behind
        // it for nothing.
        let next = if covers(&seen) {
            if whole && !filling {
                self.set_spacers(current);
                self.update_soon();
                return;
            }
            // The rows a task has room for, shared by the sides that grow.
            let sides =
                usize::from(current.start > wanted.start) + usize::from(current.end < wanted.end);
            let step = ((FILL_MS / self.ms_per_row.get_value() / sides.max(1) as f64) as usize)
                .clamp(1, MOST_ROWS_PER_TASK);
            let start = if current.start > wanted.start {
                current.start.saturating_sub(step).max(wanted.start)
            } else {
                wanted.start
            };
            let end = if current.end < wanted.end {
                (current.end + step).min(wanted.end)
            } else {
                wanted.end
            };
            start..end
        } else if whole {
            // A short transcript is filled in all the same: the rows in view now, joined to those
            // rendered where they meet (rows measured shorter than estimated bring more into it).
            if seen.start <= current.end && current.start <= seen.end {
                current.start.min(seen.start)..current.end.max(seen.end)
            } else {
                seen.clone()
            }
        } else {
            wanted.clone()
        };
        if next != wanted {
            self.update_soon();
        }
        self.show(next);
    }

    fn measured(&self, rows: &[(usize, f64)]) {
        if rows.is_empty() {
            self.update();
            return;
        }
        self.heights.update_value(|h| h.measure(rows));
        self.update();
    }

    fn show(&self, rows: Range<usize>) {
        if self.range.get_untracked() != rows {
            let refocus = self.focus_leaving(&rows);
            self.range.set(rows.clone());
            if let Some(index) = refocus {
                self.focus_when_rendered(index, 2);
            }
        }
        self.set_spacers(rows);
    }

    /// The element that scrolls the rows, once they are attached to it.
    pub fn scroller(&self) -> Option<web_sys::HtmlElement> {
        self.elements
            .with_value(|e| e.as_ref().map(|e| e.scroller.clone()))
    }

    /// Gives the keyboard's focus to row `index` where it stands once it is rendered (waiting
    /// `frames` frames at most), so that the keyboard goes on from there, not from the page's top.
    pub fn focus_when_rendered(&self, index: usize, frames: u8) {
        let this = *self;
        request_animation_frame(move || match this.rendered(index) {
            Some(row) => focus_in_place(row.unchecked_ref()),
            None if frames > 0 => this.focus_when_rendered(index, frames - 1),
            None => {}
        });
    }

    /// Gives the focus to the first row in view (where a control that had it went away): in
    /// view now, as the last update may not have looked (a short transcript, rendered whole,
    /// looks no more, and the focus went to its first row, screens above the reader).
    pub fn focus_reading_place(&self) {
        let Some((from, to)) = self.elements.with_value(|e| e.as_ref().map(|e| in_view(e))) else {
            return;
        };
        let seen = self.heights.with_value(|h| h.rows_between(from, to));
        if !seen.is_empty() {
            self.focus_when_rendered(seen.start, 2);
        }
    }

    /// The one row Tab stops at in the list (with its buttons), the others reached from it by
    /// ↑ and ↓: a page's next control is three presses past a transcript, not three a turn.
    /// The row the keyboard was last in, where it is rendered; else the turn being said
    /// (`active`), where it is; else the first in view. (Tracked.)
    pub fn tab_stop(&self, active: Option<usize>) -> Option<usize> {
        let range = self.range.get();
        let rendered = |row: &usize| range.contains(row);
        let in_view = || self.rows_seen().map(|seen| seen.start).filter(rendered);
        (self.keyboard_row.get().filter(rendered))
            .or(active.filter(rendered))
            .or_else(in_view)
            .or((!range.is_empty()).then_some(range.start))
    }

    /// The rows in the part of the list last seen in view ([`in_view`]).
    fn rows_seen(&self) -> Option<Range<usize>> {
        let (from, to) = self.last_view.get_value()?;
        Some(self.heights.with_value(|h| h.rows_between(from, to)))
    }

    /// Where the row holding the keyboard's focus is about to leave the DOM (the reader scrolled,
    /// or Follow moved, far from it): the row in view nearest it, to move the focus to. Removed
    /// with its row, the focus would go to the page, and Tab would start again from the page's
    /// top, scrolling the reader back a screen at each press.
    fn focus_leaving(&self, rows: &Range<usize>) -> Option<usize> {
        let focused = self.elements.with_value(|e| {
            let list = &e.as_ref()?.list;
            row_index(&list.query_selector("article.turn:focus-within").ok()??)
        })?;
        if rows.contains(&focused) || rows.is_empty() {
            return None;
        }
        let seen = self.rows_seen()?;
        let nearest = match focused < seen.start {
            true => seen.start,
            false => seen.end.saturating_sub(1),
        };
        Some(nearest.clamp(rows.start, rows.end - 1))
    }

    fn set_spacers(&self, rows: Range<usize>) {
        let (above, below) = self
            .heights
            .with_value(|h| (h.top(rows.start), h.total() - h.top(rows.end)));
        // Sub-pixel changes are rounding: leave the DOM alone.
        if (self.above.get_untracked() - above).abs() > 0.5 {
            self.above.set(above);
        }
        if (self.below.get_untracked() - below).abs() > 0.5 {
            self.below.set(below);
        }
    }

    /// (base, per weight) for rows never measured: a turn's head and padding, then one line of
    /// text per line's worth of ems across the list's width.
    fn guess(&self) -> (f64, f64) {
        // Before the list has been measured, the window's width (which costs no layout to ask)
        // is nearer than any constant: a phone's rows are three times a desktop's height.
        let width = Some(self.list_width.get_value())
            .filter(|&w| w > 0.0)
            .or_else(|| window().inner_width().ok()?.as_f64())
            .filter(|&w| w > 0.0)
            .unwrap_or(800.0);
        let (em, line) = (16.0, 26.0);
        (70.0, line * em / width)
    }
}

/// The part of the list in view, as offsets from the list's top: the scroller's box when it
/// scrolls; else (a box that grows with its rows, as an embed's `height="auto"`) the part of it
/// in the window, or its first window's height while it is off screen.
fn in_view(e: &Elements) -> (f64, f64) {
    let clip = e.scroller.get_bounding_client_rect();
    let scrolls = e.scroller.scroll_height() > e.scroller.client_height() + 1;
    let (top, bottom) = if scrolls {
        (clip.top(), clip.bottom())
    } else {
        let window_height = window_height();
        let (top, bottom) = (clip.top().max(0.0), clip.bottom().min(window_height));
        if bottom > top {
            (top, bottom)
        } else {
            (clip.top(), clip.top() + window_height)
        }
    };
    let list = e.list.get_bounding_client_rect().top();
    (top - list, bottom - list)
}

/// Where rendered row `index`'s top is, from the top of the scroller's box, and its height (CSS
/// pixels).
fn place_in_view(e: &Elements, index: usize) -> Option<(f64, f64)> {
    let row = rendered_row(&e.list, index)?.get_bounding_client_rect();
    Some((
        row.top() - e.scroller.get_bounding_client_rect().top(),
        row.height(),
    ))
}

/// The index of the turn `row` shows.
pub fn row_index(row: &web_sys::Element) -> Option<usize> {
    row.get_attribute("data-index")?.parse().ok()
}

/// The children of `list`, in order: the rendered rows and the spacers around them, which have
/// no index ([`row_index`] and [`measurement`] pass them by).
fn rows_and_spacers(list: &web_sys::Element) -> impl Iterator<Item = web_sys::Element> {
    let children = list.children();
    (0..children.length()).filter_map(move |i| children.item(i))
}

/// Row `index`'s element inside `list` (or any element holding the rows), if it is rendered.
pub fn rendered_row(list: &web_sys::Element, index: usize) -> Option<web_sys::Element> {
    list.query_selector(&format!("article[data-index=\"{index}\"]"))
        .ok()
        .flatten()
}

/// The window's height in CSS pixels (which costs no layout to ask).
fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
}

/// A rendered row's index and the space it takes: its box and the margin after it.
fn measurement(row: &web_sys::Element) -> Option<(usize, f64)> {
    let index = row_index(row)?;
    let height = row.get_bounding_client_rect().height();
    let margin = window()
        .get_computed_style(row)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("margin-bottom").ok())
        .and_then(|m| decimal::parse(m.trim_end_matches("px")))
        .unwrap_or(0.0);
    Some((index, height + margin))
}
