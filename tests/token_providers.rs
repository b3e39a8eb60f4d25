//! The token providers against a stand-in for the Microsoft identity platform on 127.0.0.1:
//! what they send, what they cache, how they poll, and what they never show. Every test
//! checks what the stand-in (graphpatch-simulator's `IdentityPlatform`) received and is bounded
//! by a timeout.

mod retry_log;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use graphpatch::auth::{
    claims_challenge, token_fn, AccessToken, Authority, ClientCredentials,
    ClientCredentialsBuilder, DeviceCode, DeviceCodeBuilder, DeviceCodePrompt, EnvToken,
    TokenError, TokenProvider,
};
use graphpatch::prelude::*;
use graphpatch::Cloud;
use graphpatch_simulator::{FormRequest, IdentityAnswer as Answer, IdentityPlatform};
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};
use serde_json::{json, Value};

const TENANT: &str = "contoso.onmicrosoft.com";
const CLIENT_ID: &str = "00000000-0000-0000-0000-0000000000c1";
const SECRET: &str = "client-secret-never-shown";
const DEVICE_CODE: &str = "device-code-never-shown";
const REFRESH_TOKEN: &str = "refresh-token-never-shown";
const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
const CLAIMS: &str = r#"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#;

/// Fails the test instead of hanging it.
async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), future)
        .await
        .expect("the test finished in time")
}

fn ok(body: Value) -> Answer {
    Answer::ok(body)
}

/// An OAuth 2.0 error answer, as the identity platform words them.
fn refuse(status: u16, code: &str, description: &str) -> Answer {
    Answer::oauth_error(status, code, description)
}

/// The identity platform's device authorization answer, polling as fast as the test allows.
fn device_authorization(interval: Value, expires_in: u64) -> Answer {
    ok(json!({
        "device_code": DEVICE_CODE,
        "user_code": "ABCD-EFGH",
        "verification_uri": "https://microsoft.com/devicelogin",
        "expires_in": expires_in,
        "interval": interval,
        "message": "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.",
    }))
}

/// The identity-platform stand-in, answering by endpoint (`token`, `devicecode`), the
/// request's number at its path (from 0) and the request itself.
struct Identity {
    platform: IdentityPlatform,
}

impl Identity {
    async fn start(
        script: impl Fn(&str, usize, &FormRequest) -> Answer + Send + Sync + 'static,
    ) -> Identity {
        let platform =
            IdentityPlatform::start(move |request| script(&request.endpoint, request.n, request))
                .await
                .unwrap();
        Identity { platform }
    }

    fn authority(&self) -> Authority {
        Authority::custom(&self.platform.authority()).unwrap()
    }

    fn requests(&self) -> Vec<FormRequest> {
        self.platform.requests()
    }

    /// The requests to `{tenant}/oauth2/v2.0/{leaf}`.
    fn to(&self, leaf: &str) -> Vec<FormRequest> {
        let path = format!("/{TENANT}/oauth2/v2.0/{leaf}");
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }
}

fn credentials(identity: &Identity) -> ClientCredentialsBuilder {
    ClientCredentials::builder(TENANT, CLIENT_ID, SECRET).authority(identity.authority())
}

/// A device code sign-in that records its prompts and polls as fast as the server says.
fn device_code(identity: &Identity) -> (DeviceCodeBuilder, Arc<Mutex<Vec<DeviceCodePrompt>>>) {
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let seen = prompts.clone();
    let builder = DeviceCode::builder(TENANT, CLIENT_ID)
        .authority(identity.authority())
        .min_poll_interval(Duration::ZERO)
        .prompt(move |prompt| seen.lock().unwrap().push(prompt.clone()));
    (builder, prompts)
}

/// Neither `text` nor anything like it shows a secret of these tests.
#[track_caller]
fn assert_no_secret(text: &str) {
    for secret in [SECRET, DEVICE_CODE, REFRESH_TOKEN, "access-token-"] {
        assert!(!text.contains(secret), "{secret} shown in {text}");
    }
}

