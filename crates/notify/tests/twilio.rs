//! TwilioClient against a local server that speaks Twilio's documented REST API
//! (2010-04-01: form bodies in, JSON resources and JSON errors out), and Twilio's signed
//! status callbacks checked with `verify_twilio_signature`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Json, Router};
use base64::Engine;
use hmac::{Hmac, Mac};
use notify::{verify_twilio_signature, Call, SendError, Sms, Telephony, TwilioClient};
use serde_json::json;
use sha1::Sha1;
use tokio::sync::mpsc;

const SID: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "test-auth-token-7f3a";
const FROM: &str = "+15005550006";

#[derive(Clone, Debug)]
struct Request {
    path: String,
    authorization: String,
    form: HashMap<String, String>,
}

#[derive(Clone, Default)]
struct Fake {
    requests: Arc<Mutex<Vec<Request>>>,
}

/// Twilio's signature, computed here independently of the crate's check.
fn twilio_sign(token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted = params.to_vec();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(&k);
        data.push_str(&v);
    }
    let mut mac = Hmac::<Sha1>::new_from_slice(token.as_bytes()).unwrap();
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn error(status: StatusCode, code: u32, message: &str) -> Response {
    (
        status,
        Json(json!({
            "code": code,
            "message": message,
            "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
            "status": status.as_u16(),
        })),
    )
        .into_response()
}

async fn create(
    State(fake): State<Fake>,
    Path((account, resource)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let map: HashMap<String, String> = form.iter().cloned().collect();
    fake.requests.lock().unwrap().push(Request {
        path: format!("/2010-04-01/Accounts/{account}/{resource}"),
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
        form: map.clone(),
    });
    let to = map.get("To").cloned().unwrap_or_default();
    match to.as_str() {
        // Twilio's test number for an invalid 'To'.
        "+15005550001" => {
            return error(
                StatusCode::BAD_REQUEST,
                21211,
                &format!("The 'To' number {to} is not a valid phone number."),
            )
        }
        "+15005550429" => {
            let mut response = error(StatusCode::TOO_MANY_REQUESTS, 20429, "Too Many Requests");
            response
                .headers_mut()
                .insert("retry-after", "7".parse().unwrap());
            return response;
        }
        "+15005550500" => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                20500,
                "An internal server error has occurred",
            )
        }
        "+15005550777" => {
            tokio::time::sleep(Duration::from_secs(10)).await;
        }
        _ => {}
    }
    let (sid, status) = match resource.as_str() {
        "Messages.json" => ("SM5ef8732a3c49700934481addd5ce1659", "queued"),
        "Calls.json" => ("CAafd8b2d12ae5e02b5ee4a3b7e1b0c6b6", "queued"),
        _ => {
            return error(
                StatusCode::NOT_FOUND,
                20404,
                "The requested resource was not found",
            )
        }
    };
    if let Some(callback) = map.get("StatusCallback").cloned() {
        let params = vec![
            ("AccountSid".to_string(), account.clone()),
            (
                if sid.starts_with("SM") {
                    "MessageSid"
                } else {
                    "CallSid"
                }
                .to_string(),
                sid.to_string(),
            ),
            ("MessageStatus".to_string(), "delivered".to_string()),
            ("To".to_string(), to.clone()),
            (
                "From".to_string(),
                map.get("From").cloned().unwrap_or_default(),
            ),
        ];
        let signature = twilio_sign(TOKEN, &callback, &params);
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(&callback)
                .header("X-Twilio-Signature", signature)
                .form(&params)
                .send()
                .await
                .unwrap();
        });
    }
    (
        StatusCode::CREATED,
        Json(json!({
            "account_sid": account,
            "sid": sid,
            "status": status,
            "to": to,
            "from": map.get("From"),
            "body": map.get("Body"),
            "api_version": "2010-04-01",
            "error_code": null,
            "error_message": null,
        })),
    )
        .into_response()
}

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

