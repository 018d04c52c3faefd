//! Parts of the app that a visitor may never use, in WebAssembly of their own.
//!
//! Every visitor downloads the app's WebAssembly before the first row of a transcript shows, on
//! a slow connection for seconds. The export, the paste dialog, the View and Outline menus' cards,
//! the keyboard shortcuts' help, the listening to the audio (`hooks::hearing`, once audio plays),
//! the readers of WebVTT, SRT, SubViewer, SAMI, MicroDVD, MPL2, TTML, ASS, LRC, JSON and HTML,
//! the unpacking of a Word or OpenDocument document and the judging of legacy encodings
//! (`hooks::loader`, with the choice of another encoding or frame rate:
//! `components::encoding_choice`, `components::frame_rate_choice`) and the media controls
//! outside the page (`hooks::media_session`, once audio plays) are used by some visitors,
//! some of the time; in the embed, the listening and the player bar (only an embed with audio of
//! its own shows one; most follow their page's player). A function declared with [`part!`] is cut out by `wasm-split-cli`
//! (scripts/build-wasm) into a module of
//! its own, with all the code only it reaches, and the app or the embed fetches that module the
//! first time the function is called: when the visitor first asks for that part.
//!
//! This needs the feature `split`, which the app's and the embed's builds turn on. Without it (the
//! component tests, which run one module) a part is an ordinary function, so the code is the same
//! either way.

use crate::app::state::{MessageKind, Player};

/// A part of the app could not be fetched: the connection dropped, or the site was updated and
/// the page is older than its files.
#[derive(Debug)]
pub struct PartMissing;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for PartMissing {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// Tells the visitor that `what` (a part of the app: "The View menu") could not be fetched.
/// Nothing else is lost; asking for it again tries again.
pub fn say_missing(player: Player, what: &str) {
    player.say(
        MessageKind::Error,
        format!(
            "{what} could not be loaded. Check the connection and try again, or reload the page."
        ),
    );
}

/// Declares `fn name[<'a, …>](args) [-> T] { body }` as part `module` of the app: calling it (`.await`)
/// fetches the module the first time, then runs the body there and gives `Ok` of its value;
/// `Err(PartMissing)` if it cannot be had. Functions named with the same `module` share one
/// download. The body is a block's (a `return` in it would leave the function, not the block).
///
/// `module (app only):` cuts it out of the app's build alone, `module (embed only):` out of the
/// embed's (feature `embed`) alone. The other build keeps it an ordinary function, which it either
/// never calls (the linker drops it) or keeps in its main WebAssembly: a function cut out is
/// exported, and an export would keep it, unused, in the build that never calls it.
macro_rules! part {
    ($module:ident (app only): $($function:tt)*) => {
        $crate::app::parts::part!(
            @cut all(feature = "split", not(feature = "embed")), $module: $($function)*
        );
    };
    ($module:ident (embed only): $($function:tt)*) => {
        $crate::app::parts::part!(
            @cut all(feature = "split", feature = "embed"), $module: $($function)*
        );
    };
    ($module:ident: $($function:tt)*) => {
        $crate::app::parts::part!(@cut feature = "split", $module: $($function)*);
    };
    (
        @cut $cut:meta, $module:ident: $(#[$attr:meta])*
        $vis:vis fn $name:ident $(<$($life:lifetime),+>)? ($($arg:ident: $ty:ty),* $(,)?)
        $(-> $out:ty)? { $($body:tt)* }
    ) => {
        $(#[$attr])*
        #[cfg($cut)]
        #[wasm_split_helpers::wasm_split($module, fallible)]
        $vis fn $name $(<$($life),+>)? ($($arg: $ty),*)
            -> Result<$crate::app::parts::part!(@out $($out)?), $crate::app::parts::PartMissing>
        {
            Ok({ $($body)* })
        }

        $(#[$attr])*
        #[cfg(not($cut))]
        $vis async fn $name $(<$($life),+>)? ($($arg: $ty),*)
            -> Result<$crate::app::parts::part!(@out $($out)?), $crate::app::parts::PartMissing>
        {
            Ok({ $($body)* })
        }
    };
    (@out) => { () };
    (@out $out:ty) => { $out };
}
pub(crate) use part;
