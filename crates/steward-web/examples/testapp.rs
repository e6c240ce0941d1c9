//! Serve the deliberately vulnerable test application (or, with `--safe`, its safe twin)
//! on 127.0.0.1 until killed: `cargo run -p steward-web --features testapp --example
//! testapp -- [--safe] [--port N]`. Prints its URL on the first line.

use steward_web::testapp::{AppOptions, Flavour, TestApp};

fn main() -> std::io::Result<()> {
    let mut flavour = Flavour::Vulnerable;
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--safe" => flavour = Flavour::Safe,
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or(0),
            other => {
                eprintln!("unknown argument `{other}`: expected --safe or --port N");
                std::process::exit(2);
            }
        }
    }
    let app = TestApp::bind(&format!("127.0.0.1:{port}"), flavour, AppOptions::default())?;
    println!("{}", app.url());
    loop {
        std::thread::park();
    }
}