async fn fake_twilio() -> (Fake, String) {
    let fake = Fake::default();
    let router = Router::new()
        .route("/2010-04-01/Accounts/{account}/{resource}", post(create))
        .with_state(fake.clone());
    (fake, serve(router).await)
}

/// Receives status callbacks and reports whether each one's signature checks out.
async fn callback_receiver() -> (
    String,
    mpsc::UnboundedReceiver<(bool, Vec<(String, String)>)>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let url = Arc::new(Mutex::new(String::new()));
    let url_for_handler = url.clone();
    let router = Router::new().route(
        "/twilio/status",
        post(
            move |headers: HeaderMap, Form(params): Form<Vec<(String, String)>>| async move {
                let signature = headers
                    .get("x-twilio-signature")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                // Behind a proxy the app must use its public URL; here that is the same one.
                let full_url = url_for_handler.lock().unwrap().clone();
                let ok = verify_twilio_signature(TOKEN, &full_url, &params, &signature);
                tx.send((ok, params)).unwrap();
                if ok {
                    StatusCode::NO_CONTENT
                } else {
                    StatusCode::FORBIDDEN
                }
            },
        ),
    );
    let base = serve(router).await;
    let full = format!("{base}/twilio/status?hospital=3&kind=alert");
    *url.lock().unwrap() = full.clone();
    (full, rx)
}

fn client(base: &str) -> TwilioClient {
    TwilioClient::new(base, SID, TOKEN, FROM)
}

#[tokio::test]
async fn sms_is_sent_and_its_signed_status_callback_verifies() {
    let (fake, base) = fake_twilio().await;
    let (callback, mut callbacks) = callback_receiver().await;
    let sent = client(&base)
        .sms(&Sms {
            to: "+14155550123".to_string(),
            body: "El garaje está cerrado mañana & el jueves".to_string(),
            status_callback: Some(callback.clone()),
        })
        .await
        .unwrap();
    assert_eq!(sent.provider_id, "SM5ef8732a3c49700934481addd5ce1659");

    let requests = fake.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(
        request.path,
        format!("/2010-04-01/Accounts/{SID}/Messages.json")
    );
    let expected_auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{SID}:{TOKEN}"))
    );
    assert_eq!(request.authorization, expected_auth);
    assert_eq!(request.form["To"], "+14155550123");
    assert_eq!(request.form["From"], FROM);
    assert_eq!(
        request.form["Body"],
        "El garaje está cerrado mañana & el jueves"
    );
    assert_eq!(request.form["StatusCallback"], callback);

    let (ok, params) = tokio::time::timeout(Duration::from_secs(10), callbacks.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(ok, "status callback signature did not verify: {params:?}");
    assert!(params.contains(&(
        "MessageSid".to_string(),
        "SM5ef8732a3c49700934481addd5ce1659".to_string()
    )));
    // The same callback with one value changed must not verify.
    let mut forged = params.clone();
    for (k, v) in forged.iter_mut() {
        if k == "MessageStatus" {
            *v = "failed".to_string();
        }
    }
    let signature = twilio_sign(TOKEN, &callback, &params);
    assert!(verify_twilio_signature(
        TOKEN, &callback, &params, &signature
    ));
    assert!(!verify_twilio_signature(
        TOKEN, &callback, &forged, &signature
    ));
}

#[tokio::test]
async fn call_sends_escaped_twiml() {
    let (fake, base) = fake_twilio().await;
    let sent = client(&base)
        .call(&Call {
            to: "+14155550123".to_string(),
            say: "Clinic <B> moved to 5th & Main, \"Suite 2\"".to_string(),
            language: Some("es-US".to_string()),
            status_callback: None,
        })
        .await
        .unwrap();
    assert_eq!(sent.provider_id, "CAafd8b2d12ae5e02b5ee4a3b7e1b0c6b6");
    let requests = fake.requests.lock().unwrap().clone();
    let request = &requests[0];
    assert_eq!(
        request.path,
        format!("/2010-04-01/Accounts/{SID}/Calls.json")
    );
    assert_eq!(request.form["To"], "+14155550123");
    assert_eq!(request.form["From"], FROM);
    assert_eq!(
        request.form["Twiml"],
        "<Response><Say language=\"es-US\">Clinic &lt;B&gt; moved to 5th &amp; Main, \
         &quot;Suite 2&quot;</Say></Response>"
    );
    assert!(!request.form.contains_key("StatusCallback"));
}

