//! `microsoft.graph.deviceShellScript`, from `intune-devices-deviceshellscript-update.md`.

use super::prelude::*;

/// `microsoft.graph.deviceShellScript`, from `intune-devices-deviceshellscript-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.deviceShellScript",
    version = "beta",
    path = "/deviceManagement/deviceShellScripts/{deviceShellScriptId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementManagedDevices.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceShellScript {
    /// The interval for script to run. If not defined the script will run once
    pub execution_frequency: Option<Duration>,
    /// Number of times for the script to be retried if it fails
    pub retry_count: Option<i32>,
    /// Does not notify the user a script is being executed
    pub block_execution_notifications: Option<bool>,
    /// Unique Identifier for the device management script.
    #[graph(read_only)]
    pub id: String,
    /// Name of the device management script.
    pub display_name: Option<String>,
    /// Optional description for the device management script.
    pub description: Option<String>,
    /// The script content.
    pub script_content: Option<Binary>,
    /// The date and time the device management script was created. This property is read-only.
    pub created_date_time: Option<DateTimeOffset>,
    /// The date and time the device management script was last modified. This property is
    /// read-only.
    pub last_modified_date_time: Option<DateTimeOffset>,
    /// Indicates the type of execution context. Possible values are: `system`, `user`.
    pub run_as_account: Option<RunAsAccountType>,
    /// Script file name.
    pub file_name: Option<String>,
    /// List of Scope Tag IDs for this PowerShellScript instance.
    pub role_scope_tag_ids: Option<Vec<String>>,
}
