//! The `ptkg` binary: parse arguments, run one command, print the error
//! chain on one line and exit with the same codes for every command: 0 when
//! rows were printed (or the work was done), 1 when nothing matched (a name
//! that names nothing, a query without rows: one line on stderr), 2 for
//! errors (clap's usage errors too).

// Functions stay short (clippy.toml: at most 150 lines); CI denies warnings.
#![warn(clippy::too_many_lines)]

mod cli;

use clap::Parser;

/// mimalloc instead of the system allocator: ingest allocates on the
/// extraction threads and frees on the writer's, which glibc's arenas
/// serialise (BENCHMARKS.md, "Ingest").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = cli::Cli::parse();
    let db = args.db.clone();
    let code = match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`ptkg … | head`) is not an error.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                0
            } else if nothing_matched(&err) {
                eprintln!("ptkg: {err}");
                1
            } else {
                // A cause its error already quotes is said once.
                let mut chain: Vec<String> = Vec::new();
                for e in err.chain().map(|e| e.to_string()) {
                    if !chain.last().is_some_and(|last| last.ends_with(&e)) {
                        chain.push(e);
                    }
                }
                eprintln!(
                    "ptkg: error: {}",
                    with_damage_advice(&err, chain.join(": "), &db)
                );
                2
            }
        }
    };
    std::process::exit(code);
}

/// Whether an error only says that nothing matched: a name that names
/// nothing, or a query whose filters keep no row.
fn nothing_matched(err: &anyhow::Error) -> bool {
    err.downcast_ref::<cli::NothingMatched>().is_some()
        || matches!(
            err.downcast_ref::<ptkg::Error>(),
            Some(ptkg::Error::NotFound { .. })
        )
}

/// An error that says the store's data is damaged (a record that does not
/// decode, sled failing mid-command) in the words of every corruption
/// error: the store, what is wrong, what to run.
fn with_damage_advice(err: &anyhow::Error, message: String, db: &std::path::Path) -> String {
    let damaged = err.chain().any(|e| {
        matches!(
            e.downcast_ref::<ptkg::Error>(),
            Some(ptkg::Error::Corrupt(_) | ptkg::Error::Sled(_))
        )
    });
    if damaged {
        format!(
            "store {}: {message}; {}",
            db.display(),
            ptkg::error::damage_advice(db)
        )
    } else {
        message
    }
}
