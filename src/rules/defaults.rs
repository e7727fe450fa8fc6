//! The default rule files, compiled into the binary so ptkg works with no
//! files beside it. Their sources live in `rules/` at the top of the project.

/// (file name, contents) of every default rule file, in the order they load.
pub const DEFAULT_RULE_FILES: &[(&str, &str)] = &[
    (
        "vocabulary.toml",
        include_str!("../../rules/vocabulary.toml"),
    ),
    (
        "boilerplate.toml",
        include_str!("../../rules/boilerplate.toml"),
    ),
    ("headings.toml", include_str!("../../rules/headings.toml")),
    ("districts.toml", include_str!("../../rules/districts.toml")),
    ("projects.toml", include_str!("../../rules/projects.toml")),
    ("sectors.toml", include_str!("../../rules/sectors.toml")),
    (
        "organizations.toml",
        include_str!("../../rules/organizations.toml"),
    ),
];
