//! Entities of the Graph docs corpus that together use every Edm primitive, enum and
//! complex-type shape the corpus has, generated at build time (by `build.rs`, with
//! graphpatch-codegen) from their reference pages and the Graph CSDL, with every enum and complex
//! type they reach. `tests/corpus_pages.rs` checks each against its page's examples.
//!
//! | entity | reference page (`api/…-update.md`) | what it exercises |
//! |---|---|---|
//! | [`AuditEvent`] | `intune-auditing-auditevent` | Guid; nested complex types with collections of complex types |
//! | [`ManagedDeviceCertificateState`] | `intune-deviceconfig-manageddevicecertificatestate` | 22 path templates; flags enums |
//! | [`OnPremisesConditionalAccessSettings`] | `intune-onboarding-onpremisesconditionalaccesssettings` | Guid collection |
//! | [`IosVppEBookAssignment`] | `intune-books-iosvppebookassignment` | a polymorphic complex property |
//! | [`CircularGeofenceManagementCondition`] | `intune-fencing-circulargeofencemanagementcondition` | Double, Single; an enum collection |
//! | [`IosMobileAppConfiguration`] | `intune-apps-iosmobileappconfiguration` | Binary; a collection of complex values |
//! | [`IosManagedAppProtection`] | `intune-shared-iosmanagedappprotection` | Duration (negative too); flags |
//! | [`IosUpdateConfiguration`] | `intune-deviceconfig-iosupdateconfiguration` | TimeOfDay; a derived type on its base's path |
//! | [`DeviceLogCollectionResponse`] | `intune-devices-devicelogcollectionresponse` | Double, Int64 |
//! | [`WindowsOfficeClientSecurityConfiguration`] | `intune-cirrus-windowsofficeclientsecurityconfiguration` | Stream, DateTime; derived type patched without `@odata.type` |
//! | [`DeviceShellScript`] | `intune-devices-deviceshellscript` | Duration, Binary |
//! | [`WindowsUpdateForBusinessConfiguration`] | `intune-deviceconfig-windowsupdateforbusinessconfiguration` | Date; flags |
//! | [`Windows10GeneralConfiguration`] | `intune-deviceconfig-windows10generalconfiguration` | 293 properties, derived type |
//!
//! The hand-annotated seed entities in [`crate::intune`] complete the set: they keep what the
//! generator does not write (required properties, an enum where the seed page has a string).

include!(concat!(env!("OUT_DIR"), "/corpus/mod.rs"));
