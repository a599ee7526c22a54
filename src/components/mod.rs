//! The page's parts, one component per file, named after what the reader sees.

mod controls;
mod data_banner;
mod dose_view;
mod downloads;
mod forest_plot;
mod headline;
mod notices;
mod scorecard;
mod share_panel;
mod story;
mod workbench;
mod your_data;

#[cfg(all(test, feature = "ru"))]
mod russian;

pub use controls::Controls;
pub use data_banner::data_banner;
pub use dose_view::DoseView;
pub use downloads::downloads;
pub use forest_plot::ForestPlot;
pub use headline::headline;
pub use notices::notices;
pub use scorecard::Scorecard;
pub use share_panel::{PresetLink, SharePanel};
pub use story::example_counts;
#[cfg(not(target_arch = "wasm32"))]
pub use story::explanations;
pub use workbench::Workbench;
pub use your_data::{file_banner, your_data};
