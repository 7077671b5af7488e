#include "server/app/AdminCli.h"

#include "common/EmailAddress.h"
#include "common/Identifier.h"
#include "common/NationalIdentifier.h"
#include "common/PasswordPolicy.h"
#include "server/app/AccountCsv.h"
#include "server/app/DatabaseFileCheck.h"
#include "server/auth/AuditTrail.h"
#include "server/auth/Clock.h"
#include "server/auth/LoginThrottle.h"
#include "server/auth/PasswordHasher.h"
#include "server/store/AccountStore.h"
#include "server/store/AuditStore.h"
#include "server/store/Database.h"
#include "server/store/DatabaseTransfer.h"
#include "server/store/ThrottleStore.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Environment.h>
#include <Poco/Timestamp.h>

#include <fstream>
#include <iomanip>
#include <optional>
#include <termios.h>
#include <unistd.h>

namespace dcc::server {

namespace {

class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class DataError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class NoSuchAccount : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

std::string utc(std::int64_t epoch)
{
    return Poco::DateTimeFormatter::format(
        Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)), "%Y-%m-%d %H:%M:%S UTC");
}

// Everything a command may touch, opened once.
struct Context
{
    explicit Context(const ServerConfig& config)
        : database(config.database)
        , accounts(database)
        , auditStore(database)
        , throttles(database)
        , throttle(throttles, config.auth)
        , audit(auditStore, clock)
        , hasher(config.argon2)
        , policy(config.passwordPolicy)
        , origin{"cli", "dcc-login-server admin (" + Poco::Environment::get("USER", "?") + ")"}
    {}

    SystemClock clock;
    Database database;
    AccountStore accounts;
    AuditStore auditStore;
    ThrottleStore throttles;
    LoginThrottle throttle;
    AuditTrail audit;
    PasswordHasher hasher;
    PasswordPolicy policy;
    RequestOrigin origin;
};

} // namespace

std::string AdminCli::usage()
{
    return "Administration commands (with --config=FILE):\n"
           "  user add IDENTIFIER --email=ADDRESS --name=\"DISPLAY NAME\" [--national-id=ID]\n"
           "                                   password read from standard input\n"
           "  user list\n"
           "  user show ID\n"
           "  user disable ID | user enable ID | user unlock ID\n"
           "  user set-password ID             password read from standard input\n"
           "  user set-email ID --email=ADDRESS\n"
           "  user set-national-id ID --national-id=ID   (empty value removes it)\n"
           "  user import FILE.csv             header: identifier,email,display_name,national_id\n"
           "  audit tail [--count=N]\n"
           "  db export FILE                   every table as JSON Lines (FILE - : standard "
           "output)\n"
           "  db import FILE                   into an empty database (e.g. SQLite to PostgreSQL)\n"
           "ID is the account number or its identifier.\n";
}

