//! The Azure SDK's credentials as a [`TokenProvider`] (feature `azure`).

use std::fmt;
use std::sync::Arc;

use azure_core::credentials::TokenCredential;

use super::{LastToken, TokenError, TokenFuture, TokenProvider};

/// Tokens from any Azure SDK credential: `azure_identity`'s managed identity, workload
/// identity, Azure CLI, developer tools or client certificate credentials, or your own
/// `azure_core::credentials::TokenCredential`. Feature `azure`.
///
/// Azure credentials cache their own tokens; this asks for one per request. A claims challenge
/// gets the same token as [`TokenProvider::token`]: `azure_core` 1 credentials take no claims.
///
/// ```no_run
/// # fn credential() -> std::sync::Arc<dyn azure_core::credentials::TokenCredential> { todo!() }
/// use graphpatch::GraphClient;
/// use graphpatch::auth::AzureCredential;
/// // e.g. `azure_identity::ManagedIdentityCredential::new(None)?`
/// let credential = credential();
/// let client = GraphClient::new(AzureCredential::new(credential));
/// ```
#[derive(Clone)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
    /// The credential caches its token; so do its clones, so that its claims are read once.
    last: Arc<LastToken>,
}

impl AzureCredential {
    /// Asks `credential` for the scope `https://graph.microsoft.com/.default`.
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential {
            credential,
            scopes: vec!["https://graph.microsoft.com/.default".to_owned()],
            last: Arc::default(),
        }
    }

    /// Asks for these scopes instead, space-separated: a national cloud's Graph, say
    /// `https://graph.microsoft.us/.default`.
    #[must_use]
    pub fn scope(mut self, scope: &str) -> Self {
        self.scopes = scope.split_whitespace().map(str::to_owned).collect();
        self.last = Arc::default();
        self
    }

    /// The scopes asked for.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

impl TokenProvider for AzureCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
            let token = self
                .credential
                .get_token(&scopes, None)
                .await
                .map_err(|err| TokenError::new(format!("the Azure credential failed: {err}")))?;
            Ok(self.last.get(token.token.secret()))
        })
    }
}

impl fmt::Debug for AzureCredential {
    /// Shows the scopes, not the credential: its `Debug` is not ours to trust.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AzureCredential")
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Mutex;

    use azure_core::credentials::{AccessToken as AzureToken, TokenRequestOptions};
    use azure_core::time::{Duration, OffsetDateTime};

    use super::*;

    /// A credential that records the scopes it was asked for.
    #[derive(Debug, Default)]
    struct Recording {
        asked: Mutex<Vec<Vec<String>>>,
        fail: bool,
    }

    // What `#[async_trait]` would write; azure_core does not re-export the macro.
    impl TokenCredential for Recording {
        fn get_token<'life0, 'life1, 'life2, 'life3, 'async_trait>(
            &'life0 self,
            scopes: &'life1 [&'life2 str],
            _options: Option<TokenRequestOptions<'life3>>,
        ) -> Pin<Box<dyn Future<Output = azure_core::Result<AzureToken>> + Send + 'async_trait>>
        where
            'life0: 'async_trait,
            'life1: 'async_trait,
            'life2: 'async_trait,
            'life3: 'async_trait,
            Self: 'async_trait,
        {
            self.asked
                .lock()
                .unwrap()
                .push(scopes.iter().map(|s| s.to_string()).collect());
            let answer = if self.fail {
                Err(azure_core::Error::with_message(
                    azure_core::error::ErrorKind::Credential,
                    "no managed identity endpoint",
                ))
            } else {
                Ok(AzureToken::new(
                    "azure-secret-token",
                    OffsetDateTime::now_utc() + Duration::hours(1),
                ))
            };
            Box::pin(async move { answer })
        }
    }

    #[tokio::test]
    async fn asks_for_graph_and_passes_the_token_on() {
        let recording = Arc::new(Recording::default());
        let provider = AzureCredential::new(recording.clone());
        assert_eq!(
            provider.token().await.unwrap().secret(),
            "azure-secret-token"
        );
        // The credential's cached token is one token here too: its claims are read once.
        let (a, b) = (
            provider.token().await.unwrap(),
            provider.token().await.unwrap(),
        );
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert!(Arc::ptr_eq(
            &a.0,
            &provider.clone().token().await.unwrap().0
        ));
        let national = provider
            .clone()
            .scope("https://graph.microsoft.us/.default  offline_access");
        national.token_with_claims("{}").await.unwrap();
        assert_eq!(
            *recording.asked.lock().unwrap(),
            [
                vec!["https://graph.microsoft.com/.default"],
                vec!["https://graph.microsoft.com/.default"],
                vec!["https://graph.microsoft.com/.default"],
                vec!["https://graph.microsoft.com/.default"],
                vec!["https://graph.microsoft.us/.default", "offline_access"],
            ]
        );
        assert!(!format!("{provider:?}").contains("azure-secret-token"));
    }

    #[tokio::test]
    async fn failures_are_token_errors() {
        let provider = AzureCredential::new(Arc::new(Recording {
            fail: true,
            ..Recording::default()
        }));
        let err = provider.token().await.unwrap_err();
        assert!(
            err.to_string().starts_with("the Azure credential failed: ")
                && err.to_string().contains("no managed identity endpoint"),
            "{err}"
        );
    }
}
