//! vSphere Lifecycle Manager's hardware support manager API as OMEVV serves it
//! (`/omevv/GatewayService/v1/vsphere-lcm/hw-support/v1`): HTTP Basic as a vCenter user, the
//! vCenter named by the `VCenter-Instance-GUID` header, work done by tasks.

pub use crate::generated::vlcm::*;