int AdminCli::run(const std::vector<std::string>& arguments,
                  const std::map<std::string, std::string>& options)
{
    auto option = [&](const std::string& name) -> std::optional<std::string> {
        const auto it = options.find(name);
        return it == options.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    auto argument = [&](std::size_t index, const char* what) {
        if (arguments.size() <= index)
            throw UsageError(std::string("missing ") + what);
        return arguments[index];
    };
    try {
        const std::string group = argument(0, "command");
        const std::string command = arguments.size() > 1 ? arguments[1] : "";
        Context c(m_config);

        auto findAccount = [&](const std::string& id) {
            std::optional<Account> account;
            if (!id.empty() && id.find_first_not_of("0123456789") == std::string::npos)
                account = c.accounts.findById(std::stoll(id));
            else if (const auto identifier = Identifier::parse(id))
                account = c.accounts.findByIdentifier(identifier->value());
            if (!account)
                throw NoSuchAccount("no account " + id);
            return *account;
        };
        auto readPassword = [&](const std::string& identifier) {
            const bool terminal = ::isatty(STDIN_FILENO) == 1 && &m_in == &std::cin;
            termios saved{};
            if (terminal) {
                m_err << "Password: " << std::flush;
                ::tcgetattr(STDIN_FILENO, &saved);
                termios silent = saved;
                silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
                ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
            }
            std::string password;
            std::getline(m_in, password);
            if (terminal) {
                ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
                m_err << '\n';
            }
            if (!password.empty() && password.back() == '\r')
                password.pop_back();
            const auto unmet = c.policy.unmetRules(password, identifier);
            if (!unmet.empty()) {
                std::string rules;
                for (const PasswordRule rule : unmet)
                    rules +=
                        (rules.empty() ? "" : ", ") + std::string(PasswordPolicy::ruleCode(rule));
                throw DataError("the password breaks the password rules: " + rules);
            }
            return password;
        };
        auto audit = [&](const std::string& event, const Account& account,
                         const std::string& detail = {}) {
            c.audit.record(event, "ok", account.id, account.identifier, c.origin, detail);
        };
        auto requiredEmail = [&]() {
            const auto email = EmailAddress::parse(option("email").value_or(""));
            if (!email)
                throw DataError("--email must be an e-mail address");
            return email->address();
        };
        auto nationalIdOption = [&]() -> std::optional<std::string> {
            const std::string text = option("national-id").value_or("");
            if (text.empty())
                return std::nullopt;
            if (!NationalIdentifier::parse(text))
                throw DataError("--national-id '" + text +
                                "' is not a national identifier (8 + RPPS, 0 + ADELI, …)");
            return text;
        };

        if (group == "user" && command == "add") {
            const std::string typed = argument(2, "IDENTIFIER");
            const auto identifier = Identifier::parse(typed);
            if (!identifier)
                throw DataError("identifier '" + typed + "' is not of the form j.dupont (" +
                                std::string(Identifier::problemCode(identifier.error())) + ")");
            NewAccount account;
            account.identifier = identifier->value();
            account.email = requiredEmail();
            account.displayName = option("name").value_or("");
            if (account.displayName.empty() || account.displayName.size() > 200)
                throw DataError("--name must be given (1 to 200 bytes)");
            account.nationalId = nationalIdOption();
            account.passwordHash = c.hasher.hash(readPassword(account.identifier));
            const std::int64_t id = c.accounts.create(account, c.clock.now());
            c.audit.record("admin.user_add", "ok", id, account.identifier, c.origin);
            m_out << "Created account " << id << " (" << account.identifier << ").\n";
        } else if (group == "user" && command == "list") {
            for (const Account& a : c.accounts.list()) {
                m_out << std::left << std::setw(6) << a.id << std::setw(28) << a.identifier
                      << std::setw(10) << (a.disabled ? "disabled" : "active") << a.displayName
                      << " <" << a.email << ">" << (a.nationalId ? " " + *a.nationalId : "")
                      << '\n';
            }
        } else if (group == "user" && command == "show") {
            const Account a = findAccount(argument(2, "ID"));
            const ThrottleStore::State throttle = c.throttles.get("id:" + a.identifier);
            m_out << "id:           " << a.id << "\nidentifier:   " << a.identifier
                  << "\nname:         " << a.displayName << "\nemail:        " << a.email
                  << "\nnational id:  " << a.nationalId.value_or("-")
                  << "\nstatus:       " << (a.disabled ? "disabled" : "active")
                  << "\npassword:     " << (a.passwordHash ? "set" : "not set")
                  << "\nlocked until: "
                  << (throttle.lockedUntil > c.clock.now() ? utc(throttle.lockedUntil) : "-")
                  << "\nfailures:     " << throttle.failures
                  << "\ncreated:      " << utc(a.createdAt)
                  << "\nupdated:      " << utc(a.updatedAt) << '\n';
        } else if (group == "user" && (command == "disable" || command == "enable")) {
            const Account a = findAccount(argument(2, "ID"));
            c.accounts.setDisabled(a.id, command == "disable", c.clock.now());
            audit("admin.user_" + command, a);
            m_out << "Account " << a.identifier
                  << (command == "disable" ? " disabled.\n" : " enabled.\n");
        } else if (group == "user" && command == "unlock") {
            const Account a = findAccount(argument(2, "ID"));
            c.throttle.unlock(a.identifier);
            audit("admin.user_unlock", a);
            m_out << "Account " << a.identifier << " unlocked.\n";
        } else if (group == "user" && command == "set-password") {
            const Account a = findAccount(argument(2, "ID"));
            c.accounts.setPasswordHash(a.id, c.hasher.hash(readPassword(a.identifier)),
                                       c.clock.now());
            audit("admin.user_set_password", a);
            m_out << "Password of " << a.identifier << " changed.\n";
        } else if (group == "user" && command == "set-email") {
            const Account a = findAccount(argument(2, "ID"));
            c.accounts.setEmail(a.id, requiredEmail(), c.clock.now());
            audit("admin.user_set_email", a);
            m_out << "E-mail address of " << a.identifier << " changed.\n";
        } else if (group == "user" && command == "set-national-id") {
            const Account a = findAccount(argument(2, "ID"));
            if (!option("national-id"))
                throw UsageError("--national-id=… is required (empty to remove)");
            c.accounts.setNationalId(a.id, nationalIdOption(), c.clock.now());
            audit("admin.user_set_national_id", a);
            m_out << "National identifier of " << a.identifier << " changed.\n";
        } else if (group == "user" && command == "import") {
            const std::string file = argument(2, "FILE.csv");
            std::ifstream in(file);
            if (!in)
                throw DataError("cannot read " + file);
            AccountCsv::Parsed parsed = AccountCsv::parse(in);
            for (const NewAccount& account : parsed.accounts) {
                if (c.accounts.findByIdentifier(account.identifier))
                    parsed.errors.push_back(
                        {0, "identifier " + account.identifier + " already exists"});
            }
            if (!parsed.errors.empty()) {
                for (const auto& error : parsed.errors) {
                    m_err << file;
                    if (error.line > 0)
                        m_err << ':' << error.line;
                    m_err << ": " << error.message << '\n';
                }
                m_err << "Nothing was imported.\n";
                return kDataError;
            }
            c.accounts.createAll(parsed.accounts, c.clock.now());
            c.audit.record("admin.user_import", "ok", std::nullopt, "", c.origin,
                           std::to_string(parsed.accounts.size()) + " accounts from " + file);
            m_out << "Imported " << parsed.accounts.size() << " accounts.\n";
        } else if (group == "db" && command == "export") {
            const std::string file = argument(2, "FILE");
            DatabaseTransfer transfer(c.database);
            DatabaseTransfer::Counts counts;
            if (file == "-") {
                counts = transfer.exportTo(m_out);
            } else {
                std::ofstream out(file, std::ios::binary | std::ios::trunc);
                if (!out)
                    throw DataError("cannot write " + file);
                counts = transfer.exportTo(out);
                m_out << "Exported " << counts.rows << " rows (" << counts.accounts
                      << " accounts) from " << c.database.description() << " to " << file << ".\n";
            }
        } else if (group == "db" && command == "import") {
            const std::string file = argument(2, "FILE");
            std::ifstream in(file, std::ios::binary);
            if (!in)
                throw DataError("cannot read " + file);
            const DatabaseTransfer::Counts counts = DatabaseTransfer(c.database).importFrom(in);
            c.audit.record("admin.db_import", "ok", std::nullopt, "", c.origin,
                           std::to_string(counts.rows) + " rows from " + file);
            m_out << "Imported " << counts.rows << " rows (" << counts.accounts
                  << " accounts) into " << c.database.description() << ".\n";
        } else if (group == "audit" && command == "tail") {
            const std::string countText = option("count").value_or("20");
            std::size_t count = 0;
            try {
                count = static_cast<std::size_t>(std::stoul(countText));
            } catch (const std::exception&) {
                throw UsageError("--count must be a number");
            }
            for (const AuditEvent& e : c.auditStore.tail(count)) {
                m_out << utc(e.at) << "  " << std::left << std::setw(26) << e.event << std::setw(20)
                      << e.outcome << std::setw(24) << (e.identifier.empty() ? "-" : e.identifier)
                      << (e.clientAddress.empty() ? "-" : e.clientAddress)
                      << (e.detail.empty() ? "" : "  " + e.detail) << '\n';
            }
        } else {
            throw UsageError("unknown command '" + group + (command.empty() ? "" : " " + command) +
                             "'");
        }
        return kOk;
    } catch (const UsageError& e) {
        m_err << "dcc-login-server: " << e.what() << "\n\n" << usage();
        return kUsage;
    } catch (const DataError& e) {
        m_err << "dcc-login-server: " << e.what() << '\n';
        return kDataError;
    } catch (const DatabaseTransfer::Refused& e) {
        m_err << "dcc-login-server: " << e.what() << "\nNothing was imported.\n";
        return kDataError;
    } catch (const NoSuchAccount& e) {
        m_err << "dcc-login-server: " << e.what() << '\n';
        return kNoSuchAccount;
    } catch (const StoreConflict& e) {
        m_err << "dcc-login-server: refused by the database (identifier or national identifier "
                 "already used): "
              << e.what() << '\n';
        return kDataError;
    } catch (const StoreUnavailable& e) {
        m_err << "dcc-login-server: database unavailable: " << e.what();
        if (m_config.database.driver == SqlDriver::SQLite) {
            // SQLite's own words rarely say why; the folder usually does.
            if (const std::string problem =
                    DatabaseFileCheck::problemWith(m_config.database.location);
                !problem.empty())
                m_err << " (" << problem << ')';
        }
        m_err << '\n';
        return kUnavailable;
    }
}

} // namespace dcc::server