#[tokio::test]
async fn client_credentials_post_the_documented_form_and_reuse_the_token() {
    bounded(async {
        let identity =
            Identity::start(|_, n, _| Answer::bearer(&format!("access-token-{n}"), 3599)).await;
        let provider = credentials(&identity).build().unwrap();
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-0");
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-0");
        // A clone shares the cache.
        assert_eq!(
            provider.clone().token().await.unwrap().secret(),
            "access-token-0"
        );

        let requests = identity.requests();
        assert_eq!(requests.len(), 1, "{requests:?}");
        let request = &requests[0];
        assert_eq!(request.path, format!("/{TENANT}/oauth2/v2.0/token"));
        assert_eq!(request.content_type, "application/x-www-form-urlencoded");
        let expected: BTreeMap<String, String> = [
            ("client_id", CLIENT_ID),
            ("client_secret", SECRET),
            ("scope", "https://graph.microsoft.com/.default"),
            ("grant_type", "client_credentials"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        assert_eq!(request.form, expected);
    })
    .await
}

#[tokio::test]
async fn client_credentials_refresh_after_expiry() {
    bounded(async {
        let identity =
            Identity::start(|_, n, _| Answer::bearer(&format!("access-token-{n}"), 1)).await;
        let provider = credentials(&identity)
            .expiry_margin(Duration::ZERO)
            .build()
            .unwrap();
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-0");
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-0");
        assert_eq!(identity.requests().len(), 1);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-1");
        assert_eq!(identity.requests().len(), 2);
    })
    .await
}

#[tokio::test]
async fn the_default_margin_is_capped_at_half_a_short_lifetime() {
    bounded(async {
        // Two seconds of life and a five-minute margin: reused for one second, not never.
        let identity =
            Identity::start(|_, n, _| Answer::bearer(&format!("access-token-{n}"), 2)).await;
        let provider = credentials(&identity).build().unwrap();
        provider.token().await.unwrap();
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-0");
        assert_eq!(identity.requests().len(), 1);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-1");
        assert_eq!(identity.requests().len(), 2);
    })
    .await
}

#[tokio::test]
async fn ten_concurrent_callers_make_one_request() {
    bounded(async {
        let identity = Identity::start(|_, n, _| Answer {
            delay: Duration::from_millis(300),
            ..Answer::bearer(&format!("access-token-{n}"), 3599)
        })
        .await;
        let provider = credentials(&identity).build().unwrap();
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let provider = provider.clone();
            calls.spawn(async move { provider.token().await });
        }
        let tokens = calls.join_all().await;
        assert_eq!(tokens.len(), 10);
        for token in tokens {
            assert_eq!(token.unwrap().secret(), "access-token-0");
        }
        assert_eq!(identity.requests().len(), 1);
    })
    .await
}

#[tokio::test]
async fn a_failed_refresh_goes_to_the_callers_waiting_and_is_not_cached() {
    bounded(async {
        let identity = Identity::start(|_, _, _| Answer {
            status: 503,
            body: "<html>upstream unavailable</html>".into(),
            delay: Duration::from_millis(200),
        })
        .await;
        let provider = credentials(&identity).build().unwrap();
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let provider = provider.clone();
            calls.spawn(async move { provider.token().await });
        }
        for result in calls.join_all().await {
            let err = result.unwrap_err();
            assert!(err.to_string().contains("HTTP 503"), "{err}");
            assert!(err.to_string().contains("upstream unavailable"), "{err}");
        }
        // The first flight, and at most one more for those who came while it was in the air.
        let during = identity.requests().len();
        assert!((1..=2).contains(&during), "{during} requests");
        // Not cached: the next caller asks again.
        provider.token().await.unwrap_err();
        assert_eq!(identity.requests().len(), during + 1);
    })
    .await
}

