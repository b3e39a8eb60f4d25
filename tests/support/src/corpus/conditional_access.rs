//! `microsoft.graph.onPremisesConditionalAccessSettings`, from `intune-onboarding-onpremisesconditionalaccesssettings-update.md`.

use super::prelude::*;

/// `microsoft.graph.onPremisesConditionalAccessSettings`, from `intune-onboarding-onpremisesconditionalaccesssettings-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.onPremisesConditionalAccessSettings",
    version = "beta",
    path = "/deviceManagement/conditionalAccessSettings",
    path = "/deviceManagement/exchangeOnPremisesPolicy/conditionalAccessSettings",
    permissions(
        delegated_work = ["DeviceManagementServiceConfig.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementServiceConfig.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct OnPremisesConditionalAccessSettings {
    /// Not yet documented
    #[graph(read_only)]
    pub id: String,
    /// Indicates if on premises conditional access is enabled for this organization
    pub enabled: Option<bool>,
    /// User groups that will be targeted by on premises conditional access. All users in these
    /// groups will be required to have mobile device managed and compliant for mail access.
    pub included_groups: Option<Vec<Guid>>,
    /// User groups that will be exempt by on premises conditional access. All users in these
    /// groups will be exempt from the conditional access policy.
    pub excluded_groups: Option<Vec<Guid>>,
    /// Override the default access rule when allowing a device to ensure access is granted.
    pub override_default_rule: Option<bool>,
}
