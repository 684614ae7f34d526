//! The `sigilo` command line: parses arguments, calls one sigilo-api function per subcommand, prints the result
//! and maps errors to the public exit codes (0 ok, 1 other, 2 usage/input, 3 wrong secret, 4 damaged,
//! 5 not found, 6 refused).

mod cli;
mod expenses_cli;
mod files;
mod invoicing_cli;
mod output;
mod secrets;

use std::process::ExitCode;

use clap::Parser as _;
use sigilo_api::ApiError;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(u8::try_from(e.code.exit_code()).unwrap_or(1))
        }
    }
}

fn report(e: &ApiError) {
    eprintln!("sigilo: {}", e.message);
    if let Some(hint) = output::hint(e.code) {
        eprintln!("hint: {hint}");
    }
}
