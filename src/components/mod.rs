//! The page's parts, one component per file, named after what the reader sees.

mod controls;
mod data_banner;
mod dose_view;
mod forest_plot;
mod headline;
mod scorecard;
mod workbench;

pub use controls::Controls;
pub use data_banner::DataBanner;
pub use dose_view::DoseView;
pub use forest_plot::ForestPlot;
pub use headline::Headline;
pub use scorecard::Scorecard;
pub use workbench::Workbench;
