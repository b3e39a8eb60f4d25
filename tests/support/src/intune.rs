//! Intune device management script states, annotated from their Graph reference pages.

use graphpatch::prelude::*;

/// `runState`: the state of a script's latest run. The 2017 seed page lists three values,
/// today's pages six; values added later are kept, not rejected.
#[graph_enum]
pub enum RunState {
    /// `unknown`
    Unknown,
    /// `success`
    Success,
    /// `fail`
    Fail,
    /// `scriptError`
    ScriptError,
    /// `pending`
    Pending,
    /// `notApplicable`
    NotApplicable,
}

/// `deviceManagementScriptState`: one device's run of a device management script
/// (the seed page, `intune_devicefe_devicemanagementscriptstate_update.md`).
///
/// Its example request body carries no `@odata.type`, hence `patch_odata_type = false`.
#[graph_entity(
    odata_type = "microsoft.graph.deviceManagementScriptState",
    version = "beta",
    path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/runStates/{deviceManagementScriptStateId}",
    patch_odata_type = false,
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    )
)]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceManagementScriptState {
    /// Key of the device management script state entity.
    #[graph(read_only)]
    pub id: String,
    /// State of latest run of the device management script.
    pub run_state: Option<RunState>,
    /// Details of execution output.
    pub result_message: Option<String>,
    /// Latest time the device management script executes.
    pub last_state_update_date_time: Option<DateTimeOffset>,
}

/// `deviceManagementScriptDeviceState`: the seed's successor
/// (`intune-devices-devicemanagementscriptdevicestate-update.md`). Nullability from the CSDL.
#[graph_entity(
    odata_type = "microsoft.graph.deviceManagementScriptDeviceState",
    version = "beta",
    path = "/deviceManagement/deviceShellScripts/{deviceShellScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
    path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
    path = "/deviceManagement/deviceCustomAttributeShellScripts/{deviceCustomAttributeShellScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
    path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/userRunStates/{deviceManagementScriptUserStateId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementManagedDevices.ReadWrite.All"],
    )
)]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceManagementScriptDeviceState {
    /// Key of the device management script device state entity.
    #[graph(read_only)]
    pub id: String,
    /// State of latest run of the device management script.
    pub run_state: RunState,
    /// Details of execution output.
    pub result_message: Option<String>,
    /// Latest time the device management script executes.
    pub last_state_update_date_time: DateTimeOffset,
    /// Error code corresponding to erroneous execution of the device management script.
    pub error_code: i32,
    /// Error description corresponding to erroneous execution of the device management script.
    pub error_description: Option<String>,
}

/// What an admin must consent to for the entities the examples update, for one kind of caller:
/// the report `cargo run --example required_scopes` prints.
pub fn required_scopes(
    kind: graphpatch::auth::TokenKind,
) -> graphpatch::permissions::RequiredScopes {
    graphpatch::permissions::RequiredScopes::new(kind)
        .with::<DeviceManagementScriptState>()
        .with::<DeviceManagementScriptDeviceState>()
}
