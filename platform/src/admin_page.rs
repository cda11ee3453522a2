//! The national administrator's page: plain HTML, no script, no external asset, every text
//! escaped (office and desk names are typed by people).

use std::fmt::Write;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::Overview;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn when(time: Option<DateTime<Utc>>) -> String {
    time.map_or_else(
        || "never".to_owned(),
        |t| t.to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

/// The page for `overview`, as of `now`.
pub fn render(overview: &Overview, now: DateTime<Utc>) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Solidesk platform</title>\
         <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}\
         td,th{border:1px solid #999;padding:.2em .5em;text-align:left}</style></head><body>\n\
         <h1>Solidesk platform</h1>\n",
    );
    let t = &overview.totals;
    let _ = write!(
        html,
        "<p>As of {}.</p>\n<h2>Totals</h2>\n<table>\
         <tr><th>Volunteers</th><td>{}</td></tr>\
         <tr><th>Help requests</th><td>{}</td></tr>",
        escape(&now.to_rfc3339_opts(SecondsFormat::Secs, true)),
        t.volunteers,
        t.requests
    );
    for (status, n) in &t.claims {
        let _ = write!(
            html,
            "<tr><th>Claims {}</th><td>{n}</td></tr>",
            escape(status)
        );
    }
    let _ = write!(
        html,
        "<tr><th>Outcomes</th><td>{}</td></tr>\
         <tr><th>Mutations decided</th><td>{}</td></tr></table>\n<h2>Offices</h2>\n",
        t.outcomes, t.mutations
    );
    if overview.offices.is_empty() {
        html.push_str("<p>No office yet.</p>\n");
    }
    for entry in &overview.offices {
        let office = &entry.office;
        let _ = writeln!(
            html,
            "<h3>{} <small>(office {}; postal codes {})</small></h3>",
            escape(&office.name),
            office.id,
            escape(&office.postal_codes.join(", "))
        );
        if entry.devices.is_empty() {
            html.push_str("<p>No desk enrolled.</p>\n");
            continue;
        }
        html.push_str(
            "<table><tr><th>Desk</th><th>Status</th><th>Last seen</th>\
             <th>Last push</th><th>Last pull</th></tr>\n",
        );
        for d in &entry.devices {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&d.name),
                if d.revoked { "revoked" } else { "active" },
                when(d.last_seen_at),
                when(d.last_push_at),
                when(d.last_pull_at)
            );
        }
        html.push_str("</table>\n");
    }
    html.push_str("</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<b>\"O'Neil\" & co</b>"),
            "&lt;b&gt;&quot;O&#39;Neil&quot; &amp; co&lt;/b&gt;"
        );
    }
}
