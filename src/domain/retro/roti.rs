//! Return on time invested: each participant rates the meeting 1 (a waste)
//! to 5 (well worth it); the close shows the average and a histogram.

/// Checks one answer.
pub fn parse_roti(text: &str) -> Result<u8, String> {
    match text.trim().parse::<u8>() {
        Ok(n @ 1..=5) => Ok(n),
        _ => Err(format!(
            "invalid ROTI '{text}': rate 1 (a waste of time) to 5 (well worth it)"
        )),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RotiSummary {
    pub answers: usize,
    /// `None` without answers.
    pub average: Option<f64>,
    /// Answers per rating, 1 to 5.
    pub histogram: [u32; 5],
}

impl RotiSummary {
    pub fn of(ratings: &[u8]) -> RotiSummary {
        let mut histogram = [0; 5];
        for &r in ratings {
            if (1..=5).contains(&r) {
                histogram[usize::from(r - 1)] += 1;
            }
        }
        let answers: u32 = histogram.iter().sum();
        let total: u32 = histogram.iter().zip(1..).map(|(n, r)| n * r).sum();
        RotiSummary {
            answers: answers as usize,
            average: (answers > 0).then(|| f64::from(total) / f64::from(answers)),
            histogram,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_averages_and_counts_each_rating() {
        let s = RotiSummary::of(&[5, 4, 4, 2]);
        assert_eq!(s.answers, 4);
        assert_eq!(s.average, Some(3.75));
        assert_eq!(s.histogram, [0, 1, 0, 2, 1]);
        assert_eq!(RotiSummary::of(&[]).average, None);
        assert_eq!(parse_roti(" 3 "), Ok(3));
        assert!(
            parse_roti("6")
                .unwrap_err()
                .contains("1 (a waste of time) to 5")
        );
        assert!(parse_roti("0").is_err());
    }
}
