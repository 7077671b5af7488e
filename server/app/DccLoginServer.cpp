#include "server/app/DccLoginServer.h"

#include "server/app/AdminCli.h"
#include "server/app/BatchedLogChannel.h"
#include "server/app/DatabaseFileCheck.h"
#include "server/app/HttpListener.h"
#include "server/app/ServerComponents.h"
#include "server/app/ServerConfig.h"
#include "server/app/ServiceNotifier.h"
#include "server/auth/Clock.h"
#include "server/store/StoreError.h"

#include <Poco/Net/SSLManager.h>
#include <Poco/String.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/LoggingConfigurator.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <pthread.h>
#include <thread>

#ifndef DCC_LOGIN_VERSION
#define DCC_LOGIN_VERSION "0.0.0"
#endif

namespace dcc::server {

namespace {

constexpr int kConfigErrorExit = 78; // EX_CONFIG

/// Blocks the signals waitForTerminationRequest() waits for (the same set as Poco's), before
/// any thread starts: every thread inherits the mask, so a stop request arriving during
/// start-up waits for that call instead of killing the process unannounced (the kernel
/// hands a signal to any thread that does not block it). Administration commands keep
/// Ctrl-C. A service
/// manager may ask for a stop as soon as the server says it is ready, which is before the
/// main thread reaches the wait.
void blockTerminationSignals()
{
    sigset_t signals;
    sigemptyset(&signals);
    if (std::getenv("POCO_ENABLE_DEBUGGER") == nullptr)
        sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGQUIT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

/// The store's error, followed by what is wrong with the SQLite file's place when something
/// is (a read-only or full volume, a missing folder): SQLite alone does not say.
std::string databaseProblem(const Poco::Util::AbstractConfiguration& config,
                            const StoreUnavailable& error)
{
    std::string said = error.what();
    if (Poco::toLower(config.getString("database.driver", "sqlite")) != "sqlite")
        return said;
    const std::string path = config.getString("database.path", "");
    if (path.empty())
        return said;
    const std::string problem = DatabaseFileCheck::problemWith(path);
    return said + " (" + path + (problem.empty() ? ")" : ": " + problem + ")");
}

// Deletes what has expired every few minutes; stops promptly when asked.
class Housekeeping
{
public:
    explicit Housekeeping(ServerComponents& components)
        : m_thread([this, &components] { run(components); })
    {}
    ~Housekeeping()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    void run(ServerComponents& components)
    {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, std::chrono::minutes(5), [this] { return m_stop; })) {
            lock.unlock();
            try {
                components.purgeExpired();
            } catch (const std::exception& e) {
                Poco::Logger::get("dcc.server")
                    .warning("housekeeping failed: %s", std::string(e.what()));
            }
            lock.lock();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace

void DccLoginServer::defineOptions(Poco::Util::OptionSet& options)
{
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show this help and exit"));
    options.addOption(
        Poco::Util::Option("config", "c", "the properties file to run with").argument("FILE"));
    for (const char* name : {"email", "name", "national-id", "count"}) {
        options.addOption(
            Poco::Util::Option(name, "", "option of an administration command").argument("VALUE"));
    }
}

void DccLoginServer::handleOption(const std::string& name, const std::string& value)
{
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        m_helpRequested = true;
        stopOptionsProcessing();
    } else if (name == "config") {
        m_configFile = value;
    } else if (name == "email" || name == "name" || name == "national-id" || name == "count") {
        m_adminOptions[name] = value;
    }
}

void DccLoginServer::configureLogging()
{
    BatchedLogChannel::registerClass();
    if (!config().has("logging.loggers.root.channel")) {
        // No logging section: everything at information level to the console, written by
        // a thread of its own in batches. Formatting and writing each access-log line in the
        // request's thread cost a quarter of the server's requests per second, and waking a
        // writer thread for each line a thread switch per request (docs/BENCHMARKS.md,
        // server (b)); a request now only queues its line.
        Poco::AutoPtr<Poco::Util::MapConfiguration> defaults(new Poco::Util::MapConfiguration);
        defaults->setString("logging.loggers.root.channel", "async");
        defaults->setString("logging.loggers.root.level", "information");
        defaults->setString("logging.channels.async.class", "BatchedLogChannel");
        Poco::Util::LoggingConfigurator().configure(defaults);
        return;
    }
    // configure() takes a reference-counted pointer: add the application's reference, or
    // the configuration would be freed when the call returns.
    Poco::Util::LoggingConfigurator().configure(
        Poco::Util::AbstractConfiguration::Ptr(&config(), true));
}

int DccLoginServer::main(const std::vector<std::string>& arguments)
{
    if (m_helpRequested) {
        Poco::Util::HelpFormatter help(options());
        help.setCommand(commandName());
        help.setUsage("--config=FILE [COMMAND …]");
        help.setHeader("DCC Login server: password + e-mail code and CPS card logins to the DCC.\n"
                       "Without a command it serves; with one it administers its database.");
        help.setFooter(AdminCli::usage());
        help.format(std::cout);
        return EXIT_OK;
    }
    if (m_configFile.empty()) {
        std::cerr << "dcc-login-server: --config=FILE is required (see --help)\n";
        return EXIT_USAGE;
    }
    try {
        loadConfiguration(m_configFile);
    } catch (const Poco::Exception& e) {
        std::cerr << "dcc-login-server: cannot read " << m_configFile << ": " << e.displayText()
                  << '\n';
        return kConfigErrorExit;
    }
    if (arguments.empty())
        blockTerminationSignals(); // serving: before the log channel starts its thread
    try {
        configureLogging();
    } catch (const Poco::Exception& e) {
        std::cerr << "dcc-login-server: logging.*: " << e.displayText() << '\n';
        return kConfigErrorExit;
    }

    if (!arguments.empty()) {
        try {
            const ServerConfig config = ServerConfig::forAdministration(this->config());
            return AdminCli(config, std::cin, std::cout, std::cerr).run(arguments, m_adminOptions);
        } catch (const ConfigError& e) {
            std::cerr << "dcc-login-server: configuration error: " << e.what() << '\n';
            return kConfigErrorExit;
        } catch (const StoreUnavailable& e) {
            std::cerr << "dcc-login-server: database unavailable: "
                      << databaseProblem(this->config(), e) << '\n';
            return AdminCli::kUnavailable;
        }
    }
    return serve();
}

int DccLoginServer::serve()
{
    Poco::Logger& log = Poco::Logger::get("dcc.server");
    Poco::Net::initializeSSL();
    struct SslCleanup
    {
        ~SslCleanup() { Poco::Net::uninitializeSSL(); }
    } sslCleanup;
    try {
        const ServerConfig config = ServerConfig::from(this->config());
        SystemClock clock;
        ServerComponents components(config, clock, DCC_LOGIN_VERSION);
        HttpListener listener(config, components.makeRouter());
        Housekeeping housekeeping(components);
        listener.start();
        log.information("dcc-login-server %s listening on %s:%hu (%s), public origin %s",
                        std::string(DCC_LOGIN_VERSION), config.address, listener.port(),
                        std::string(config.tls() ? "HTTPS" : "plain HTTP, loopback only"),
                        config.publicOrigin);
        ServiceNotifier::ready();
        waitForTerminationRequest();
        log.information("stopping");
        ServiceNotifier::stopping();
        listener.stop();
        return EXIT_OK;
    } catch (const ConfigError& e) {
        log.fatal("configuration error: %s", std::string(e.what()));
        std::cerr << "dcc-login-server: configuration error: " << e.what() << '\n';
        return kConfigErrorExit;
    } catch (const StoreUnavailable& e) {
        const std::string why = databaseProblem(this->config(), e);
        log.fatal("database unavailable: %s", why);
        std::cerr << "dcc-login-server: database unavailable: " << why << '\n';
        return EXIT_UNAVAILABLE;
    } catch (const Poco::Exception& e) {
        log.fatal("cannot start: %s", e.displayText());
        std::cerr << "dcc-login-server: cannot start: " << e.displayText() << '\n';
        return EXIT_SOFTWARE;
    } catch (const std::exception& e) {
        log.fatal("cannot start: %s", std::string(e.what()));
        std::cerr << "dcc-login-server: cannot start: " << e.what() << '\n';
        return EXIT_SOFTWARE;
    }
}

} // namespace dcc::server
