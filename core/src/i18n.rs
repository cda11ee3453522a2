//! Words for people in their language, from the same Fluent files as the desktop app
//! (`locales/*.ftl`), so a reason reads the same in the wizard, a rejects file and a sheet.

use std::sync::LazyLock;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;

use crate::model::Language;

const SOURCES: [(Language, &str, &str); 4] = [
    (Language::Nl, "nl-BE", include_str!("../../locales/nl.ftl")),
    (Language::Fr, "fr-BE", include_str!("../../locales/fr.ftl")),
    (Language::De, "de-BE", include_str!("../../locales/de.ftl")),
    (Language::En, "en", include_str!("../../locales/en.ftl")),
];

static BUNDLES: LazyLock<Vec<(Language, FluentBundle<FluentResource>)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .filter_map(|(lang, tag, source)| {
            let langid = tag.parse().ok()?;
            // The files are part of the program and parsed by a test; a syntax error there keeps
            // the entries that parsed.
            let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // No Unicode isolation marks: the text goes into CSV cells and PDFs, not only HTML.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).ok()?;
            Some((*lang, bundle))
        })
        .collect()
});

/// The message `id` in `language`, falling back to English, then to the id itself.
pub fn text(language: Language, id: &str) -> String {
    text_with(language, id, &[])
}

/// A value for a message's `{ $name }`.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, inserted as is.
    Text(String),
    /// A number, formatted (and pluralised) in the message's language.
    Number(f64),
}

/// The message `id` in `language` with its `{ $name }` placeholders filled from `args`.
pub fn text_with(language: Language, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = fluent_bundle::FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(t) => fluent_args.set(*name, t.clone()),
            Arg::Number(n) => fluent_args.set(*name, *n),
        }
    }
    for lang in [language, Language::En] {
        let Some((_, bundle)) = BUNDLES.iter().find(|(l, _)| *l == lang) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
    }
    id.to_owned()
}

/// The user's language from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`: `nl_BE.UTF-8`),
/// for programs without a language setting of their own; English when none of the four.
pub fn language_from_env() -> Language {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            let code = v.get(..2).unwrap_or_default().to_ascii_lowercase();
            if let Ok(l) = code.parse::<Language>() {
                return l;
            }
            if !v.is_empty() {
                break;
            }
        }
    }
    Language::En
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_parses_and_has_the_english_ids() {
        let ids = |source: &str| -> Vec<String> {
            let resource = FluentResource::try_new(source.to_owned()).expect("ftl parses");
            resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect()
        };
        let english = ids(SOURCES[3].2);
        for (lang, _, source) in SOURCES {
            let these = ids(source);
            let missing: Vec<_> = english.iter().filter(|id| !these.contains(id)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }

    #[test]
    fn reasons_read_in_the_users_language() {
        assert_eq!(
            text(Language::Nl, "import-reason-missing_last_name"),
            "Geen familienaam"
        );
        assert_eq!(text(Language::Fr, "import-rejects-reason"), "Motif");
        assert_eq!(text(Language::De, "no-such-id"), "no-such-id");
    }
}