#[tokio::test]
async fn invalid_number_is_permanent() {
    let (_, base) = fake_twilio().await;
    let err = client(&base)
        .sms(&Sms {
            to: "+15005550001".to_string(),
            body: "hi".to_string(),
            status_callback: None,
        })
        .await
        .err()
        .unwrap();
    match &err {
        SendError::Permanent(message) => {
            assert!(message.contains("21211"), "{message}");
            assert!(!message.contains(TOKEN), "{message}");
        }
        other => panic!("expected Permanent, got {other:?}"),
    }
}

#[tokio::test]
async fn non_e164_number_is_permanent_without_a_request() {
    let (fake, base) = fake_twilio().await;
    let err = client(&base)
        .call(&Call {
            to: "415-555-0123".to_string(),
            say: "hi".to_string(),
            language: None,
            status_callback: None,
        })
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Permanent(_)), "{err:?}");
    assert!(fake.requests.lock().unwrap().is_empty());
}

#[tokio::test]
async fn too_many_requests_is_rate_limited_with_retry_after() {
    let (_, base) = fake_twilio().await;
    let err = client(&base)
        .sms(&Sms {
            to: "+15005550429".to_string(),
            body: "hi".to_string(),
            status_callback: None,
        })
        .await
        .err()
        .unwrap();
    assert_eq!(
        err,
        SendError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
}

#[tokio::test]
async fn server_error_is_transient() {
    let (_, base) = fake_twilio().await;
    let err = client(&base)
        .call(&Call {
            to: "+15005550500".to_string(),
            say: "hi".to_string(),
            language: None,
            status_callback: None,
        })
        .await
        .err()
        .unwrap();
    match &err {
        SendError::Transient(message) => assert!(message.contains("20500"), "{message}"),
        other => panic!("expected Transient, got {other:?}"),
    }
}

#[tokio::test]
async fn hanging_server_is_unknown() {
    let (fake, base) = fake_twilio().await;
    let err = client(&base)
        .with_timeout(Duration::from_millis(500))
        .sms(&Sms {
            to: "+15005550777".to_string(),
            body: "hi".to_string(),
            status_callback: None,
        })
        .await
        .err()
        .unwrap();
    assert!(matches!(err, SendError::Unknown(_)), "{err:?}");
    // The request did reach the server: resending could deliver it twice.
    assert_eq!(fake.requests.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn unreachable_server_is_transient() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = client(&format!("http://127.0.0.1:{port}"))
        .sms(&Sms {
            to: "+14155550123".to_string(),
            body: "hi".to_string(),
            status_callback: None,
        })
        .await
        .err()
        .unwrap();
    match &err {
        SendError::Transient(message) => assert!(!message.contains(TOKEN), "{message}"),
        other => panic!("expected Transient, got {other:?}"),
    }
}

#[test]
fn signature_matches_twilios_documented_example() {
    let params: Vec<(String, String)> = [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+12349013030"),
        ("Digits", "1234"),
        ("From", "+12349013030"),
        ("To", "+18005551212"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    assert!(verify_twilio_signature(
        "12345",
        url,
        &params,
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    // Order of the received parameters does not matter.
    let mut reversed = params.clone();
    reversed.reverse();
    assert!(verify_twilio_signature(
        "12345",
        url,
        &reversed,
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    assert!(!verify_twilio_signature(
        "12346",
        url,
        &params,
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    assert!(!verify_twilio_signature(
        "12345",
        "https://mycompany.com/myapp.php?foo=1&bar=3",
        &params,
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    assert!(!verify_twilio_signature(
        "12345",
        url,
        &params,
        "not base64!"
    ));
    assert!(!verify_twilio_signature("12345", url, &params, ""));
}
