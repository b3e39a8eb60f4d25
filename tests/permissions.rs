//! Permission metadata at work: the client reads a token's claims before sending and refuses
//! locally (nothing reaches the simulator) when the token cannot call the entity; a 401 or 403
//! from the service names what the call needs; a claims challenge gets one new token and one
//! more attempt, never a loop; and the required-scope report for the examples' entities.

use std::sync::{Arc, Mutex};

use graphpatch::auth::{AccessToken, TokenError, TokenFuture, TokenKind, TokenProvider};
use graphpatch::permissions::Preflight;
use graphpatch::prelude::*;
use graphpatch::{Error, GraphError};
use graphpatch_simulator::{Fault, Simulator};
use graphpatch_test_support::intune::{
    required_scopes, DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};
use serde_json::{json, Value};

const SCOPE: &str = "DeviceManagementManagedDevices.ReadWrite.All";
const WORK_TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CONSUMER_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// An unsigned JWT carrying `claims`, as a test identity platform would issue.
fn jwt(claims: Value) -> String {
    graphpatch_test_support::unsigned_jwt(&claims)
}

fn delegated(scp: &str) -> String {
    jwt(
        json!({"aud": "https://graph.microsoft.com", "tid": WORK_TENANT, "scp": scp, "idtyp": "user"}),
    )
}

fn application(roles: &[&str]) -> String {
    jwt(
        json!({"aud": "https://graph.microsoft.com", "tid": WORK_TENANT, "roles": roles, "idtyp": "app"}),
    )
}

fn personal(scp: &str) -> String {
    jwt(json!({"aud": "https://graph.microsoft.com", "tid": CONSUMER_TENANT, "scp": scp}))
}

fn path() -> DeviceManagementScriptStatePath {
    DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "script-1".into(),
        device_management_script_state_id: "state-1".into(),
    }
}

fn update() -> graphpatch::PatchRequest<DeviceManagementScriptState> {
    graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "script-1",
        device_management_script_state_id: "state-1",
    } set {
        run_state: RunState::Success,
    })
}

async fn simulator(enforce: bool) -> Simulator {
    let builder = Simulator::builder().entity::<DeviceManagementScriptState>();
    let builder = if enforce {
        builder.enforce_permissions()
    } else {
        builder
    };
    let simulator = builder.start().await.unwrap();
    simulator.insert(
        path(),
        &DeviceManagementScriptState {
            id: "state-1".into(),
            run_state: Some(RunState::Pending),
            result_message: None,
            last_state_update_date_time: None,
        },
    );
    simulator
}

fn client(simulator: &Simulator, token: impl Into<Arc<str>>, preflight: Preflight) -> GraphClient {
    GraphClient::builder()
        .base_url(simulator.base_url())
        .token(token)
        .preflight(preflight)
        .build()
        .unwrap()
}

/// The preflight refusal for `token`, asserting nothing was sent.
async fn refused(token: String) -> graphpatch::permissions::PermissionError {
    let simulator = simulator(false).await;
    let err = client(&simulator, token, Preflight::Enforce)
        .send(update())
        .await
        .unwrap_err();
    assert!(simulator.requests().is_empty(), "a request was sent");
    let Error::Permission(refusal) = err else {
        panic!("not a permission error: {err:?}")
    };
    assert!(refusal.to_string().contains(SCOPE), "{refusal}");
    *refusal
}

#[tokio::test]
async fn an_application_token_is_refused_for_a_delegated_only_entity() {
    let refusal = refused(application(&[SCOPE])).await;
    assert_eq!(refusal.kind, TokenKind::Application);
    assert_eq!(
        refusal.to_string(),
        "an application token cannot update DeviceManagementScriptState: Graph supports no \
         application permission for it; what would work: Delegated (work or school account) \
         DeviceManagementManagedDevices.ReadWrite.All"
    );
}

#[tokio::test]
async fn a_delegated_token_with_an_unrelated_scope_is_refused() {
    let refusal = refused(delegated("User.Read Mail.Send")).await;
    assert_eq!(refusal.kind, TokenKind::DelegatedWork);
    assert_eq!(refusal.held, ["User.Read", "Mail.Send"]);
    assert!(
        refusal
            .to_string()
            .contains("it holds User.Read, Mail.Send"),
        "{refusal}"
    );
}

#[tokio::test]
async fn a_personal_account_token_is_refused() {
    let refusal = refused(personal(SCOPE)).await;
    assert_eq!(refusal.kind, TokenKind::DelegatedPersonal);
}

#[tokio::test]
async fn a_delegated_token_with_the_scope_is_sent() {
    let simulator = simulator(true).await;
    let token = delegated(&format!("User.Read {}", SCOPE.to_lowercase()));
    let updated = client(&simulator, token, Preflight::Enforce)
        .send(update())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated.run_state, Some(RunState::Success));
    assert_eq!(simulator.requests().len(), 1);
}

#[tokio::test]
async fn an_opaque_token_is_sent_unchecked() {
    let simulator = simulator(false).await;
    client(&simulator, "opaque-token-not-a-jwt", Preflight::Enforce)
        .send(update())
        .await
        .unwrap();
    assert_eq!(simulator.requests().len(), 1);
}