#[tokio::test]
async fn invalid_client_names_the_code_never_the_secret() {
    bounded(async {
        // A server that echoes the secret back: the error still does not show it.
        let identity = Identity::start(|_, _, received| {
            refuse(
                401,
                "invalid_client",
                &format!(
                    "AADSTS7000215: Invalid client secret provided: {}",
                    received.field("client_secret").unwrap()
                ),
            )
        })
        .await;
        let provider = credentials(&identity).build().unwrap();
        let err = provider.token().await.unwrap_err();
        assert_eq!(err.code(), Some("invalid_client"));
        let description = err.description().unwrap();
        assert!(
            description.starts_with("AADSTS7000215: Invalid client secret provided: <redacted>"),
            "{description}"
        );
        let message = err.to_string();
        assert!(message.contains("HTTP 401"), "{message}");
        assert!(message.contains("invalid_client"), "{message}");
        assert_no_secret(&message);
        assert_no_secret(&format!("{err:?}"));
        // As the client reports it.
        assert_no_secret(&graphpatch::Error::from(err).to_string());
        // The secret did go to the token endpoint, which is where it belongs.
        assert_eq!(identity.requests()[0].field("client_secret"), Some(SECRET));
        // A refusal is not cached.
        provider.token().await.unwrap_err();
        assert_eq!(identity.requests().len(), 2);
    })
    .await
}

#[tokio::test]
async fn a_claims_challenge_asks_again_with_the_claims_and_keeps_the_new_token() {
    bounded(async {
        let identity =
            Identity::start(|_, n, _| Answer::bearer(&format!("access-token-{n}"), 3599)).await;
        let provider = credentials(&identity).build().unwrap();
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-0");

        // What Graph answers a revoked token with.
        let header = format!(
            r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="{}""#,
            // Standard base64 with padding, as Graph sends claims.
            base64::engine::general_purpose::STANDARD.encode(CLAIMS)
        );
        let claims = claims_challenge(&header).unwrap();
        assert_eq!(claims, CLAIMS);
        let fresh = provider.token_with_claims(&claims).await.unwrap();
        assert_eq!(fresh.secret(), "access-token-1");
        // The cache holds the new token now.
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-1");

        let requests = identity.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].field("claims"), None);
        assert_eq!(requests[1].field("claims"), Some(CLAIMS));
        assert_eq!(requests[1].field("grant_type"), Some("client_credentials"));
        assert_eq!(requests[1].field("client_secret"), Some(SECRET));
    })
    .await
}

#[tokio::test]
async fn scope_and_cloud_decide_what_is_asked_for() {
    bounded(async {
        let identity =
            Identity::start(|_, n, _| Answer::bearer(&format!("access-token-{n}"), 3599)).await;
        // A national cloud's Graph in the default scope; the authority set after it wins.
        let national = ClientCredentials::builder(TENANT, CLIENT_ID, SECRET)
            .cloud(Cloud::UsGov)
            .authority(identity.authority())
            .build()
            .unwrap();
        assert_eq!(national.scope(), "https://graph.microsoft.us/.default");
        national.token().await.unwrap();
        let custom = credentials(&identity)
            .scope("api://graphpatch-test/.default")
            .build()
            .unwrap();
        custom.token().await.unwrap();
        let scopes: Vec<_> = identity
            .requests()
            .iter()
            .map(|r| r.field("scope").unwrap().to_owned())
            .collect();
        assert_eq!(
            scopes,
            [
                "https://graph.microsoft.us/.default",
                "api://graphpatch-test/.default"
            ]
        );
    })
    .await
}

#[tokio::test]
async fn bad_configurations_are_refused_before_anything_is_sent() {
    bounded(async {
        let identity = Identity::start(|_, _, _| Answer::bearer("access-token-0", 3599)).await;
        for builder in [
            ClientCredentials::builder(TENANT, "", SECRET),
            ClientCredentials::builder(TENANT, CLIENT_ID, ""),
            ClientCredentials::builder("contoso/../evil", CLIENT_ID, SECRET),
            ClientCredentials::builder(TENANT, CLIENT_ID, SECRET).scope(" "),
        ] {
            let err = builder.authority(identity.authority()).build().unwrap_err();
            assert!(matches!(err, graphpatch::Error::Config(_)), "{err}");
            assert_no_secret(&err.to_string());
        }
        assert!(matches!(
            Authority::custom("http://login.example.com"),
            Err(graphpatch::Error::Config(_))
        ));
        assert!(identity.requests().is_empty());
    })
    .await
}

