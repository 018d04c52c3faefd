//! Component tests in headless Chromium (wasm-bindgen-test): each mounts part of the app on the
//! sample transcript, drives the clock, and checks the DOM. Also the core's cases whose
//! arithmetic differs where `usize` is 32 bits, as it is only here, and those it does with
//! WebAssembly SIMD.

#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use interlinear::app::components::transcript_view::TranscriptView;
use interlinear::app::hooks::splitting::use_sentence_splitting;
use interlinear::app::state::{
    Layout, Loaded, LoopSpeeds, Player, Practice, Settings, TextMeasures, Theme, Veil,
};
use interlinear::core::{self, parse_clock, Lang, Millis};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = include_str!("../samples/chip-huyen-lennys-podcast.md");

/// Mounts the transcript view with a fresh player holding `text`; returns the player and the
/// container it was mounted in.
fn mount_transcript(text: &str) -> (Player, web_sys::HtmlElement) {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("main").unwrap().unchecked_into();
    container.set_id("transcript");
    document.body().unwrap().append_child(&container).unwrap();
    let doc = core::read_str(text);
    // Made inside the mounted root, as the app makes it: its effects need the root's executor.
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let made_in_root = made.clone();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        let player = Player::new(Settings::default(), false);
        let measures = TextMeasures::of(&doc);
        player.loaded.set(Some(Arc::new(Loaded::new(
            doc,
            "test".into(),
            1,
            measures,
            None,
        ))));
        player.clock.internal_end.set(player.transcript_end());
        made_in_root.set(Some(player));
        provide_context(player);
        use_sentence_splitting(player);
        let scroller = NodeRef::<Div>::new();
        view! {
            <div node_ref=scroller style="height: 600px; overflow-y: auto">
                <TranscriptView scroller=scroller/>
            </div>
        }
    });
    std::mem::forget(handle); // the test page is thrown away afterwards
    let player = made.get().expect("the player is made as the view mounts");
    (player, container)
}

/// Waits until the transcript has been split into sentences (a task of its own).
async fn split(player: Player) {
    // Splitting yields to the page between slices (a debug build may need several).
    within_frames(
        300,
        || player.split.with_untracked(Option::is_some),
        || "the transcript was never split into sentences".into(),
    )
    .await;
    leptos::task::tick().await;
}

/// Waits frame by frame until `done`; panics with `why_not()` if it is not done within `frames`.
async fn within_frames(frames: u32, done: impl Fn() -> bool, why_not: impl FnOnce() -> String) {
    for _ in 0..frames {
        if done() {
            return;
        }
        frame().await;
    }
    panic!("{}", why_not());
}

fn at(clock: &str) -> Millis {
    parse_clock(clock).unwrap()
}

fn active_starts(container: &web_sys::HtmlElement) -> Vec<String> {
    let list = container
        .query_selector_all("article.turn[aria-current=\"true\"]")
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-start")
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn renders_every_turn_with_its_hooks() {
    let (_, container) = mount_transcript(SAMPLE);
    all_rows(&container, 13).await;
    let turns = container.query_selector_all("article.turn").unwrap();
    let first: web_sys::Element = turns.get(8).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("data-start").as_deref(), Some("330"));
    // Every turn focusable (↑/↓ go to it); one of them, with its buttons, in the Tab order.
    assert!(first.get_attribute("tabindex").is_some());
    // (Chosen from the rows in view, known a frame or more after they render: one tick was not
    // always enough on a busy machine, where a CI run found none.)
    let in_tab_order = || {
        (container.query_selector_all("article.turn[tabindex=\"0\"]"))
            .unwrap()
            .length()
    };
    within_frames(
        60,
        || in_tab_order() == 1,
        || format!("{} turns in the Tab order", in_tab_order()),
    )
    .await;
    assert!(first
        .query_selector(".text[lang=\"en\"]")
        .unwrap()
        .is_some());
    assert!(first
        .query_selector(".text[lang=\"zh\"]")
        .unwrap()
        .is_some());
    assert_eq!(
        first
            .query_selector(".speaker")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Chip Huyen")
    );
    // The book title is emphasis, not asterisks.
    let ems = container
        .query_selector_all("article[data-start=\"71\"] em")
        .unwrap();
    assert_eq!(ems.length(), 2);
    assert!(!container.text_content().unwrap().contains('*'));
}

