#pragma once

#include <Poco/Util/ServerApplication.h>

#include <map>
#include <string>

namespace dcc::server {

/// dcc-login-server: with only --config=FILE it serves (in the foreground, as a daemon
/// with --daemon, or as a Windows service as Poco allows); with a command after the
/// options it runs that administration command on the same database and exits.
class DccLoginServer final : public Poco::Util::ServerApplication
{
protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& arguments) override;

private:
    int serve();
    void configureLogging();

    bool m_helpRequested = false;
    std::string m_configFile;
    std::map<std::string, std::string> m_adminOptions;
};

} // namespace dcc::server
