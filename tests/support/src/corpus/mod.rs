//! Entities from the Graph docs corpus, annotated by hand, that together use every Edm
//! primitive, enum and complex-type shape the corpus has: each module names its reference page.
//! The tests in `tests/corpus_pages.rs` check each against its page's examples.
//!
//! | module | entity | what it exercises |
//! |---|---|---|
//! | [`audit_event`] | `auditEvent` | Guid; nested complex types with collections of complex types |
//! | [`certificate_state`] | `managedDeviceCertificateState` | 22 path templates; flags enums |
//! | [`conditional_access`] | `onPremisesConditionalAccessSettings` | Guid collection |
//! | [`ebook_assignment`] | `iosVppEBookAssignment` | a polymorphic complex property |
//! | [`geofence`] | `circularGeofenceManagementCondition` | Double, Single; an enum collection |
//! | [`ios_app_config`] | `iosMobileAppConfiguration` | Binary; a collection of complex values |
//! | [`ios_app_protection`] | `iosManagedAppProtection` | Duration (negative too); flags |
//! | [`ios_update`] | `iosUpdateConfiguration` | TimeOfDay; a derived type on its base's path |
//! | [`log_collection`] | `deviceLogCollectionResponse` | Double, Int64 |
//! | [`office_security`] | `windowsOfficeClientSecurityConfiguration` | Stream, DateTime; derived type patched without `@odata.type` |
//! | [`shell_script`] | `deviceShellScript` | Duration, Binary |
//! | [`update_for_business`] | `windowsUpdateForBusinessConfiguration` | Date; flags |
//! | [`windows10_general`] | `windows10GeneralConfiguration` | 293 properties, derived type |
//!
//! The seed entities in [`crate::intune`] complete the set.

pub mod audit_event;
pub mod certificate_state;
pub mod conditional_access;
pub mod ebook_assignment;
pub mod geofence;
pub mod ios_app_config;
pub mod ios_app_protection;
pub mod ios_update;
pub mod log_collection;
pub mod office_security;
pub mod shell_script;
pub mod types;
pub mod update_for_business;
pub mod windows10_general;

mod prelude {
    pub use graphpatch::prelude::*;
    pub use graphpatch::{Binary, Date, Double, Duration, Flags, Guid, Single, TimeOfDay};

    pub use super::types::*;
}