#[wasm_bindgen_test]
async fn the_active_turn_follows_the_clock_and_gaps_have_none() {
    let (player, container) = mount_transcript(SAMPLE);
    all_rows(&container, 13).await;
    assert_eq!(active_starts(&container), vec!["0"]);
    player.clock.seek(at("00:05:40"));
    leptos::task::tick().await;
    assert_eq!(active_starts(&container), vec!["330"]);
    player.clock.seek(at("00:03:00"));
    leptos::task::tick().await;
    assert!(
        active_starts(&container).is_empty(),
        "a gap has no active turn"
    );
}

/// A tick inside a sentence writes nothing to the DOM; crossing into the next turn touches only
/// the two rows (their state, and their current sentences').
#[wasm_bindgen_test]
async fn a_tick_touches_only_rows_whose_state_changed() {
    let (player, container) = mount_transcript(SAMPLE);
    split(player).await;
    // The longest sentence group of turn 330 (5:30).
    let (from, to) = player.sentences.with_untracked(|s| {
        let groups = &s.as_ref().unwrap().turns[8].groups;
        let g = groups.iter().max_by_key(|g| g.end.0 - g.start.0).unwrap();
        (g.start.0, g.end.0)
    });
    assert!(to - from > 3_000, "a group of more than 3 s");
    player.clock.seek(Millis(from + 100));
    leptos::task::tick().await;
    let records = std::rc::Rc::new(std::cell::RefCell::new(
        Vec::<web_sys::MutationRecord>::new(),
    ));
    let sink = records.clone();
    let observer = watch_mutations(&container, move |list| sink.borrow_mut().extend(list));

    for k in 1..4 {
        player.clock.seek(Millis(from + (to - from) * k / 4));
        leptos::task::tick().await;
    }
    records
        .borrow_mut()
        .extend(observer.take_records().iter().map(|r| r.unchecked_into()));
    assert_eq!(records.borrow().len(), 0, "time moved inside one sentence");

    player.clock.seek(at("00:07:40"));
    leptos::task::tick().await;
    records
        .borrow_mut()
        .extend(observer.take_records().iter().map(|r| r.unchecked_into()));
    let touched: std::collections::BTreeSet<String> = records
        .borrow()
        .iter()
        .map(|r| {
            let target: web_sys::Element = r.target().unwrap().unchecked_into();
            target
                .closest("article.turn")
                .unwrap()
                .unwrap()
                .get_attribute("data-start")
                .unwrap()
        })
        .collect();
    assert_eq!(
        touched,
        ["330".to_owned(), "454".to_owned()].into_iter().collect()
    );
    // aria-current and part on the two rows, aria-current on the sentences of the two groups,
    // and tabindex on the two rows and their buttons (the list's place in the Tab order goes
    // with the turn being said until the keyboard has been in the list).
    let kinds: std::collections::BTreeSet<String> = records
        .borrow()
        .iter()
        .map(|r| r.attribute_name().unwrap_or_else(|| r.type_()))
        .collect();
    assert_eq!(
        kinds,
        ["aria-current", "part", "tabindex"]
            .map(str::to_owned)
            .into_iter()
            .collect()
    );
    assert!(
        records.borrow().len() <= 16,
        "{} mutations",
        records.borrow().len()
    );
    observer.disconnect();
}

/// The clock is read at frames, and a busy machine can hold frames back for a while: each check
/// waits until the clock has gone far enough (up to 10 s), then compares it with the time that
/// took, which the same delays lengthen.
#[wasm_bindgen_test]
async fn the_internal_clock_runs_pauses_and_changes_speed() {
    let (player, _) = mount_transcript(SAMPLE);
    let clock = player.clock;
    let since = page_now();
    clock.play();
    let ran = advance_of(clock, Millis(0), 300).await;
    let took = page_now() - since;
    assert!(
        ran >= 0.5 * took && ran <= took + 50.0,
        "at 1× {ran} ms of the clock in {took:.0} ms"
    );
    clock.set_rate(2.0);
    let (from, since) = (clock.time.get_untracked(), page_now());
    let ran = advance_of(clock, from, 600).await;
    let took = page_now() - since;
    assert!(
        ran > took && ran <= 2.0 * took + 50.0,
        "at 2× {ran} ms of the clock in {took:.0} ms"
    );
    clock.pause();
    let paused_at = clock.time.get_untracked();
    sleep(200).await;
    assert_eq!(clock.time.get_untracked(), paused_at);
}

