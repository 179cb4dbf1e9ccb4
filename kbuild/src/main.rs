//! `kfunc-btf`: see the library documentation and `kfunc-btf --help`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kfunc_btf::{apply, header, inspect, Error, Outcome};

const USAGE: &str = "\
usage:
  kfunc-btf apply   <module.ko> --base <vmlinux>   add BTF for the Rust kfuncs, fill the flag table
  kfunc-btf inspect <module.ko> --base <vmlinux>   list kfuncs, check the table as the kernel will
  kfunc-btf header  <module.ko> [--base <vmlinux>] print a C header for BPF programs";

struct Args {
    cmd: String,
    ko: PathBuf,
    base: Option<PathBuf>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, Error> {
    let usage = |m: &str| Error::Usage(format!("{m}\n{USAGE}"));
    let cmd = args.next().ok_or_else(|| usage("missing subcommand"))?;
    if cmd == "-h" || cmd == "--help" {
        return Err(Error::Usage(USAGE.into()));
    }
    let mut ko = None;
    let mut base = None;
    while let Some(a) = args.next() {
        if a == "--base" || a == "-b" {
            base = Some(PathBuf::from(
                args.next().ok_or_else(|| usage("--base needs a path"))?,
            ));
        } else if let Some(v) = a.strip_prefix("--base=") {
            base = Some(PathBuf::from(v));
        } else if a.starts_with('-') {
            return Err(usage(&format!("unknown option {a}")));
        } else if ko.is_none() {
            ko = Some(PathBuf::from(a));
        } else {
            return Err(usage(&format!("unexpected argument {a}")));
        }
    }
    let ko = ko.ok_or_else(|| usage("missing <module.ko>"))?;
    if matches!(cmd.as_str(), "apply" | "inspect") && base.is_none() {
        return Err(usage(&format!("{cmd} needs --base <vmlinux>")));
    }
    if !matches!(cmd.as_str(), "apply" | "inspect" | "header") {
        return Err(usage(&format!("unknown subcommand {cmd}")));
    }
    Ok(Args { cmd, ko, base })
}

fn run(a: &Args) -> Result<ExitCode, Error> {
    let base = a.base.as_deref().unwrap_or(Path::new(""));
    match a.cmd.as_str() {
        "apply" => {
            match apply(&a.ko, base)? {
                Outcome::Applied { kfuncs } => {
                    eprintln!(
                        "kfunc-btf: {}: {kfuncs} kfunc(s): BTF written, flag table filled",
                        a.ko.display()
                    )
                }
                Outcome::AlreadyApplied { kfuncs } => eprintln!(
                    "kfunc-btf: {}: {kfuncs} kfunc(s): already applied and verified, unchanged",
                    a.ko.display()
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        "inspect" => {
            let r = inspect::inspect(&a.ko, base)?;
            print!("{}", r.text);
            if r.problems.is_empty() {
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("kfunc-btf: {}: registration would fail:", a.ko.display());
                for p in &r.problems {
                    eprintln!("  - {p}");
                }
                Ok(ExitCode::FAILURE)
            }
        }
        _ => {
            let m = kfunc_btf::elf::Module::read(&a.ko)?;
            let stubs = kfunc_btf::apply::read_stubs(&m)?;
            let b = match &a.base {
                Some(p) => Some(kfunc_btf::apply::load_base(p)?),
                None => None,
            };
            let name =
                a.ko.file_stem()
                    .map_or_else(|| "module".into(), |s| s.to_string_lossy().into_owned());
            print!("{}", header::generate(&name, &stubs, b.as_deref())?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kfunc-btf: error: {e}");
            ExitCode::FAILURE
        }
    }
}
