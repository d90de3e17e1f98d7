//! Named coefficients that serialize as one JSON object in model order.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Named coefficients in model order (`(Intercept)` first, then features in column order);
/// serializes as a JSON object `{"(Intercept)": …, "name": …}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Coefficients(pub Vec<(String, f64)>);

impl Coefficients {
    /// The value of a named coefficient, if present (non-zero).
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }

    /// Names in order.
    pub fn names(&self) -> Vec<&str> {
        self.0.iter().map(|(n, _)| n.as_str()).collect()
    }
}

impl Serialize for Coefficients {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}