#[wasm_bindgen_test]
async fn transcript_text_is_never_html() {
    let hostile = "[00:00:00] <img src=x onerror=alert(1)>\n\nEnglish:\n\n<script>window.owned = 1</script> **bold** <b>tag</b>\n";
    let (_, container) = mount_transcript(hostile);
    leptos::task::tick().await;
    assert!(container
        .query_selector("script, img, b")
        .unwrap()
        .is_none());
    let text = container.text_content().unwrap();
    assert!(text.contains("<script>window.owned = 1</script>"), "{text}");
    assert!(container.query_selector("strong").unwrap().is_some());
}

#[wasm_bindgen_test]
fn a_panic_shows_a_panel_with_the_message_as_text_and_a_reload_button() {
    interlinear::app::hooks::panic::show_error_panel("panicked at <b>src/x.rs</b>: boom");
    let document = web_sys::window().unwrap().document().unwrap();
    let panel = document
        .get_element_by_id("panic-panel")
        .expect("panel shown");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    assert!(panel
        .text_content()
        .unwrap()
        .contains("panicked at <b>src/x.rs</b>: boom"));
    assert!(
        panel.query_selector("b").unwrap().is_none(),
        "the message is text, not HTML"
    );
    assert_eq!(
        panel
            .query_selector("button")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Reload")
    );
}

#[wasm_bindgen_test]
fn layouts_round_trip_through_their_names() {
    for layout in Layout::ALL {
        assert_eq!(Layout::from_name(&layout.name()), Some(layout));
    }
    assert_eq!(
        Layout::Only(Lang::Zh).name(),
        "only-zh",
        "as settings kept before hold it"
    );
    assert_eq!(Layout::from_name("only-ru"), Some(Layout::Only(Lang::Ru)));
    assert_eq!(Layout::Only(Lang::Ar).label(), "العربية");
    assert_eq!(Layout::from_name("only-und"), None);
}

#[wasm_bindgen_test]
fn a_language_the_transcript_lacks_is_shown_with_the_other() {
    let english_russian = [Lang::En, Lang::Ru];
    assert_eq!(
        Layout::Only(Lang::Ru).shown_for(&english_russian),
        Layout::Only(Lang::Ru)
    );
    assert_eq!(
        Layout::Only(Lang::Zh).shown_for(&english_russian),
        Layout::Interleaved
    );
    assert_eq!(Layout::Side.shown_for(&[]), Layout::Side);
}

