//! The app's commands, each written once: as a `#[tauri::command]` function
//! in a file of `src-tauri/commands/`. This script reads those files and
//! generates everything else that names a command:
//!
//! * `$OUT_DIR/commands.rs`, included by `src-tauri/commands/mod.rs`: the
//!   `COMMANDS` list, the invoke handler (`tauri::generate_handler!` over
//!   every command) and, for tests, each command's argument and result types
//!   (`SIGNATURES`, from which `src-tauri/ts_types.rs` writes
//!   `ui/src/lib/gen/commands.ts`, the names and types `ipc.ts` may call);
//! * the app manifest: every command is declared, so each one must be
//!   granted explicitly in a capability (least privilege; a test in
//!   `src-tauri/commands/mod.rs` checks `capabilities/*.json` against
//!   `COMMANDS`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quote::ToTokens;

/// One command as written in its file.
struct Command {
    /// The file (module) under `src-tauri/commands/`.
    module: String,
    name: String,
    /// Arguments the webview sends: (name as sent, Rust type).
    args: Vec<(String, String)>,
    /// What the command answers with (`IpcResult<T>` → `T`; nothing → `()`).
    result: String,
}

/// Arguments Tauri fills in itself; the webview never sends them.
const INJECTED: &[&str] = &[
    "State",
    "AppHandle",
    "Window",
    "WebviewWindow",
    "Webview",
    "Request",
];

fn tokens(t: &impl ToTokens) -> String {
    t.to_token_stream()
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("")
        .replace(",", ", ")
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last(),
        syn::Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

/// `IpcResult<T>` / `Result<T, E>` → `T`.
fn ok_type(ty: &syn::Type) -> String {
    if let Some(seg) = last_segment(ty) {
        if seg.ident == "IpcResult" || seg.ident == "Result" {
            if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                    return tokens(t);
                }
            }
        }
    }
    tokens(ty)
}

/// `posting_id` → `postingId` (Tauri's default for command arguments).
fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn is_command(f: &syn::ItemFn, file: &Path) -> bool {
    f.attrs.iter().any(|a| {
        let path = tokens(a.path());
        let is = path == "tauri::command" || path == "command";
        if is && !matches!(a.meta, syn::Meta::Path(_)) {
            panic!(
                "{}: `{}`: write `#[tauri::command]` without options, so argument names stay camelCase in commands.ts",
                file.display(),
                f.sig.ident
            );
        }
        is
    })
}

fn commands_in(file: &Path) -> Vec<Command> {
    let source = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let parsed = syn::parse_file(&source)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
    let module = file
        .file_stem()
        .expect("a file name")
        .to_string_lossy()
        .into_owned();
    let mut out = Vec::new();
    for item in parsed.items {
        let syn::Item::Fn(f) = item else { continue };
        if !is_command(&f, file) {
            continue;
        }
        assert!(
            matches!(f.vis, syn::Visibility::Public(_)),
            "{}: command `{}` must be `pub` to be registered",
            file.display(),
            f.sig.ident
        );
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let syn::FnArg::Typed(pt) = input else {
                panic!("{}: `{}` takes self", file.display(), f.sig.ident)
            };
            if last_segment(&pt.ty).is_some_and(|s| INJECTED.iter().any(|i| s.ident == i)) {
                continue;
            }
            let syn::Pat::Ident(name) = &*pt.pat else {
                panic!(
                    "{}: `{}`: argument patterns must be plain names",
                    file.display(),
                    f.sig.ident
                )
            };
            let name = name.ident.to_string();
            args.push((camel(name.trim_start_matches("mut ")), tokens(&*pt.ty)));
        }
        let result = match &f.sig.output {
            syn::ReturnType::Default => "()".to_string(),
            syn::ReturnType::Type(_, t) => ok_type(t),
        };
        out.push(Command {
            module: module.clone(),
            name: f.sig.ident.to_string(),
            args,
            result,
        });
    }
    out
}

fn generated(commands: &[Command]) -> String {
    let mut s = String::from("// @generated by build.rs from src-tauri/commands/*.rs\n\n");
    s.push_str(
        "/// Every command the UI may call; `build.rs` declares them in the app manifest.\n",
    );
    s.push_str("pub const COMMANDS: &[&str] = &[\n");
    for c in commands {
        writeln!(s, "    {:?},", c.name).unwrap();
    }
    s.push_str("];\n\n");
    s.push_str(
        "/// The invoke handler: every command, registered here only.\n\
         pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {\n    \
         tauri::generate_handler![\n",
    );
    for c in commands {
        writeln!(s, "        {}::{},", c.module, c.name).unwrap();
    }
    s.push_str("    ]\n}\n\n");
    s.push_str(
        "/// Each command's arguments (as the webview names them) and result, as\n\
         /// written in Rust; `ts_types` turns them into `ui/src/lib/gen/commands.ts`.\n\
         #[cfg(test)]\n\
         pub const SIGNATURES: &[Signature] = &[\n",
    );
    for c in commands {
        write!(
            s,
            "    Signature {{ module: {:?}, name: {:?}, args: &[",
            c.module, c.name
        )
        .unwrap();
        for (n, t) in &c.args {
            write!(s, "({n:?}, {t:?}), ").unwrap();
        }
        writeln!(s, "], result: {:?} }},", c.result).unwrap();
    }
    s.push_str("];\n");
    s
}

fn main() {
    let dir = Path::new("src-tauri/commands");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read src-tauri/commands/")
        .map(|e| e.expect("list src-tauri/commands/").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("mod.rs"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        commands.extend(commands_in(file));
    }
    let mut names: Vec<&str> = commands.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        panic!("two commands are named `{}`", w[0]);
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("commands.rs"), generated(&commands)).expect("write commands.rs");

    let names: Vec<&'static str> = commands
        .iter()
        .map(|c| &*Box::leak(c.name.clone().into_boxed_str()))
        .collect();
    let names: &'static [&'static str] = Box::leak(names.into_boxed_slice());
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri build script failed");
}
