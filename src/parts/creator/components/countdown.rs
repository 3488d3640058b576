//! [`minutes_seconds`]: a countdown's time as the studio writes it.

/// `seconds` as minutes and seconds: `0:27`, `4:05`, `60:00`.
pub fn minutes_seconds(seconds: u64) -> String {
    let rest = seconds % 60;
    let pad = if rest < 10 { ":0" } else { ":" };
    [(seconds / 60).to_string().as_str(), pad, &rest.to_string()].concat()
}