#[tokio::test]
async fn unexpected_answers_are_bounded_errors() {
    bounded(async {
        let identity = Identity::start(|_, n, _| match n {
            0 => Answer {
                status: 502,
                body: format!("<html>{}</html>", "bad gateway ".repeat(200)),
                delay: Duration::ZERO,
            },
            1 => ok(json!({"token_type": "Bearer", "expires_in": 3599})),
            2 => Answer {
                status: 200,
                body: "x".repeat(300 * 1024),
                delay: Duration::ZERO,
            },
            _ => ok(json!({"token_type": "pop", "access_token": "access-token-pop"})),
        })
        .await;
        let provider = credentials(&identity).build().unwrap();
        let html = provider.token().await.unwrap_err().to_string();
        assert!(
            html.contains("HTTP 502") && html.contains("bad gateway"),
            "{html}"
        );
        assert!(html.len() < 1000, "unbounded: {} bytes", html.len());
        let no_token = provider.token().await.unwrap_err().to_string();
        assert!(no_token.contains("not the expected JSON"), "{no_token}");
        let huge = provider.token().await.unwrap_err().to_string();
        assert!(huge.contains("262144-byte limit"), "{huge}");
        let pop = provider.token().await.unwrap_err().to_string();
        assert!(pop.contains("not a Bearer token"), "{pop}");
        assert_no_secret(&pop);
        assert_eq!(identity.requests().len(), 4);
    })
    .await
}

#[tokio::test]
async fn a_graph_client_sends_the_cached_token() {
    bounded(async {
        let identity =
            Identity::start(|_, _, _| Answer::bearer("token-for-the-simulator", 3599)).await;
        let sim = graphpatch_simulator::Simulator::builder()
            .entity::<DeviceManagementScriptState>()
            .token("token-for-the-simulator")
            .start()
            .await
            .unwrap();
        let path = DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
            device_management_script_id: "script".into(),
            device_management_script_state_id: "state".into(),
        };
        sim.insert(
            path,
            &DeviceManagementScriptState {
                id: "state".into(),
                run_state: Some(RunState::Pending),
                result_message: None,
                last_state_update_date_time: None,
            },
        );
        let client = GraphClient::builder()
            .base_url(sim.base_url())
            .token_provider(credentials(&identity).build().unwrap())
            .build()
            .unwrap();
        for message in ["first", "second"] {
            client
                .send(graph_patch!(DeviceManagementScriptState {
                    device_management_script_id: "script",
                    device_management_script_state_id: "state",
                } set {
                    result_message: message,
                }))
                .await
                .unwrap();
        }
        assert_eq!(sim.requests().len(), 2);
        assert_eq!(identity.requests().len(), 1);
    })
    .await
}

/// One answer of a scripted sequence, given its number in the sequence.
type Step = fn(usize) -> Answer;

/// A script for device code sign-ins: the device authorization, then `polls` for the token
/// endpoint, one per poll (the last repeats), and `refreshes` for refresh token grants.
fn device_script(
    interval: Value,
    polls: Vec<Step>,
    refreshes: Vec<Step>,
) -> impl Fn(&str, usize, &FormRequest) -> Answer + Send + Sync + 'static {
    let (polled, refreshed) = (AtomicUsize::new(0), AtomicUsize::new(0));
    move |leaf, _, received| {
        if leaf == "devicecode" {
            return device_authorization(interval.clone(), 900);
        }
        let (answers, count) = match received.field("grant_type") {
            Some("refresh_token") => (&refreshes, &refreshed),
            _ => (&polls, &polled),
        };
        let n = count.fetch_add(1, Ordering::SeqCst);
        answers[n.min(answers.len() - 1)](n)
    }
}

fn pending(_: usize) -> Answer {
    refuse(
        400,
        "authorization_pending",
        "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
    )
}

