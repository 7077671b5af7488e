#include "bench/server/BenchArguments.h"

namespace dcc::bench {

BenchArguments::BenchArguments(int argc, char** argv, int first)
{
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (!arg.starts_with("--"))
            throw std::invalid_argument("unexpected argument " + arg);
        arg.erase(0, 2);
        const auto equals = arg.find('=');
        if (equals != std::string::npos) {
            m_values.emplace(arg.substr(0, equals), arg.substr(equals + 1));
        } else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
            m_values.emplace(arg, argv[++i]);
        } else {
            m_values.emplace(arg, "");
        }
    }
}

std::string BenchArguments::text(const std::string& key, const std::string& fallback) const
{
    const auto found = m_values.find(key);
    return found == m_values.end() ? fallback : found->second;
}

std::string BenchArguments::required(const std::string& key) const
{
    const auto found = m_values.find(key);
    if (found == m_values.end() || found->second.empty())
        throw std::invalid_argument("--" + key + " is required");
    return found->second;
}

long long BenchArguments::number(const std::string& key, long long fallback) const
{
    const auto found = m_values.find(key);
    return found == m_values.end() ? fallback : std::stoll(found->second);
}

double BenchArguments::real(const std::string& key, double fallback) const
{
    const auto found = m_values.find(key);
    return found == m_values.end() ? fallback : std::stod(found->second);
}

std::vector<std::string> BenchArguments::all(const std::string& key) const
{
    std::vector<std::string> values;
    const auto [begin, end] = m_values.equal_range(key);
    for (auto it = begin; it != end; ++it)
        values.push_back(it->second);
    return values;
}

} // namespace dcc::bench
