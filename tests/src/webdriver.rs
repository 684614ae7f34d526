//! A minimal W3C WebDriver client on blocking HTTP: exactly the calls the journeys need, nothing more.

use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};

/// The key under which W3C WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A failed WebDriver call: the transport failed, or the driver answered with a W3C error.
#[derive(Debug)]
pub enum WebDriverError {
    Http(String),
    /// W3C error: `error` code (e.g. "no such element"), message.
    Driver {
        error: String,
        message: String,
    },
    Protocol(String),
}

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebDriverError::Http(e) => write!(f, "WebDriver HTTP error: {e}"),
            WebDriverError::Driver { error, message } => {
                write!(f, "WebDriver error {error}: {message}")
            }
            WebDriverError::Protocol(e) => write!(f, "unexpected WebDriver answer: {e}"),
        }
    }
}

impl std::error::Error for WebDriverError {}

impl WebDriverError {
    pub fn is_no_such_element(&self) -> bool {
        matches!(self, WebDriverError::Driver { error, .. } if error == "no such element")
    }
}

type Res<T> = Result<T, WebDriverError>;

/// An element reference inside a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(pub String);

/// One WebDriver session (one app window).
#[derive(Debug)]
pub struct Session {
    agent: ureq::Agent,
    base: String,
    id: String,
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .build()
        .into()
}

fn read(response: ureq::http::Response<ureq::Body>) -> Res<Value> {
    let mut response = response;
    let status = response.status();
    let body: Value = response
        .body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_json()
        .map_err(|e| WebDriverError::Protocol(format!("HTTP {status}, body is not JSON: {e}")))?;
    let value = body.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() {
        return Ok(value);
    }
    let error = value
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or("unknown error")
        .to_owned();
    let message = value
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    Err(WebDriverError::Driver { error, message })
}

fn element_of(value: &Value) -> Res<Element> {
    value
        .get(ELEMENT_KEY)
        .and_then(Value::as_str)
        .map(|id| Element(id.to_owned()))
        .ok_or_else(|| WebDriverError::Protocol(format!("not an element reference: {value}")))
}

impl Session {
    /// Opens a session on the app binary at `application` through the driver at `base` (e.g. `http://127.0.0.1:4444`).
    pub fn new(base: &str, application: &Path) -> Res<Session> {
        // Starting the app and its web view can take a while on a busy 2-core machine.
        let agent = agent(Duration::from_secs(120));
        let caps = json!({
            "capabilities": {
                "alwaysMatch": { "tauri:options": { "application": application.to_string_lossy() } }
            }
        });
        let response = agent
            .post(&format!("{base}/session"))
            .send_json(&caps)
            .map_err(|e| WebDriverError::Http(e.to_string()))?;
        let value = read(response)?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| WebDriverError::Protocol(format!("no sessionId in {value}")))?
            .to_owned();
        Ok(Session {
            agent,
            base: base.to_owned(),
            id,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.id, path)
    }

    fn post(&self, path: &str, body: &Value) -> Res<Value> {
        let response = self
            .agent
            .post(&self.url(path))
            .send_json(body)
            .map_err(|e| WebDriverError::Http(e.to_string()))?;
        read(response)
    }

    fn get(&self, path: &str) -> Res<Value> {
        let response = self
            .agent
            .get(&self.url(path))
            .call()
            .map_err(|e| WebDriverError::Http(e.to_string()))?;
        read(response)
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> Res<Element> {
        element_of(&self.post(
            "/element",
            &json!({ "using": "css selector", "value": css }),
        )?)
    }

    /// Every element matching a CSS selector (possibly none).
    pub fn find_all(&self, css: &str) -> Res<Vec<Element>> {
        let value = self.post(
            "/elements",
            &json!({ "using": "css selector", "value": css }),
        )?;
        value
            .as_array()
            .ok_or_else(|| WebDriverError::Protocol(format!("not a list: {value}")))?
            .iter()
            .map(element_of)
            .collect()
    }

    pub fn click(&self, el: &Element) -> Res<()> {
        self.post(&format!("/element/{}/click", el.0), &json!({}))
            .map(drop)
    }

    pub fn send_keys(&self, el: &Element, text: &str) -> Res<()> {
        self.post(
            &format!("/element/{}/value", el.0),
            &json!({ "text": text }),
        )
        .map(drop)
    }

    pub fn clear(&self, el: &Element) -> Res<()> {
        self.post(&format!("/element/{}/clear", el.0), &json!({}))
            .map(drop)
    }

    /// The element's rendered text.
    pub fn text(&self, el: &Element) -> Res<String> {
        let value = self.get(&format!("/element/{}/text", el.0))?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Runs `script` (a function body; `arguments[i]` are `args`) in the page and returns its result.
    pub fn execute(&self, script: &str, args: &[Value]) -> Res<Value> {
        self.post("/execute/sync", &json!({ "script": script, "args": args }))
    }

    /// Runs an asynchronous script: the last argument it receives is a callback to call with the result.
    pub fn execute_async(&self, script: &str, args: &[Value]) -> Res<Value> {
        self.post("/execute/async", &json!({ "script": script, "args": args }))
    }

    /// Performs a W3C input-action sequence (`POST /actions`): `actions` is the list of input sources, e.g.
    /// `[{"type": "pointer", "id": "mouse", "actions": [...]}]`.
    pub fn perform_actions(&self, actions: &Value) -> Res<()> {
        self.post("/actions", &json!({ "actions": actions }))
            .map(drop)
    }

    /// Releases every key and button still held by earlier actions (`DELETE /actions`).
    pub fn release_actions(&self) -> Res<()> {
        let response = self
            .agent
            .delete(&self.url("/actions"))
            .call()
            .map_err(|e| WebDriverError::Http(e.to_string()))?;
        read(response).map(drop)
    }

    /// The JSON a W3C action uses as its `origin` to mean this element's centre.
    pub fn origin(el: &Element) -> Value {
        json!({ ELEMENT_KEY: el.0 })
    }

    /// Saves a PNG of the window at `path` (creating its folder).
    pub fn screenshot(&self, path: &Path) -> Res<()> {
        let value = self.get("/screenshot")?;
        let b64 = value
            .as_str()
            .ok_or_else(|| WebDriverError::Protocol("screenshot is not a string".into()))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| WebDriverError::Protocol(format!("screenshot is not base64: {e}")))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| WebDriverError::Protocol(e.to_string()))?;
        }
        std::fs::write(path, png).map_err(|e| WebDriverError::Protocol(e.to_string()))
    }

    /// Ends the session (the driver closes the app).
    pub fn delete(&self) -> Res<()> {
        let short = agent(Duration::from_secs(20));
        let response = short
            .delete(&self.url(""))
            .call()
            .map_err(|e| WebDriverError::Http(e.to_string()))?;
        read(response).map(drop)
    }
}
