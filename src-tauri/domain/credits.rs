//! Credit amounts and categories. One contact hour is one credit and the only
//! partial credit is 0.5, so amounts are kept as whole half-credits.

pub use super::vocabulary::Category;
use std::fmt;

/// A credit amount in half-credits: `HalfCredits(1)` is 0.5 credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct HalfCredits(pub i64);

impl HalfCredits {
    /// Parses a credit value as typed or sent in JSON: a positive multiple of 0.5.
    pub fn from_credits(value: f64) -> Result<HalfCredits, String> {
        if !value.is_finite() {
            return Err("Enter a number of credits.".into());
        }
        let halves = value * 2.0;
        if halves.fract() != 0.0 {
            return Err(format!(
                "{value} is not allowed: credits come in steps of 0.5 (0.5, 1, 1.5, ...)."
            ));
        }
        if halves < 1.0 {
            return Err("Credits must be at least 0.5.".into());
        }
        if halves > 2000.0 {
            return Err("Credits must be at most 1000.".into());
        }
        Ok(HalfCredits(halves as i64))
    }

    pub fn as_credits(self) -> f64 {
        self.0 as f64 / 2.0
    }
}

impl std::ops::Add for HalfCredits {
    type Output = HalfCredits;
    fn add(self, rhs: HalfCredits) -> HalfCredits {
        HalfCredits(self.0 + rhs.0)
    }
}

impl std::iter::Sum for HalfCredits {
    fn sum<I: Iterator<Item = HalfCredits>>(iter: I) -> HalfCredits {
        iter.fold(HalfCredits(0), |a, b| a + b)
    }
}

impl fmt::Display for HalfCredits {
    /// "0.5", "1", "12.5": the way ASPeN writes amounts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 2 == 0 {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

/// "0.5 credits Library Administration", "1 credit Technology".
pub fn describe_credit(amount: HalfCredits, category: Category) -> String {
    let unit = if amount == HalfCredits(2) {
        "credit"
    } else {
        "credits"
    };
    format!("{amount} {unit} {}", category.label())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_credit_steps_are_accepted() {
        assert_eq!(HalfCredits::from_credits(0.5), Ok(HalfCredits(1)));
        assert_eq!(HalfCredits::from_credits(1.0), Ok(HalfCredits(2)));
        assert_eq!(HalfCredits::from_credits(12.5), Ok(HalfCredits(25)));
    }

    #[test]
    fn other_amounts_are_refused_with_a_reason() {
        for bad in [0.0, -0.5, 0.25, 1.3, f64::NAN, f64::INFINITY, 1000.5] {
            assert!(
                HalfCredits::from_credits(bad).is_err(),
                "{bad} should be refused"
            );
        }
        let message = HalfCredits::from_credits(0.75).unwrap_err();
        assert!(message.contains("steps of 0.5"), "{message}");
    }

    #[test]
    fn amounts_print_like_aspen() {
        assert_eq!(HalfCredits(1).to_string(), "0.5");
        assert_eq!(HalfCredits(2).to_string(), "1");
        assert_eq!(HalfCredits(25).to_string(), "12.5");
        assert_eq!(
            describe_credit(HalfCredits(1), Category::LA),
            "0.5 credits Library Administration"
        );
        assert_eq!(
            describe_credit(HalfCredits(2), Category::TECH),
            "1 credit Technology"
        );
        assert_eq!(
            describe_credit(HalfCredits(4), Category::LSP),
            "2 credits Library Services to the Public"
        );
    }

    #[test]
    fn categories_parse_from_code_or_name() {
        assert_eq!(Category::parse("la"), Some(Category::LA));
        assert_eq!(Category::parse(" Technology "), Some(Category::TECH));
        assert_eq!(
            Category::parse("collection management and technical services"),
            Some(Category::CMTS)
        );
        assert_eq!(Category::parse("library administation"), None);
    }

    #[test]
    fn sums_stay_exact() {
        let total: HalfCredits = [HalfCredits(1); 7].into_iter().sum();
        assert_eq!(total.to_string(), "3.5");
    }
}
