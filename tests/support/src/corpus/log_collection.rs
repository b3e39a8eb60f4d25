//! `microsoft.graph.deviceLogCollectionResponse`, from `intune-devices-devicelogcollectionresponse-update.md`.

use super::prelude::*;

/// `microsoft.graph.deviceLogCollectionResponse`, from `intune-devices-devicelogcollectionresponse-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.deviceLogCollectionResponse",
    version = "beta",
    path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}/managedDevice/logCollectionRequests/{deviceLogCollectionResponseId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementManagedDevices.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceLogCollectionResponse {
    /// The unique identifier in the form of tenantId_deviceId_requestId
    #[graph(read_only)]
    pub id: String,
    /// The status of the log collection request
    pub status: Option<String>,
    /// The device Id
    pub managed_device_id: Option<Guid>,
    /// The error code, if any. Valid values -9.22337203685478E+18 to 9.22337203685478E+18
    pub error_code: Option<i64>,
    /// The DateTime of the request
    #[graph(rename = "requestedDateTimeUTC")]
    pub requested_date_time_utc: Option<DateTimeOffset>,
    /// The DateTime the request was received
    #[graph(rename = "receivedDateTimeUTC")]
    pub received_date_time_utc: Option<DateTimeOffset>,
    /// The UPN for who initiated the request
    pub initiated_by_user_principal_name: Option<String>,
    /// The DateTime of the expiration of the logs
    #[graph(rename = "expirationDateTimeUTC")]
    pub expiration_date_time_utc: Option<DateTimeOffset>,
    /// The size of the logs. Valid values -1.79769313486232E+308 to 1.79769313486232E+308
    pub size: Option<Double>,
}
