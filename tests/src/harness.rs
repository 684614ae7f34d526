//! Process plumbing for the journeys: a private Xvfb display, a tauri-driver (+ WebKitWebDriver) on free ports,
//! a temporary vault/settings folder, and guards that kill the whole process tree on drop.

use std::collections::{HashMap, VecDeque};
use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::webdriver::{Element, Session, WebDriverError};
use crate::{panic_with, wait_for};

/// How long to wait for an element or a condition in the UI.
pub const UI_TIMEOUT: Duration = Duration::from_secs(30);
/// How long Xvfb and tauri-driver may take to listen.
const START_TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------------------------------
// Locating the tools

fn in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn cargo_bin(name: &str) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(home.join("bin").join(name)).filter(|p| p.is_file())
}

#[track_caller]
fn require(name: &str, found: Option<PathBuf>, install: &str) -> PathBuf {
    found.unwrap_or_else(|| {
        panic_with(format!(
            "{name} is missing: the end-to-end journeys need it. Install: {install}"
        ))
    })
}

/// The workspace's target folder (CARGO_TARGET_DIR when set).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("target")
        })
}

/// The app binary under test: env `SIGILO_DESKTOP_BIN`, else `target/debug/sigilo-desktop`.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("SIGILO_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("sigilo-desktop"));
    fs::canonicalize(&path).unwrap_or_else(|_| {
        panic_with(format!(
            "the app binary {} does not exist. Build the UI and the app first:\n  \
             npm --prefix ui ci && npm --prefix ui run build && cargo build -p sigilo-desktop\n\
             (or point SIGILO_DESKTOP_BIN at a built sigilo-desktop)",
            path.display()
        ))
    })
}

/// Where screenshots and driver logs go: `tests/artifacts/<test>/`.
pub fn artifacts_dir(test: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join(test)
}

// ---------------------------------------------------------------------------------------------------------------
// Process guards

/// Parent pid of every process, from /proc (Linux).
fn parent_map() -> HashMap<u32, u32> {
    let mut map = HashMap::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return map;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        if let Some(ppid) = rest
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u32>().ok())
        {
            map.insert(pid, ppid);
        }
    }
    map
}

fn descendants(root: u32) -> Vec<u32> {
    let parents = parent_map();
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (&pid, &ppid) in &parents {
        children.entry(ppid).or_default().push(pid);
    }
    let mut out = Vec::new();
    let mut queue = VecDeque::from([root]);
    while let Some(pid) = queue.pop_front() {
        for &child in children.get(&pid).map(Vec::as_slice).unwrap_or(&[]) {
            out.push(child);
            queue.push_back(child);
        }
    }
    out
}

