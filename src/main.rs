//! The `ptkg` binary: parse arguments, run one command, print the error
//! chain on one line and exit with a meaningful code (0 ok, 1 error,
//! 2 some input files were skipped).

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
    let code = match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`ptkg … | head`) is not an error.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                0
            } else {
                let chain: Vec<String> = err.chain().map(|e| e.to_string()).collect();
                eprintln!("ptkg: error: {}", chain.join(": "));
                1
            }
        }
    };
    std::process::exit(code);
}
