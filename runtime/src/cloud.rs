//! Microsoft Graph's deployments (the global service and the national clouds): where requests
//! and sign-ins go by default.

/// A Microsoft Graph deployment: where requests go by default.
///
/// ```
/// use graphpatch::Cloud;
/// assert_eq!(Cloud::Global.base_url(), "https://graph.microsoft.com");
/// assert_eq!(Cloud::China.base_url(), "https://microsoftgraph.chinacloudapi.cn");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cloud {
    /// The global service, `https://graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4, `https://graph.microsoft.us`.
    UsGov,
    /// US Government L5 (DoD), `https://dod-graph.microsoft.us`.
    UsGovDod,
    /// Microsoft Graph China operated by 21Vianet, `https://microsoftgraph.chinacloudapi.cn`.
    China,
}

impl Cloud {
    /// The service root, without a version.
    pub const fn base_url(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGov => "https://graph.microsoft.us",
            Cloud::UsGovDod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }
}
