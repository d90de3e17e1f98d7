//! One module per subcommand.

pub mod agreement;
pub mod bootstrap;
pub mod calibrate;
pub mod correlate;
pub mod cox;
pub mod dca;
pub mod describe;
pub mod inspect;
pub mod km;
pub mod lasso;
pub mod logistic;
pub mod roc;
pub mod run;
pub mod score;
pub mod screen;
pub mod validate;
