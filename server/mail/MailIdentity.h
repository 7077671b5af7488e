#pragma once

#include <string>

namespace dcc::server {

/// Who the mails come from. Users are told to look for this address (the portal's guide
/// names «Webdcr@onco-hdf.fr»), so it is configured, never derived.
struct MailIdentity
{
    std::string address;     ///< e.g. "Webdcr@onco-hdf.fr"
    std::string displayName; ///< e.g. "DCC ONCO HDF"; may be empty
};

} // namespace dcc::server