fn signed_in(n: usize) -> Answer {
    ok(json!({
        "token_type": "Bearer",
        "scope": "https://graph.microsoft.com/.default",
        "expires_in": 1,
        "access_token": format!("access-token-signed-in-{n}"),
        "refresh_token": REFRESH_TOKEN,
    }))
}

#[tokio::test]
async fn device_code_polls_while_pending_and_shows_the_message() {
    bounded(async {
        let identity =
            Identity::start(device_script(json!(0), vec![pending, pending, signed_in], vec![]))
                .await;
        let (builder, prompts) = device_code(&identity);
        let provider = builder.build().unwrap();
        let token = provider.token().await.unwrap();
        assert_eq!(token.secret(), "access-token-signed-in-2");

        let prompts = prompts.lock().unwrap().clone();
        assert_eq!(prompts.len(), 1);
        assert_eq!(prompts[0].message, "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.");
        assert_eq!(prompts[0].user_code, "ABCD-EFGH");
        assert_eq!(
            prompts[0].verification_uri,
            "https://microsoft.com/devicelogin"
        );
        assert_eq!(prompts[0].expires_in, Duration::from_secs(900));

        let authorization = identity.to("devicecode");
        assert_eq!(authorization.len(), 1);
        let expected: BTreeMap<String, String> = [
            ("client_id", CLIENT_ID),
            (
                "scope",
                "https://graph.microsoft.com/.default offline_access",
            ),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        assert_eq!(authorization[0].form, expected);
        let polls = identity.to("token");
        assert_eq!(polls.len(), 3);
        for poll in &polls {
            let expected: BTreeMap<String, String> = [
                ("grant_type", DEVICE_CODE_GRANT),
                ("client_id", CLIENT_ID),
                ("device_code", DEVICE_CODE),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into();
            assert_eq!(poll.form, expected);
        }
        assert_no_secret(&format!("{provider:?} {token:?} {prompts:?}"));
    })
    .await
}

#[tokio::test]
async fn slow_down_adds_five_seconds_to_the_interval() {
    bounded(async {
        fn slow_down(_: usize) -> Answer {
            refuse(400, "slow_down", "Polling too fast.")
        }
        let identity = Identity::start(device_script(
            json!(0),
            vec![pending, slow_down, signed_in],
            vec![],
        ))
        .await;
        let (waits, _capture) = retry_log::capture();
        let (builder, _) = device_code(&identity);
        builder.build().unwrap().token().await.unwrap();
        let polls: Vec<Instant> = identity.to("token").iter().map(|r| r.received_at).collect();
        assert_eq!(polls.len(), 3);
        // After slow_down the interval the client chose is 0 + 5 s, exactly: so it was 0 before,
        // and the first two polls came at once.
        let slowed: Vec<Duration> = waits
            .waits()
            .into_iter()
            .filter(|w| w.message.contains("slow down"))
            .map(|w| w.delay)
            .collect();
        assert_eq!(slowed, [Duration::from_secs(5)]);
        // And it was waited out: the third poll came at least 5 s after the second.
        let gap = polls[2] - polls[1];
        assert!(gap >= Duration::from_secs(5), "{gap:?}");
    })
    .await
}

#[tokio::test]
async fn device_code_failures_carry_the_code_and_stop_polling() {
    bounded(async {
        fn expired(_: usize) -> Answer {
            refuse(400, "expired_token", "AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.")
        }
        fn declined(_: usize) -> Answer {
            refuse(400, "authorization_declined", "AADSTS70000: The user declined.")
        }
        fn bad_code(_: usize) -> Answer {
            refuse(400, "bad_verification_code", "AADSTS70019: The device code was not recognized.")
        }
        fn other(_: usize) -> Answer {
            refuse(400, "invalid_grant", "AADSTS50126: Something else.")
        }
        let cases: [(Step, &str, &str); 4] = [
            (expired, "expired_token", "the code expired before the user signed in"),
            (declined, "authorization_declined", "the user declined to sign in"),
            (bad_code, "bad_verification_code", "does not know the code"),
            (other, "invalid_grant", "device code sign-in failed: token request to"),
        ];
        for (answer, code, says) in cases {
            let identity =
                Identity::start(device_script(json!(0), vec![pending, answer], vec![])).await;
            let (builder, prompts) = device_code(&identity);
            let provider = builder.build().unwrap();
            let err = provider.token().await.unwrap_err();
            assert_eq!(err.code(), Some(code));
            assert!(err.description().is_some_and(|d| d.starts_with("AADSTS")), "{err}");
            let message = err.to_string();
            assert!(message.contains(says), "{message}");
            assert!(message.contains(code), "{message}");
            assert_no_secret(&format!("{message} {err:?}"));
            // Polling stopped at the error.
            assert_eq!(identity.to("token").len(), 2, "{code}");
            assert_eq!(prompts.lock().unwrap().len(), 1);
            // Not cached: the next request starts a new sign-in.
            provider.token().await.unwrap_err();
            assert_eq!(identity.to("devicecode").len(), 2, "{code}");
        }
    })
    .await
}

#[tokio::test]
async fn a_code_the_user_never_enters_expires_locally() {
    bounded(async {
        let identity = Identity::start(|leaf, _, _| {
            if leaf == "devicecode" {
                device_authorization(json!(0.2), 1)
            } else {
                pending(0)
            }
        })
        .await;
        let (builder, prompts) = device_code(&identity);
        let err = builder.build().unwrap().token().await.unwrap_err();
        assert!(
            err.to_string().contains("did not sign in within 1 s"),
            "{err}"
        );
        assert_eq!(
            prompts.lock().unwrap()[0].expires_in,
            Duration::from_secs(1)
        );
        // However busy the machine, the polls keep the code's interval (lower bounds, from the
        // stand-in's arrival times), so within the code's 1 s lifetime there is room for at
        // most 5; and once the provider has given up, it polls no more.
        let polls: Vec<Instant> = identity.to("token").iter().map(|r| r.received_at).collect();
        assert!(
            polls
                .windows(2)
                .all(|pair| pair[1] - pair[0] >= Duration::from_millis(200)),
            "{polls:?}"
        );
        assert!(polls.len() <= 5, "{} polls in 1 s at 0.2 s", polls.len());
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(
            identity.to("token").len(),
            polls.len(),
            "polled after giving up"
        );
    })
    .await
}

#[tokio::test]
async fn an_expired_token_is_renewed_with_the_refresh_token() {
    bounded(async {
        fn rotated(n: usize) -> Answer {
            ok(json!({
                "token_type": "Bearer",
                "expires_in": 1,
                "access_token": format!("access-token-refreshed-{n}"),
                "refresh_token": format!("{REFRESH_TOKEN}-{n}"),
            }))
        }
        let identity =
            Identity::start(device_script(json!(0), vec![signed_in], vec![rotated])).await;
        let (builder, prompts) = device_code(&identity);
        let provider = builder.expiry_margin(Duration::ZERO).build().unwrap();
        assert_eq!(
            provider.token().await.unwrap().secret(),
            "access-token-signed-in-0"
        );
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(
            provider.token().await.unwrap().secret(),
            "access-token-refreshed-0"
        );
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(
            provider.token().await.unwrap().secret(),
            "access-token-refreshed-1"
        );
        // A claims challenge goes through the refresh token too, bypassing the cache.
        assert_eq!(
            provider.token_with_claims(CLAIMS).await.unwrap().secret(),
            "access-token-refreshed-2"
        );

        assert_eq!(identity.to("devicecode").len(), 1);
        assert_eq!(prompts.lock().unwrap().len(), 1);
        let refreshes: Vec<_> = identity
            .to("token")
            .into_iter()
            .filter(|r| r.field("grant_type") == Some("refresh_token"))
            .collect();
        assert_eq!(refreshes.len(), 3);
        // The first refresh token, then each rotated one.
        let sent: Vec<_> = refreshes
            .iter()
            .map(|r| r.field("refresh_token").unwrap().to_owned())
            .collect();
        assert_eq!(
            sent,
            [
                REFRESH_TOKEN.to_owned(),
                format!("{REFRESH_TOKEN}-0"),
                format!("{REFRESH_TOKEN}-1")
            ]
        );
        for refresh in &refreshes {
            assert_eq!(refresh.field("client_id"), Some(CLIENT_ID));
            assert_eq!(
                refresh.field("scope"),
                Some("https://graph.microsoft.com/.default offline_access")
            );
        }
        assert_eq!(refreshes[1].field("claims"), None);
        assert_eq!(refreshes[2].field("claims"), Some(CLAIMS));
        assert_no_secret(&format!("{provider:?}"));
    })
    .await
}

#[tokio::test]
async fn a_refused_refresh_token_means_signing_in_again() {
    bounded(async {
        fn refused(_: usize) -> Answer {
            refuse(
                400,
                "invalid_grant",
                "AADSTS700082: The refresh token has expired due to inactivity.",
            )
        }
        let identity =
            Identity::start(device_script(json!(0), vec![signed_in], vec![refused])).await;
        let (builder, prompts) = device_code(&identity);
        let provider = builder.expiry_margin(Duration::ZERO).build().unwrap();
        provider.token().await.unwrap();
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(
            provider.token().await.unwrap().secret(),
            "access-token-signed-in-1"
        );
        assert_eq!(identity.to("devicecode").len(), 2);
        assert_eq!(prompts.lock().unwrap().len(), 2);
        let grants: Vec<_> = identity
            .to("token")
            .iter()
            .map(|r| r.field("grant_type").unwrap().to_owned())
            .collect();
        assert_eq!(
            grants,
            [DEVICE_CODE_GRANT, "refresh_token", DEVICE_CODE_GRANT]
        );
    })
    .await
}

#[tokio::test]
async fn a_claims_challenge_before_any_sign_in_goes_to_the_device_authorization() {
    bounded(async {
        let identity = Identity::start(device_script(json!(0), vec![signed_in], vec![])).await;
        let (builder, _) = device_code(&identity);
        let provider = builder.build().unwrap();
        provider.token_with_claims(CLAIMS).await.unwrap();
        assert_eq!(identity.to("devicecode")[0].field("claims"), Some(CLAIMS));
    })
    .await
}

#[tokio::test]
async fn env_token_reads_the_variable_at_each_request() {
    bounded(async {
        let var = format!("GRAPHPATCH_TEST_TOKEN_{}", std::process::id());
        let provider = EnvToken::new(&var);
        let missing = provider.token().await.unwrap_err();
        assert_eq!(
            missing.to_string(),
            format!("environment variable {var} is not set")
        );

        std::env::set_var(&var, " access-token-from-env\n");
        assert_eq!(
            provider.token().await.unwrap().secret(),
            "access-token-from-env"
        );
        std::env::set_var(&var, "access-token-renewed");
        assert_eq!(
            provider.token().await.unwrap().secret(),
            "access-token-renewed"
        );
        std::env::set_var(&var, "  ");
        let empty = provider.token().await.unwrap_err();
        assert_eq!(
            empty.to_string(),
            format!("environment variable {var} is empty")
        );
        std::env::remove_var(&var);

        assert_eq!(provider.var(), var);
        assert_no_secret(&format!("{provider:?} {missing:?} {empty:?}"));
    })
    .await
}

#[tokio::test]
async fn token_fn_is_called_at_each_request() {
    bounded(async {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let provider = token_fn(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                match n {
                    2 => Err(TokenError::new("the vault is sealed")),
                    n => Ok(AccessToken::new(format!("access-token-{n}"))),
                }
            }
        });
        assert_eq!(provider.token().await.unwrap().secret(), "access-token-0");
        // Without claims support, a claims challenge gets a token the same way.
        assert_eq!(
            provider.token_with_claims(CLAIMS).await.unwrap().secret(),
            "access-token-1"
        );
        assert_eq!(
            provider.token().await.unwrap_err().to_string(),
            "the vault is sealed"
        );
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        assert_eq!(format!("{provider:?}"), "TokenFn(<closure>)");

        // Shared through an Arc, as several clients would.
        let shared: Arc<dyn TokenProvider> = Arc::new(provider);
        assert_eq!(shared.token().await.unwrap().secret(), "access-token-3");
    })
    .await
}

