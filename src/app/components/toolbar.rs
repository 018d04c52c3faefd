//! The top bar: open, paste, export, search, layout, outline, view (the learner's settings),
//! follow, theme and help.

use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::components::{
    export_menu::ExportMenu, outline_menu::OutlineMenu, part_slot::PartSlot,
    paste_dialog::mount_paste, search_box::SearchBox, view_menu::ViewMenu,
};
use crate::app::erased::handler;
use crate::app::hooks::loader::open_files;
use crate::app::hooks::menus::use_closing_menus;
use crate::app::state::{use_player, Layout, Theme};

#[component]
pub fn Toolbar() -> impl IntoView {
    let player = use_player();
    use_closing_menus();
    let file_input = NodeRef::<Input>::new();
    let paste_open = RwSignal::new(false);
    let on_files = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(list) = input.files() {
            open_files(
                player,
                (0..list.length()).filter_map(|i| list.get(i)).collect(),
            );
        }
        input.set_value("");
    };
    let on_layout = move |e| {
        if let Some(layout) = Layout::from_name(&event_target_value(&e)) {
            player.settings.update(|s| s.layout = layout);
        }
    };
    // Single-language layouts are offered for the languages the transcript has; only those are
    // options (a hidden option would still widen the select).
    let languages = Memo::new(move |_| {
        player.loaded.with(|l| {
            l.as_ref()
                .map(|l| l.doc.languages.clone())
                .unwrap_or_default()
        })
    });
    let offered = move |layout: Layout| match layout {
        Layout::Only(lang) => languages.with(|l| l.contains(&lang)),
        Layout::Interleaved | Layout::Side => true,
    };
    // An option put in is selected if it is the layout shown: the select's value may have been
    // set before it was there (and then stays unset).
    let layouts = Layout::ALL.map(|layout| {
        move || {
            offered(layout).then(|| {
                let selected = untrack(|| player.shown_layout()) == layout;
                // A language's name in itself ("中文"), said in its own voice.
                let lang = match layout {
                    Layout::Only(lang) => Some(lang.code()),
                    Layout::Interleaved | Layout::Side => None,
                };
                view! { <option value=layout.name() lang=lang selected=selected>{layout.label()}</option> }
            })
        }
    });
    // Automatic, then the look the system does not prefer (so the first press always changes
    // what is seen: from automatic to dark on a dark system changed nothing), then the one it
    // does, then automatic again.
    let cycle_theme = move |_| {
        let (preferred, other) = match crate::app::hooks::theme::system_prefers_dark() {
            true => (Theme::Dark, Theme::Light),
            false => (Theme::Light, Theme::Dark),
        };
        player.settings.update(|s| {
            s.theme = match s.theme {
                Theme::Auto => other,
                theme if theme == other => preferred,
                _ => Theme::Auto,
            }
        })
    };
    let theme_label = move || match player.settings.with(|s| s.theme) {
        Theme::Auto => "Theme: automatic",
        Theme::Light => "Theme: light",
        Theme::Dark => "Theme: dark",
    };
    view! {
        <header class="toolbar">
            <span class="brand">"interlinear"</span>
            <button id="open-file" on:click=handler(move |_| { if let Some(i) = file_input.get_untracked() { i.click() } })>
                "Open…"
            </button>
            <input
                id="file-input"
                class="visually-hidden"
                type="file"
                multiple
                accept=".md,.markdown,.txt,.vtt,.srt,.sbv,.smi,.sami,.sub,.mpl,.ttml,.dfxp,.xml,.ass,.ssa,.lrc,.csv,.tsv,.json,.html,.htm,.docx,.odt,audio/*"
                node_ref=file_input
                on:change=handler(on_files)
                tabindex="-1"
                aria-hidden="true"
            />
            <button id="paste-open" on:click=handler(move |_| paste_open.set(true))>"Paste…"</button>
            <PartSlot wanted=paste_open what="Pasting" mount=move |slot| mount_paste(player, slot, paste_open)/>
            <ExportMenu/>
            <span class="spacer"></span>
            <label class="layout-choice">
                <span class="visually-hidden">"Layout"</span>
                <select id="layout" on:change=handler(on_layout) prop:value=move || player.shown_layout().name()>{layouts}</select>
            </label>
            <OutlineMenu/>
            <ViewMenu/>
            <button
                id="follow-toggle"
                aria-pressed=move || if player.settings.with(|s| s.follow) { "true" } else { "false" }
                title="Keep the current turn in view (F)"
                on:click=handler(move |_| player.toggle_follow())
            >
                "Follow"
            </button>
            // These two named by their titles alone: with the same words as a label too, a screen
            // reader said them twice (as the name, then as the description).
            <button id="theme-toggle" class="icon" title=theme_label on:click=handler(cycle_theme)>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3a9 9 0 1 0 0 18V3z"/><circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>
            </button>
            <button id="help-open" class="icon" title="Keyboard shortcuts (?)" on:click=handler(move |_| player.help_open.set(true))>
                <span aria-hidden="true">"?"</span>
            </button>
            // Last, where it stands at every width: a narrow bar gives it the end of its row, or
            // a row of its own, and the keyboard's Tab goes there in the order the eye does.
            <SearchBox/>
        </header>
    }
}