fn kill(args: &[String]) {
    let _ = Command::new("kill")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// A child started in its own process group. Dropping it kills the group and every descendant (WebKitWebDriver
/// outlives a killed tauri-driver otherwise, and the app and its WebKit processes hang off WebKitWebDriver).
#[derive(Debug)]
struct Guard {
    child: Child,
}

impl Guard {
    fn spawn(mut command: Command, log: &Path) -> std::io::Result<Guard> {
        let out = fs::File::create(log)?;
        let err = out.try_clone()?;
        command
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0);
        Ok(Guard {
            child: command.spawn()?,
        })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn exited(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(status.to_string()),
            Ok(None) => None,
            Err(e) => Some(e.to_string()),
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let pid = self.pid();
        let tree = descendants(pid);
        kill(&["-KILL".into(), "--".into(), format!("-{pid}")]);
        if !tree.is_empty() {
            let mut args = vec!["-KILL".to_owned(), "--".to_owned()];
            args.extend(tree.iter().map(u32::to_string));
            kill(&args);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Xvfb and tauri-driver

static NEXT_DISPLAY: AtomicU32 = AtomicU32::new(0);

/// Starts Xvfb on a display nobody uses; returns the guard and the display number.
fn start_xvfb(xvfb: &Path, logs: &Path) -> (Guard, u32) {
    let base = 90 + (std::process::id() % 400) * 8;
    for _ in 0..50 {
        let n = base + NEXT_DISPLAY.fetch_add(1, Ordering::SeqCst);
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
        if Path::new(&format!("/tmp/.X{n}-lock")).exists() || socket.exists() {
            continue;
        }
        let mut command = Command::new(xvfb);
        command.args([
            format!(":{n}"),
            "-screen".into(),
            "0".into(),
            "1280x800x24".into(),
            "-nolisten".into(),
            "tcp".into(),
        ]);
        let Ok(mut guard) = Guard::spawn(command, &logs.join(format!("xvfb-{n}.log"))) else {
            continue;
        };
        let start = Instant::now();
        while start.elapsed() < START_TIMEOUT {
            if socket.exists() {
                return (guard, n);
            }
            if guard.exited().is_some() {
                break; // display taken after all: try the next one
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic_with(format!(
        "could not start Xvfb on a free display (logs in {})",
        logs.display()
    ))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic_with(format!("no free TCP port: {e}")))
}

fn listening(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
}

fn tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

// ---------------------------------------------------------------------------------------------------------------
// The app under test

/// How to start the app for one journey.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Names the artifacts folder (tests/artifacts/<name>).
    pub name: String,
    /// UI language pinned through settings.json and the locale environment.
    pub locale: &'static str,
    /// The vault folder the app offers (SIGILO_VAULT); default: `<tmp>/vault`, not yet created.
    pub vault: Option<PathBuf>,
    /// Auto-lock timeout written to settings.json before launch.
    pub auto_lock_minutes: u32,
}

impl AppOptions {
    pub fn new(name: &str) -> Self {
        AppOptions {
            name: name.to_owned(),
            locale: "es",
            vault: None,
            auto_lock_minutes: 10,
        }
    }

    pub fn vault(mut self, dir: PathBuf) -> Self {
        self.vault = Some(dir);
        self
    }

    pub fn auto_lock_minutes(mut self, minutes: u32) -> Self {
        self.auto_lock_minutes = minutes;
        self
    }
}

/// The real Sigilo window under WebDriver. Dropping it ends the session and kills every process it started.
#[derive(Debug)]
pub struct App {
    session: Option<Session>,
    /// Temporary home of this run: `vault/` (unless given) and `config/`.
    pub tmp: tempfile::TempDir,
    pub vault_dir: PathBuf,
    artifacts: PathBuf,
    shots: u32,
    driver_log: PathBuf,
    // Field order is drop order: the driver (and the app under it) goes before the display.
    _driver: Guard,
    _xvfb: Guard,
}

impl App {
    /// Starts Xvfb, tauri-driver and the app; panics with a clear message when a tool is missing.
    pub fn launch(options: AppOptions) -> App {
        let xvfb = require("Xvfb", in_path("Xvfb"), "apt-get install -y xvfb");
        let tauri_driver = require(
            "tauri-driver",
            in_path("tauri-driver").or_else(|| cargo_bin("tauri-driver")),
            "cargo install tauri-driver --locked",
        );
        let native = require(
            "WebKitWebDriver",
            in_path("WebKitWebDriver").or_else(|| {
                Some(PathBuf::from("/usr/bin/WebKitWebDriver")).filter(|p| p.is_file())
            }),
            "apt-get install -y webkit2gtk-driver",
        );
        let application = app_binary();

        let artifacts = artifacts_dir(&options.name);
        let _ = fs::remove_dir_all(&artifacts);
        fs::create_dir_all(&artifacts)
            .unwrap_or_else(|e| panic_with(format!("create {}: {e}", artifacts.display())));

        let tmp = tempfile::Builder::new()
            .prefix("sigilo-e2e-")
            .tempdir()
            .unwrap_or_else(|e| panic_with(format!("temp dir: {e}")));
        let vault_dir = options
            .vault
            .clone()
            .unwrap_or_else(|| tmp.path().join("vault"));
        let config_dir = tmp.path().join("config");
        fs::create_dir_all(&config_dir).unwrap_or_else(|e| panic_with(format!("config dir: {e}")));
        // The UI follows navigator.languages unless settings pin a language: pin it, so assertions are stable.
        let settings = serde_json::json!({
            "locale": options.locale,
            "auto_lock_minutes": options.auto_lock_minutes,
            "recent_vaults": []
        });
        fs::write(config_dir.join("settings.json"), settings.to_string())
            .unwrap_or_else(|e| panic_with(format!("settings.json: {e}")));

        let (xvfb_guard, display) = start_xvfb(&xvfb, &artifacts);
        let port = free_port();
        let native_port = free_port();
        let lang = if options.locale == "es" {
            "es_ES.UTF-8"
        } else {
            "en_GB.UTF-8"
        };
        let driver_log = artifacts.join("tauri-driver.log");
        let mut command = Command::new(tauri_driver);
        command
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-driver")
            .arg(&native)
            .env("DISPLAY", format!(":{display}"))
            .env_remove("WAYLAND_DISPLAY")
            .env("SIGILO_VAULT", &vault_dir)
            .env("SIGILO_CONFIG_DIR", &config_dir)
            .env("LANG", lang)
            .env("LC_ALL", lang)
            .env("LANGUAGE", options.locale)
            // Keep WebKit's own caches and data inside this run's temp folder.
            .env("XDG_DATA_HOME", tmp.path().join("xdg-data"))
            .env("XDG_CACHE_HOME", tmp.path().join("xdg-cache"))
            .env("XDG_CONFIG_HOME", tmp.path().join("xdg-config"));
        let mut driver = Guard::spawn(command, &driver_log)
            .unwrap_or_else(|e| panic_with(format!("could not start tauri-driver: {e}")));

        let start = Instant::now();
        while !(listening(port) && listening(native_port)) {
            if let Some(status) = driver.exited() {
                panic_with(format!(
                    "tauri-driver exited ({status}) before listening:\n{}",
                    tail(&driver_log)
                ));
            }
            if start.elapsed() > START_TIMEOUT {
                panic_with(format!(
                    "tauri-driver did not listen on {port} and {native_port} within {START_TIMEOUT:?}:\n{}",
                    tail(&driver_log)
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }

        let mut app = App {
            session: None,
            tmp,
            vault_dir,
            artifacts,
            shots: 0,
            driver_log,
            _driver: driver,
            _xvfb: xvfb_guard,
        };
        let session = Session::new(&format!("http://127.0.0.1:{port}"), &application)
            .unwrap_or_else(|e| {
                panic_with(format!(
                    "could not open a WebDriver session on {}: {e}\n{}",
                    application.display(),
                    tail(&app.driver_log)
                ))
            });
        app.session = Some(session);
        // The window is up once the page has an app root with content.
        app.wait_until("the UI to render", || {
            let v = app.exec(
                "return document.readyState === 'complete' && document.body.childElementCount > 0",
            )?;
            Ok(v.as_bool() == Some(true))
        });
        app
    }

    fn s(&self) -> &Session {
        self.session
            .as_ref()
            .unwrap_or_else(|| panic_with("no WebDriver session".into()))
    }

    /// The raw WebDriver session, for calls the helpers below do not cover.
    pub fn session(&self) -> &Session {
        self.s()
    }

    /// Runs a script in the page (see [`Session::execute`]).
    pub fn exec(&self, script: &str) -> Result<Value, WebDriverError> {
        self.s().execute(script, &[])
    }

    /// Waits until `probe` answers true (driver errors count as "not yet", and are reported on timeout).
    #[track_caller]
    pub fn wait_until(&self, what: &str, probe: impl FnMut() -> Result<bool, WebDriverError>) {
        self.wait_until_for(what, UI_TIMEOUT, probe);
    }

    /// [`App::wait_until`] with its own timeout.
    #[track_caller]
    pub fn wait_until_for(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut() -> Result<bool, WebDriverError>,
    ) {
        wait_for(what, timeout, || match probe() {
            Ok(true) => Ok(Some(())),
            Ok(false) => Ok(None),
            Err(e) => Err(e.to_string()),
        });
    }

    /// Waits for the first element matching `css` and returns it.
    #[track_caller]
    pub fn el(&self, css: &str) -> Element {
        wait_for(&format!("element {css}"), UI_TIMEOUT, || {
            match self.s().find(css) {
                Ok(el) => Ok(Some(el)),
                Err(e) if e.is_no_such_element() => Ok(None),
                Err(e) => Err(e.to_string()),
            }
        })
    }

    /// Whether an element matching `css` is in the DOM right now.
    pub fn has(&self, css: &str) -> bool {
        self.s().find(css).is_ok()
    }

    /// How many elements match `css` right now.
    #[track_caller]
    pub fn count(&self, css: &str) -> usize {
        self.s()
            .find_all(css)
            .map(|v| v.len())
            .unwrap_or_else(|e| panic_with(format!("count {css}: {e}")))
    }

    #[track_caller]
    pub fn click(&self, css: &str) {
        let el = self.el(css);
        self.s()
            .click(&el)
            .unwrap_or_else(|e| panic_with(format!("click {css}: {e}")));
    }

    /// Drags the first element matching `from_css` onto the centre of the first matching `to_css` with W3C pointer
    /// actions (a mouse: down on the source's centre, a few moves, up over the target), as a person would.
    #[track_caller]
    pub fn drag(&self, from_css: &str, to_css: &str) {
        let from = self.el(from_css);
        let to = self.el(to_css);
        let actions = serde_json::json!([{
            "type": "pointer",
            "id": "drag-mouse",
            "parameters": { "pointerType": "mouse" },
            "actions": [
                { "type": "pointerMove", "duration": 0, "origin": Session::origin(&from), "x": 0, "y": 0 },
                { "type": "pointerDown", "button": 0 },
                { "type": "pause", "duration": 80 },
                { "type": "pointerMove", "duration": 120, "origin": "pointer", "x": 12, "y": 4 },
                { "type": "pointerMove", "duration": 250, "origin": Session::origin(&to), "x": -10, "y": 0 },
                { "type": "pointerMove", "duration": 120, "origin": Session::origin(&to), "x": 0, "y": 0 },
                { "type": "pause", "duration": 80 },
                { "type": "pointerUp", "button": 0 }
            ]
        }]);
        self.s()
            .perform_actions(&actions)
            .unwrap_or_else(|e| panic_with(format!("drag {from_css} to {to_css}: {e}")));
        let _ = self.s().release_actions();
    }

    /// Clears the field matching `css` and types `text` into it.
    #[track_caller]
    pub fn type_into(&self, css: &str, text: &str) {
        // Under load WebKit has been seen to deliver the keys to the field that still had focus: focus the target
        // first, check what it holds after typing, and type again (once more) when it does not hold `text`.
        for attempt in 0..3 {
            let el = self.el(css);
            let _ = self.exec(&format!(
                "const el = document.querySelector({}); if (el) el.focus(); return true;",
                serde_json::Value::from(css)
            ));
            self.s()
                .clear(&el)
                .unwrap_or_else(|e| panic_with(format!("clear {css}: {e}")));
            self.s()
                .send_keys(&el, text)
                .unwrap_or_else(|e| panic_with(format!("type into {css}: {e}")));
            let value = self
                .exec(&format!(
                    "const el = document.querySelector({}); return el && 'value' in el ? el.value : null;",
                    serde_json::Value::from(css)
                ))
                .unwrap_or(serde_json::Value::Null);
            match value.as_str() {
                // Not a text field (or a field that reformats what is typed): trust the keys.
                None => return,
                Some(v) if v == text || attempt == 2 => return,
                Some(_) => continue,
            }
        }
    }

    /// The rendered text of the first element matching `css`.
    #[track_caller]
    pub fn text(&self, css: &str) -> String {
        let el = self.el(css);
        self.s()
            .text(&el)
            .unwrap_or_else(|e| panic_with(format!("text of {css}: {e}")))
    }

    /// Waits until the rendered text (`innerText`) of the first element matching `css` satisfies `ok`; returns it.
    #[track_caller]
    pub fn wait_text(&self, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let script =
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;";
        wait_for(&format!("{css} to show {what}"), UI_TIMEOUT, || match self
            .s()
            .execute(script, &[Value::from(css)])
        {
            Ok(Value::String(t)) if ok(&t) => Ok(Some(t)),
            Ok(Value::String(t)) => Err(format!("text is {t:?}")),
            Ok(_) => Err("no such element".into()),
            Err(e) => Err(e.to_string()),
        })
    }

    /// The whole document as HTML (what the web view holds right now).
    #[track_caller]
    pub fn html(&self) -> String {
        self.exec("return document.documentElement.outerHTML")
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| panic_with("could not read the document".into()))
    }

    /// Memory of this run's app: proportional set size (PSS, so shared libraries are not counted twice) summed over
    /// the app process and its descendants (WebKit's web and network processes), in MiB. `None` if not found.
    pub fn memory_pss_mib(&self) -> Option<f64> {
        Some(
            self.memory_pss_by_process()?
                .iter()
                .map(|(_, mib)| mib)
                .sum(),
        )
    }

    /// [`App::memory_pss_mib`] per process: `(name, MiB)` for the app and each of its descendants.
    pub fn memory_pss_by_process(&self) -> Option<Vec<(String, f64)>> {
        let config = self.tmp.path().join("config");
        let marker = format!("SIGILO_CONFIG_DIR={}", config.display());
        let pids: Vec<u32> = fs::read_dir("/proc")
            .ok()?
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse().ok())
            .collect();
        let parent = |pid: u32| -> Option<u32> {
            let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // "pid (comm) state ppid …": the comm may hold spaces, so split after its closing parenthesis.
            stat.rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        };
        let app = pids.iter().copied().find(|pid| {
            let exe_is_app = fs::read_link(format!("/proc/{pid}/exe"))
                .is_ok_and(|exe| exe.file_name() == app_binary().file_name());
            exe_is_app
                && fs::read(format!("/proc/{pid}/environ"))
                    .is_ok_and(|env| env.split(|b| *b == 0).any(|v| v == marker.as_bytes()))
        })?;
        let mut tree = vec![app];
        let mut grew = true;
        while grew {
            grew = false;
            for pid in &pids {
                if !tree.contains(pid) && parent(*pid).is_some_and(|pp| tree.contains(&pp)) {
                    tree.push(*pid);
                    grew = true;
                }
            }
        }
        let rows = tree
            .iter()
            .filter_map(|pid| {
                let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
                let line = rollup.lines().find(|l| l.starts_with("Pss:"))?;
                let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
                let name = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
                Some((name.trim().to_owned(), kib / 1024.0))
            })
            .collect();
        Some(rows)
    }

    /// Saves a numbered screenshot `NN-<step>.png` in this journey's artifacts folder; returns its path.
    pub fn shot(&mut self, step: &str) -> PathBuf {
        self.shots += 1;
        let path = self.artifacts.join(format!("{:02}-{step}.png", self.shots));
        // Let the web view paint what the DOM now holds: two animation frames, then a short settle for the
        // compositor (a screenshot is a picture for people, never an assertion, so this pause is harmless).
        let _ = self.s().execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)));",
            &[],
        );
        if let Err(e) = self.s().screenshot(&path) {
            eprintln!("screenshot {} failed: {e}", path.display());
        }
        path
    }

    /// Sends keys to the first element matching `css` without clearing it first (WebDriver key codes such as
    /// `\u{E007}` Enter, `\u{E00C}` Escape, `\u{E009}` Control held until `\u{E000}`).
    #[track_caller]
    pub fn keys(&self, css: &str, keys: &str) {
        let el = self.el(css);
        self.s()
            .send_keys(&el, keys)
            .unwrap_or_else(|e| panic_with(format!("send keys to {css}: {e}")));
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() && self.session.is_some() {
            let _ = self.shot("failure");
            eprintln!(
                "tauri-driver log: {}\n{}",
                self.driver_log.display(),
                tail(&self.driver_log)
            );
        }
        if let Some(session) = self.session.take() {
            let _ = session.delete();
        }
        // The guards (driver, then Xvfb) are dropped after this, killing whatever is left.
    }
}