#[tokio::test]
async fn no_provider_shows_a_secret_in_debug() {
    bounded(async {
        let identity = Identity::start(device_script(json!(0), vec![signed_in], vec![])).await;
        let builder = credentials(&identity);
        let builder_debug = format!("{builder:?}");
        let client_credentials = builder.build().unwrap();
        let (device_builder, _) = device_code(&identity);
        let device_builder_debug = format!("{device_builder:?}");
        let device = device_builder.build().unwrap();
        // After a token was had, with a refresh token and a device code in hand.
        client_credentials.token().await.unwrap();
        device.token().await.unwrap();
        let everything = format!(
            "{builder_debug} {client_credentials:?} {device_builder_debug} {device:?} {:?} {:?} {:#?}",
            graphpatch::auth::StaticToken::new("access-token-static"),
            AccessToken::new("access-token-plain"),
            client_credentials,
        );
        assert_no_secret(&everything);
        // What they do show: enough to tell providers apart.
        assert!(everything.contains(CLIENT_ID) && everything.contains(TENANT), "{everything}");
        assert!(everything.contains("client_secret: <redacted>"), "{everything}");
    })
    .await
}

#[allow(dead_code)]
#[path = "../examples/update_script_state.rs"]
mod example;

/// The example's `--device-code`: a user signs in at the stand-in, and the token it issues (an
/// unsigned JWT with the delegated scope) passes the preflight and the simulator's check.
#[tokio::test]
async fn the_example_signs_in_with_a_device_code() {
    use clap::Parser as _;
    use graphpatch_simulator::Simulator;

    let token = graphpatch_test_support::unsigned_jwt(&json!({
        "tid": "72f988bf-86f1-41af-91ab-2d7cd011db47",
        "scp": "DeviceManagementManagedDevices.ReadWrite.All",
    }));
    let issued = token.clone();
    let identity = Identity::start(move |leaf, _, _| match leaf {
        "devicecode" => device_authorization(json!(0), 900),
        "token" => Answer::bearer(&issued, 3600),
        _ => refuse(404, "not_found", "no such endpoint"),
    })
    .await;
    let simulator = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .enforce_permissions()
        .start()
        .await
        .unwrap();
    let path = DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "script-1".into(),
        device_management_script_state_id: "state-1".into(),
    };
    simulator.insert(
        path.clone(),
        &DeviceManagementScriptState {
            id: "state-1".into(),
            run_state: Some(RunState::Pending),
            result_message: None,
            last_state_update_date_time: None,
        },
    );
    let base_url = simulator.base_url();
    let args = example::Args::try_parse_from([
        "update_script_state",
        "--device-code",
        "--tenant",
        TENANT,
        "--client-id",
        CLIENT_ID,
        "--authority",
        identity.platform.authority().as_str(),
        "--base-url",
        base_url.as_str(),
        "--script-id",
        "script-1",
        "--state-id",
        "state-1",
    ])
    .unwrap();
    let mut transcript = Vec::new();
    bounded(example::run(args, None, &mut transcript))
        .await
        .unwrap();
    let transcript = String::from_utf8(transcript).unwrap();
    assert!(transcript.contains("HTTP/1.1 200 OK"), "{transcript}");
    assert_eq!(identity.to("devicecode").len(), 1);
    assert_eq!(
        identity.to("token")[0].field("grant_type"),
        Some(DEVICE_CODE_GRANT)
    );
    let sent = simulator.requests();
    assert_eq!(
        sent[0].header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
    assert_eq!(
        simulator.get(path).unwrap().run_state,
        Some(RunState::Success)
    );

    // Without --tenant the flag is refused by the argument parser.
    assert!(example::Args::try_parse_from(["update_script_state", "--device-code"]).is_err());
}
