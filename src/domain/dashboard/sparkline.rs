//! Text sparklines (▁▂▃▄▅▆▇█) for the report and the screen: values are
//! averaged into at most `width` buckets and placed between a low and a
//! high bound, so a KPI's line can be drawn against its baseline and target.

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The values averaged into at most `width` buckets of consecutive values
/// (all of them when they fit).
pub fn downsample(values: &[f64], width: usize) -> Vec<f64> {
    if width == 0 || values.is_empty() {
        return Vec::new();
    }
    if values.len() <= width {
        return values.to_vec();
    }
    (0..width)
        .map(|bucket| {
            let start = bucket * values.len() / width;
            let end = ((bucket + 1) * values.len() / width).max(start + 1);
            let slice = &values[start..end];
            slice.iter().sum::<f64>() / slice.len() as f64
        })
        .collect()
}

/// A sparkline of `values` between `low` and `high` (values outside are
/// drawn at the nearest end); when the bounds are equal every bar is in the
/// middle. At most `width` characters.
pub fn sparkline_between(values: &[f64], low: f64, high: f64, width: usize) -> String {
    let span = high - low;
    downsample(values, width)
        .into_iter()
        .map(|v| {
            if !span.is_finite() || span <= 0.0 {
                return BARS[3];
            }
            let share = ((v - low) / span).clamp(0.0, 1.0);
            BARS[(share * (BARS.len() - 1) as f64).round() as usize]
        })
        .collect()
}

/// A sparkline of `values` from their own lowest to their highest value.
pub fn sparkline(values: &[f64], width: usize) -> String {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    sparkline_between(values, low, high, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_run_from_the_low_to_the_high_bound() {
        assert_eq!(
            sparkline(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], 20),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(
            sparkline_between(&[0.0, 50.0, 100.0, 200.0, -5.0], 0.0, 100.0, 9),
            "▁▅██▁"
        );
        assert_eq!(
            sparkline(&[3.0, 3.0], 5),
            "▄▄",
            "a flat line sits in the middle"
        );
        assert_eq!(sparkline(&[], 5), "");
    }

    #[test]
    fn long_series_are_averaged_into_the_width() {
        assert_eq!(downsample(&[1.0, 3.0, 5.0, 7.0], 2), vec![2.0, 6.0]);
        assert_eq!(downsample(&[1.0, 2.0, 3.0], 5), vec![1.0, 2.0, 3.0]);
        assert_eq!(
            sparkline(&(0..1000).map(f64::from).collect::<Vec<_>>(), 8)
                .chars()
                .count(),
            8
        );
    }
}