/// With the check at `Warn` or `Off`, the token goes out and the service's 403 names what the
/// call needs.
#[tokio::test]
async fn a_forbidden_answer_names_the_required_permissions() {
    for preflight in [Preflight::Warn, Preflight::Off] {
        let simulator = simulator(true).await;
        let err = client(&simulator, application(&[SCOPE]), preflight)
            .send(update())
            .await
            .unwrap_err();
        assert_eq!(simulator.requests().len(), 1, "{preflight:?}");
        let Error::Graph(graph) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(graph.status.as_u16(), 403);
        assert_eq!(
            graph.required_permissions,
            Some(<DeviceManagementScriptState as GraphEntity>::PERMISSIONS)
        );
        assert!(
            err.to_string().ends_with(
                "; the call needs one of: Delegated (work or school account) \
                 DeviceManagementManagedDevices.ReadWrite.All"
            ),
            "{err}"
        );
    }
}

#[tokio::test]
async fn an_unauthorized_answer_names_them_too_and_others_do_not() {
    let simulator = simulator(true).await;
    // Graph refuses an opaque token it cannot read.
    let err = client(&simulator, "opaque", Preflight::Enforce)
        .send(update())
        .await
        .unwrap_err();
    let Error::Graph(graph) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(graph.status.as_u16(), 401);
    assert!(graph.required_permissions.is_some());
    // A 404 is not about permissions.
    let missing = graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "script-1",
        device_management_script_state_id: "no-such-state",
    } set {
        run_state: RunState::Fail,
    });
    let err = client(&simulator, delegated(SCOPE), Preflight::Enforce)
        .send(missing)
        .await
        .unwrap_err();
    let Error::Graph(graph) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(graph.status.as_u16(), 404);
    assert_eq!(
        graph.required_permissions,
        None::<graphpatch::metadata::Permissions>
    );
    let _: &GraphError = graph;
}

/// A provider that hands out `first`, then a token for each claims challenge, and records the
/// claims it was asked for.
struct Challenged {
    first: String,
    after_claims: String,
    claims: Mutex<Vec<String>>,
}

impl TokenProvider for Challenged {
    fn token(&self) -> TokenFuture<'_> {
        let token = AccessToken::new(self.first.as_str());
        Box::pin(async move { Ok::<_, TokenError>(token) })
    }

    fn token_with_claims<'a>(&'a self, claims: &'a str) -> TokenFuture<'a> {
        self.claims.lock().unwrap().push(claims.to_owned());
        let token = AccessToken::new(self.after_claims.as_str());
        Box::pin(async move { Ok(token) })
    }
}

const CHALLENGE: &str = r#"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#;

async fn challenged_client(simulator: &Simulator) -> (GraphClient, Arc<Challenged>) {
    let provider = Arc::new(Challenged {
        first: delegated(SCOPE),
        after_claims: jwt(json!({"tid": WORK_TENANT, "scp": SCOPE, "xms_cc": ["cp1"]})),
        claims: Mutex::new(Vec::new()),
    });
    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token_provider(provider.clone())
        .build()
        .unwrap();
    (client, provider)
}

#[tokio::test]
async fn a_claims_challenge_gets_one_new_token_and_one_more_attempt() {
    let simulator = simulator(true).await;
    simulator.inject(Fault::ClaimsChallenge(CHALLENGE.into()), 1);
    let (client, provider) = challenged_client(&simulator).await;
    let updated = client.send(update()).await.unwrap().unwrap();
    assert_eq!(updated.run_state, Some(RunState::Success));
    assert_eq!(*provider.claims.lock().unwrap(), [CHALLENGE]);
    let requests = simulator.requests();
    assert_eq!(requests.len(), 2);
    let sent = |i: usize| requests[i].header("authorization").unwrap().to_owned();
    assert_eq!(sent(0), format!("Bearer {}", provider.first));
    assert_eq!(sent(1), format!("Bearer {}", provider.after_claims));
    // The same call, not a retry: same client-request-id, no Retry-Attempt.
    assert_eq!(
        requests[0].header("client-request-id"),
        requests[1].header("client-request-id")
    );
    assert_eq!(requests[1].header("retry-attempt"), None);
}

#[tokio::test]
async fn a_second_challenge_is_an_error_not_a_loop() {
    let simulator = simulator(true).await;
    simulator.inject(Fault::ClaimsChallenge(CHALLENGE.into()), 5);
    let (client, provider) = challenged_client(&simulator).await;
    let err = client.send(update()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    assert_eq!(provider.claims.lock().unwrap().len(), 1);
    assert_eq!(simulator.requests().len(), 2);
}

#[test]
fn the_examples_need_one_delegated_scope() {
    let delegated = required_scopes(TokenKind::DelegatedWork);
    assert_eq!(delegated.scopes(), [SCOPE]);
    assert!(delegated.unsupported().is_empty());

    let application = required_scopes(TokenKind::Application);
    assert_eq!(application.scopes(), [SCOPE]);
    assert_eq!(application.unsupported(), ["DeviceManagementScriptState"]);

    let personal = required_scopes(TokenKind::DelegatedPersonal);
    assert!(personal.scopes().is_empty());
    assert_eq!(personal.unsupported().len(), 2);

    assert_eq!(
        delegated.to_string(),
        "|Entity|Delegated (work or school account) permissions (least to most privileged)|Covered by|\n\
         |:---|:---|:---|\n\
         |DeviceManagementScriptState|DeviceManagementManagedDevices.ReadWrite.All|DeviceManagementManagedDevices.ReadWrite.All|\n\
         |DeviceManagementScriptDeviceState|DeviceManagementManagedDevices.ReadWrite.All|DeviceManagementManagedDevices.ReadWrite.All|\n\
         \n\
         Consent to: DeviceManagementManagedDevices.ReadWrite.All"
    );
}
