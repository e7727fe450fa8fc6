//! The default rule files, compiled into the binary so ptkg works with no
//! files beside it. Their sources live in `rules/` at the top of the project.

macro_rules! rule_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../rules/", $name)))),*]
    };
}

/// (file name, contents) of every default rule file, in the order they load.
pub const DEFAULT_RULE_FILES: &[(&str, &str)] = rule_files![
    "vocabulary.toml",
    "boilerplate.toml",
    "headings.toml",
    "districts.toml",
    "places.toml",
    "gazetteer.toml",
    "projects.toml",
    "sectors.toml",
    "sector_words.toml",
    "organizations.toml",
    "targets.toml",
    "goals.toml",
];