/// The page's clock, in milliseconds.
fn page_now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// How far the clock has gone past `from` once it has gone `at_least` milliseconds (it fails after
/// 10 s without).
async fn advance_of(
    clock: interlinear::app::hooks::clock::Clock,
    from: Millis,
    at_least: u64,
) -> f64 {
    for _ in 0..500 {
        let ran = clock.time.get_untracked().0.saturating_sub(from.0);
        if ran >= at_least {
            return ran as f64;
        }
        sleep(20).await;
    }
    panic!("the clock did not go {at_least} ms in 10 s");
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The embed's attributes: good values are taken, bad ones fall back to the defaults, each with
/// one warning naming the attribute; a height cannot smuggle in CSS.
#[wasm_bindgen_test]
fn embed_attributes_fall_back_with_a_warning() {
    use interlinear::app::embed::{AudioSource, EmbedOptions};
    use interlinear::app::state::Theme;

    let read = |pairs: &[(&str, &str)]| {
        let mut warnings = Vec::new();
        let options = EmbedOptions::read(
            |name| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            },
            &mut |w| warnings.push(w),
        );
        (options, warnings)
    };
    let (good, warnings) = read(&[
        ("src", "episode.md"),
        ("audio", "#player"),
        ("layout", "side"),
        ("theme", "dark"),
        ("follow", "false"),
        ("languages", "zh en"),
        ("height", "30rem"),
        ("listen", "false"),
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(!good.listen);
    assert!(read(&[]).0.listen, "listening is on unless turned off");
    assert_eq!(good.src.as_deref(), Some("episode.md"));
    assert_eq!(good.audio, AudioSource::Selector("#player".into()));
    assert_eq!(good.settings.layout, Layout::Side);
    assert_eq!(good.settings.theme, Theme::Dark);
    assert!(!good.settings.follow);
    assert_eq!(good.languages, Some(vec![Lang::Zh, Lang::En]));
    assert_eq!(good.height, "30rem");

    let (own, _) = read(&[
        ("audio-src", "ep.mp3"),
        ("audio", "#ignored"),
        ("layout", "zh"),
    ]);
    assert_eq!(own.audio, AudioSource::Own("ep.mp3".into()));
    assert_eq!(own.settings.layout, Layout::Only(Lang::Zh));
    let (russian, warnings) = read(&[("layout", "ru")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(russian.settings.layout, Layout::Only(Lang::Ru));
    for (name, lang) in [
        ("chinese", Lang::Zh),
        ("Japanese", Lang::Ja),
        ("pinyin", Lang::Pinyin),
    ] {
        let (named, warnings) = read(&[("layout", name)]);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_eq!(named.settings.layout, Layout::Only(lang), "{name}");
    }

    let (bad, warnings) = read(&[
        ("layout", "diagonal"),
        ("theme", "plaid"),
        ("follow", "sometimes"),
        ("languages", "klingon"),
        ("height", "10px;color:red"),
        ("listen", "maybe"),
    ]);
    assert_eq!(
        bad,
        read(&[]).0,
        "every bad value falls back to the default"
    );
    assert_eq!(warnings.len(), 6, "{warnings:?}");
    for name in ["layout", "theme", "follow", "languages", "height", "listen"] {
        assert!(
            warnings.iter().any(|w| w.starts_with(&format!("{name}="))),
            "{name}: {warnings:?}"
        );
    }
    assert_eq!(
        read(&[]).1,
        Vec::<String>::new(),
        "no attributes, no warnings"
    );
}

/// A transcript of `turns` bilingual turns of varied lengths, a minute apart.
fn long_transcript(turns: usize) -> String {
    (0..turns)
        .map(|i| {
            let words = "and so it goes on ".repeat(1 + i % 17);
            let han = "我们继续说下去。".repeat(1 + i % 11);
            format!(
                "[{:02}:{:02}:00] Speaker {}\nEnglish: Turn {i} says this {words}.\n中文翻译: 第{i}段{han}\n\n",
                i / 60,
                i % 60,
                i % 3
            )
        })
        .collect()
}

async fn frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Watches every change in `node`'s subtree: `on_records` is given the records of each task at
/// its end (a mutation observer's delivery). For as long as the test page lasts.
fn watch_mutations(
    node: &web_sys::Node,
    on_records: impl Fn(Vec<web_sys::MutationRecord>) + 'static,
) -> web_sys::MutationObserver {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |list: js_sys::Array| {
        on_records(list.iter().map(|r| r.unchecked_into()).collect())
    });
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    callback.forget();
    let options = web_sys::MutationObserverInit::new();
    options.set_subtree(true);
    options.set_attributes(true);
    options.set_child_list(true);
    options.set_character_data(true);
    observer.observe_with_options(node, &options).unwrap();
    observer
}

/// Waits until `n` rows are rendered: a short transcript is rendered whole, but the rows out
/// of view a few per task.
async fn all_rows(container: &web_sys::HtmlElement, n: usize) {
    let rendered = || rendered_indices(container).len();
    within_frames(
        200,
        || rendered() == n,
        || format!("{} of {n} rows rendered", rendered()),
    )
    .await;
}

/// The rows rendered now, checked to be some, at most `at_most`, from the first row on.
fn first_rows_from_the_top(container: &web_sys::HtmlElement, at_most: usize) -> Vec<usize> {
    let first = rendered_indices(container);
    assert!(
        !first.is_empty() && first.len() <= at_most,
        "{} rows at first",
        first.len()
    );
    assert_eq!(first[0], 0);
    first
}

fn rendered_indices(container: &web_sys::HtmlElement) -> Vec<usize> {
    let rows = container.query_selector_all("article.turn").unwrap();
    (0..rows.length())
        .map(|i| {
            let row: web_sys::Element = rows.get(i).unwrap().unchecked_into();
            row.get_attribute("data-index").unwrap().parse().unwrap()
        })
        .collect()
}

/// A long transcript renders only the rows near the view, wherever the view is, and the space
/// of the others is kept, so the scroll range is the whole transcript's.
#[wasm_bindgen_test]
async fn a_long_transcript_renders_only_the_rows_in_view() {
    let (player, container) = mount_transcript(&long_transcript(3_000));
    for _ in 0..5 {
        frame().await;
    }
    first_rows_from_the_top(&container, 80);
    let scroller: web_sys::HtmlElement = container.first_element_child().unwrap().unchecked_into();
    let height = scroller.scroll_height();
    assert!(
        height > 3_000 * 60,
        "the scroll range stands for every row: {height}px"
    );
    scroller.set_scroll_top(height / 2);
    for _ in 0..5 {
        frame().await;
    }
    let middle = rendered_indices(&container);
    assert!(middle.len() <= 80, "{} rows", middle.len());
    assert!(
        middle.windows(2).all(|w| w[1] == w[0] + 1),
        "rendered rows are one stretch"
    );
    // The rows rendered cover what is in view.
    let view = scroller.get_bounding_client_rect();
    let rows = container.query_selector_all("article.turn").unwrap();
    let covered = (0..rows.length()).any(|i| {
        let rect = rows
            .get(i)
            .unwrap()
            .unchecked_into::<web_sys::Element>()
            .get_bounding_client_rect();
        rect.top() <= view.top() + view.height() / 2.0
            && rect.bottom() >= view.top() + view.height() / 2.0
    });
    assert!(covered, "a rendered row is at the middle of the view");
    assert!(
        middle[0] > 1_000 && middle[0] < 2_000,
        "rows from the middle: {}",
        middle[0]
    );
    assert_eq!(player.rows.range.get_untracked().len(), middle.len());
}

/// A short transcript is rendered whole, its first rows in the task that shows it and the
/// others a few per task after (as many as fit in a task's time, at most 16), so no task
/// renders them all.
#[wasm_bindgen_test]
async fn a_short_transcript_is_rendered_whole_a_few_rows_at_a_time() {
    let (_, container) = mount_transcript(&long_transcript(100));
    let first = first_rows_from_the_top(&container, 20);
    // The rows rendered after each task (mutation records are delivered at its end).
    let counts = std::rc::Rc::new(std::cell::RefCell::new(vec![first.len()]));
    let (sink, watched) = (counts.clone(), container.clone());
    let observer = watch_mutations(&container, move |_| {
        sink.borrow_mut().push(rendered_indices(&watched).len())
    });
    all_rows(&container, 100).await;
    observer.disconnect();
    assert_eq!(rendered_indices(&container), (0..100).collect::<Vec<_>>());
    let counts = counts.borrow();
    let added: Vec<usize> = counts
        .windows(2)
        .map(|w| w[1].saturating_sub(w[0]))
        .collect();
    assert!(
        added.iter().all(|&a| a <= 16),
        "rows added task by task: {added:?}"
    );
    // (At most 16 a task, with 80 or more to add: five tasks at least.)
    assert!(
        added.iter().filter(|&&a| a > 0).count() >= 5,
        "rows added task by task: {added:?}"
    );
}

/// Rows show whole turns at first, and their sentences once the transcript has been split.
#[wasm_bindgen_test]
async fn rows_show_their_sentences_once_split() {
    let (player, container) = mount_transcript(SAMPLE);
    split(player).await;
    for _ in 0..3 {
        frame().await;
    }
    let sentences = container.query_selector_all(".sentence").unwrap().length();
    assert!(sentences > 100, "{sentences} sentence spans");
}

/// Settings stored by earlier versions (written by serde_json, before the app wrote its own JSON)
/// read the same; what it writes reads back; anything a setting cannot be is refused whole.
#[wasm_bindgen_test]
fn settings_read_back_as_stored_before_and_now() {
    let stored_before = r#"{"layout":"side","theme":"dark","follow":false,"rate":1.25,"veil_first":"blurred","veil_second":"hidden","size_latin":110,"size_cjk":120,"reading":true,"practice":"repeat-turn","repeats":3,"loop_speeds":"slow-then-normal"}"#;
    let settings = Settings {
        layout: Layout::Side,
        theme: Theme::Dark,
        follow: false,
        rate: 1.25,
        veil_first: Veil::Blurred,
        veil_second: Veil::Hidden,
        // (Stored before it was a setting: the default.)
        veil_pinyin: Veil::Shown,
        size_latin: 110,
        size_cjk: 120,
        reading: true,
        // (Stored before it was a setting: the default.)
        single_keys: true,
        practice: Practice::RepeatTurn,
        repeats: 3,
        loop_speeds: LoopSpeeds::SlowThenNormal,
    };
    assert_eq!(Settings::from_json(stored_before), Some(settings));
    assert_eq!(Settings::from_json(&settings.to_json()), Some(settings));
    let stored_now = stored_before
        .replace(
            r#""veil_second":"hidden","#,
            r#""veil_second":"hidden","veil_pinyin":"shown","#,
        )
        .replace(
            r#""reading":true,"#,
            r#""reading":true,"single_keys":true,"#,
        );
    assert_eq!(settings.to_json(), stored_now);
    let defaults = Settings::default();
    assert_eq!(Settings::from_json(&defaults.to_json()), Some(defaults));
    // Older settings lack newer members; newer ones may have members this one does not know.
    assert_eq!(
        Settings::from_json(r#"{"layout":"only-zh","retired":[1,{"a":null}]}"#),
        Some(Settings {
            layout: Layout::Only(Lang::Zh),
            ..defaults
        })
    );
    for damaged in [
        "",
        "[]",
        r#"{"layout":"diagonal"}"#,
        r#"{"repeats":300}"#,
        r#"{"size_cjk":1.5}"#,
        r#"{"follow":"yes"}"#,
        r#"{"rate":1} {}"#,
        r#"{"rate":"#,
    ] {
        assert_eq!(Settings::from_json(damaged), None, "{damaged}");
    }
}

/// `parseTranscript` (the reader for JavaScript) gives, from text and from bytes, the same object
/// as the JSON exchange shape `convert --to json` prints — text outside the Basic Multilingual
/// Plane, a zero-width no-break space leading a cue (which a text decoder could take for a
/// byte-order mark), a turn in one language and a cue without a speaker included.
#[wasm_bindgen_test]
fn parse_transcript_gives_the_json_exchange_shape() {
    let inputs = [
        SAMPLE,
        "WEBVTT\n\n00:00.000 --> 00:01.500\n\u{FEFF}Hello 😀 there\n你好 😀\n\n00:02.000 --> 00:03.000\n<v Ann>Only English here\n",
        "[00:00] 𝒜da\nEnglish:\nOne *line*.\n\n[00:05] Bo\n中文:\n第二行。\n\nSecond paragraph? No: 第二段。\n",
        "[00:00] A\r\nEnglish: One *line*.\r\n\r\nTwo **lines**.\r\n中文: 一行。\r\n",
        "WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n<v Ann>An <i>italic</i> word\r\nand <b>bold</b> one\r\n\r\n\
         00:01.000 --> 00:02.000\r\nTom &amp; Jerry\r\n",
    ];
    // Text found in the string is handed back as UTF-16 offsets, counted eight bytes at a time:
    // characters of one to four bytes at every alignment; text with marks taken out (emphasis,
    // tags, CRs) as the pieces between them; and between them text not found in the string
    // (an entity decoded).
    let long: String = (0..40)
        .map(|i| {
            let pad = "x".repeat(i % 9);
            format!(
                "[00:{:02}] 𝒜da {i}\nEnglish: {pad}é😀 a {i} 中文 b 😀😀 c\n中文: {pad}中文😀，第{i}句。\n{}\n",
                i,
                if i % 5 == 0 { "\nEnglish: *more* 😀\n" } else { "" }
            )
        })
        .collect();
    for text in inputs.into_iter().chain([long.as_str()]) {
        let doc = core::read_str(text);
        let timeline = core::Timeline::new(&doc, None);
        let expected = js_sys::JSON::stringify(
            &js_sys::JSON::parse(&core::export::json::to_json(&doc, &timeline)).unwrap(),
        )
        .unwrap();
        let bytes = js_sys::Uint8Array::from(text.as_bytes());
        for (form, input) in [("text", JsValue::from_str(text)), ("bytes", bytes.into())] {
            let object = interlinear::js_api::parse_transcript(input).unwrap();
            let got = js_sys::JSON::stringify(&object).unwrap();
            assert_eq!(got, expected, "parseTranscript({form}) of {text:.40?}");
        }
    }
}

/// A JavaScript string is taken as it is: a lone surrogate (which UTF-8 cannot hold) becomes
/// U+FFFD, as in every conversion of a JS string to UTF-8, and a leading U+FEFF is a byte-order
/// mark, not text — the same as from the string's bytes.
#[wasm_bindgen_test]
fn parse_transcript_takes_a_javascript_string_as_it_is() {
    let lone_surrogate = js_sys::JsString::from_char_code1(0xD800);
    let text = js_sys::JsString::from("\u{FEFF}[00:00] Ann\nEnglish: a")
        .concat(&lone_surrogate)
        .concat(&"b 中文\n".into());
    let object = interlinear::js_api::parse_transcript(text.into()).unwrap();
    let first = js_sys::Reflect::get(&object, &"segments".into())
        .and_then(|segments| js_sys::Reflect::get(&segments, &0.into()))
        .unwrap();
    let field = |path: &[&str]| {
        path.iter()
            .try_fold(first.clone(), |object, key| {
                js_sys::Reflect::get(&object, &(*key).into())
            })
            .unwrap()
    };
    assert_eq!(field(&["speaker"]).as_string().as_deref(), Some("Ann"));
    // Compared unit by unit: converting the text to a Rust string would replace a surrogate too.
    let english = field(&["text", "en"])
        .dyn_into::<js_sys::JsString>()
        .unwrap();
    let units: Vec<u16> = (0..english.length())
        .map(|i| english.char_code_at(i) as u16)
        .collect();
    assert_eq!(units, "a\u{FFFD}b 中文".encode_utf16().collect::<Vec<_>>());
}

/// Word and OpenDocument documents, given as bytes, read as the app reads them (their body
/// inflated by the reader itself, so the answer comes at once): the sample's 13 turns, the same as
/// from its text; a ZIP archive that holds neither is said to be no transcript.
#[wasm_bindgen_test]
fn parse_transcript_reads_word_and_opendocument_documents() {
    let field = |object: &JsValue, key: &str| js_sys::Reflect::get(object, &key.into()).unwrap();
    let segments = |input: JsValue| {
        let object = interlinear::js_api::parse_transcript(input).unwrap();
        let segments = field(&object, "segments");
        js_sys::JSON::stringify(&segments)
            .unwrap()
            .as_string()
            .unwrap()
    };
    let from_text = segments(JsValue::from_str(SAMPLE));
    for (name, bytes) in [
        ("sample.docx", &include_bytes!("documents/sample.docx")[..]),
        ("sample.odt", &include_bytes!("documents/sample.odt")[..]),
    ] {
        let read = segments(js_sys::Uint8Array::from(bytes).into());
        assert_eq!(read, from_text, "{name}");
    }
    // A ZIP archive with one stored file, "a.txt".
    let mut zip = Vec::new();
    let name = b"a.txt";
    zip.extend_from_slice(
        b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0\x01\0\0\0\x05\0\0\0",
    );
    zip.extend_from_slice(name);
    zip.push(b'x');
    let directory = zip.len() as u32;
    zip.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0\x01\0\0\0\x05\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
    zip.extend_from_slice(name);
    let directory_size = zip.len() as u32 - directory;
    zip.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
    zip.extend_from_slice(&directory_size.to_le_bytes());
    zip.extend_from_slice(&directory.to_le_bytes());
    zip.extend_from_slice(b"\0\0");
    let object =
        interlinear::js_api::parse_transcript(js_sys::Uint8Array::from(&zip[..]).into()).unwrap();
    assert_eq!(js_sys::Array::from(&field(&object, "segments")).length(), 0);
    let diagnostics = js_sys::JSON::stringify(&field(&object, "diagnostics"))
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        diagnostics.contains("a ZIP archive, not a Word or OpenDocument text document"),
        "{diagnostics}"
    );
}

/// A WAV file's sizes near 4 GB — 0xffffffff, as streaming writers leave them, or a damaged
/// chunk's — read here, where `usize` is 32 bits and adding them to an offset would wrap (the
/// host's tests cannot see that): the data runs to the end of the file, and a chunk whose size
/// would lead back onto itself ends the search instead of going round for ever.
#[wasm_bindgen_test]
fn wav_sizes_near_4_gb_neither_wrap_nor_go_round() {
    use interlinear::core::audio_file::{sniff, AudioFile};
    let wav = |chunk_before_data: &[u8], data_size: u32| {
        let mut w = b"RIFF\xff\xff\xff\xffWAVEfmt \x10\0\0\0".to_vec();
        // PCM, mono, 8 kHz, 16 bits.
        w.extend_from_slice(&[1, 0, 1, 0, 0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0]);
        w.extend_from_slice(chunk_before_data);
        w.extend_from_slice(b"data");
        w.extend_from_slice(&data_size.to_le_bytes());
        w.extend_from_slice(&[0, 0x40, 0, 0xc0]);
        w
    };
    let streamed = wav(b"", u32::MAX);
    for total in [streamed.len(), usize::MAX] {
        match sniff(&streamed, total) {
            AudioFile::Wav(format) => assert_eq!(format.data, 44..total),
            other => panic!("a streamed WAV read as {other:?}"),
        }
    }
    // 8 + 0xfffffff8 bytes on from its start is, in 32 bits, where the chunk starts.
    let looping = wav(b"junk\xf8\xff\xff\xff", 4);
    assert_eq!(sniff(&looping, looping.len()), AudioFile::Other);
    // 65,535 channels of 32 bits: 65,536 such frames are 16 GB.
    let mut widest = streamed.clone();
    widest[22..24].copy_from_slice(&[0xff, 0xff]);
    widest[34..36].copy_from_slice(&[32, 0]);
    match sniff(&widest, widest.len()) {
        AudioFile::Wav(format) => assert!(format.slice_bytes(1 << 16) <= 1 << 22),
        other => panic!("a WAV of 65,535 channels read as {other:?}"),
    }
}

/// Only WebAssembly counts bytes by class sixteen at a time (SIMD): the same counts as a byte at
/// a time, at every alignment, for texts shorter than a block and longer than a run of blocks
/// between two sums of the lanes (255 × 16 bytes).
#[wasm_bindgen_test]
fn byte_classes_count_as_a_byte_at_a_time() {
    use interlinear::core::byte_classes::ByteClasses;
    let text = format!("{SAMPLE}\u{0}\u{7f}\t😀\u{10FFFF}\u{FFFF}ｱ한 é");
    let by_byte = |s: &str| {
        let count = |class: fn(&u8) -> bool| s.bytes().filter(class).count();
        ByteClasses {
            len: s.len(),
            continuation: count(|&b| (0x80..0xC0).contains(&b)),
            below_0x21: count(|&b| b < 0x21),
            three_byte_lead: count(|&b| (0xE0..0xF0).contains(&b)),
            four_byte_lead: count(|&b| b >= 0xF0),
        }
    };
    let ends = [0, 1, 15, 16, 17, 33, 4_079, 4_080, 4_081, 8_200, 20_000];
    for from in (0..48).chain(text.len() - 40..text.len()) {
        for to in ends.iter().map(|n| from + n).chain([text.len()]) {
            if let Some(piece) = text.get(from..to) {
                assert_eq!(ByteClasses::of(piece), by_byte(piece), "{from}..{to}");
            }
        }
    }
}

/// Only WebAssembly looks for control characters sixteen bytes at a time with its own SIMD (the
/// native tests run x86-64's): every byte below 0x80 and a few above, at every place in a block,
/// in the bytes after the blocks and in a text shorter than one.
#[wasm_bindgen_test]
fn controls_are_found_as_a_byte_at_a_time_finds_them() {
    use interlinear::core::decode::controls_as_text;
    use std::borrow::Cow;
    for c in ('\0'..='\u{7F}').chain(['é', '中']) {
        let control = c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r');
        for length in [1, 15, 16, 17, 40] {
            for at in 0..length {
                let text: String = (0..length).map(|i| if i == at { c } else { 'a' }).collect();
                let read = controls_as_text(&text);
                assert_eq!(
                    matches!(read, Cow::Owned(_)),
                    control,
                    "{c:?} at {at} of {length}"
                );
            }
        }
    }
}

#[wasm_bindgen_test]
async fn a_part_is_fetched_when_first_wanted_and_again_only_after_a_failure() {
    use interlinear::app::components::part_slot::PartSlot;
    use interlinear::app::parts::PartMissing;
    use std::rc::Rc;

    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let made = Rc::new(std::cell::Cell::new(None));
    let made_in_root = made.clone();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        let player = Player::new(Settings::default(), false);
        provide_context(player);
        let wanted = RwSignal::new(false);
        // How often the part was asked for; the first attempt fails, as a dropped connection would.
        let attempts = StoredValue::new(0);
        made_in_root.set(Some((player, wanted, attempts)));
        let mount = move |slot: web_sys::HtmlElement| {
            let attempt = attempts.get_value() + 1;
            attempts.set_value(attempt);
            async move {
                if attempt == 1 {
                    return Err(PartMissing);
                }
                slot.set_inner_html("<p class=\"the-part\">here</p>");
                Ok(())
            }
        };
        view! { <PartSlot wanted=wanted what="The test part" mount=mount/> }
    });
    std::mem::forget(handle);
    let (player, wanted, attempts) = made.get().expect("made as the view mounts");
    let settle = || async {
        frame().await;
        frame().await;
    };
    let shown = || container.query_selector(".the-part").unwrap().is_some();

    settle().await;
    assert_eq!(attempts.get_value(), 0, "not wanted: not fetched");
    wanted.set(true);
    settle().await;
    assert_eq!(attempts.get_value(), 1);
    assert!(!shown());
    let said = player
        .messages
        .with_untracked(|m| m.iter().map(|m| m.text.clone()).collect::<Vec<_>>());
    assert!(
        said.iter()
            .any(|t| t.starts_with("The test part could not be loaded")),
        "{said:?}"
    );

    wanted.set(false);
    settle().await;
    assert_eq!(attempts.get_value(), 1, "no longer wanted: not tried again");
    wanted.set(true);
    settle().await;
    assert_eq!(
        attempts.get_value(),
        2,
        "wanted again after a failure: tried again"
    );
    assert!(shown());

    wanted.set(false);
    settle().await;
    wanted.set(true);
    settle().await;
    assert_eq!(attempts.get_value(), 2, "fetched once it has come");
}
