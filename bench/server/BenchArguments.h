#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace dcc::bench {

/// "--key=value" / "--key value" options of a bench command; a key may repeat.
class BenchArguments
{
public:
    BenchArguments(int argc, char** argv, int first);

    [[nodiscard]] std::string text(const std::string& key, const std::string& fallback) const;
    [[nodiscard]] std::string required(const std::string& key) const;
    [[nodiscard]] long long number(const std::string& key, long long fallback) const;
    [[nodiscard]] double real(const std::string& key, double fallback) const;
    [[nodiscard]] bool flag(const std::string& key) const { return m_values.contains(key); }
    [[nodiscard]] std::vector<std::string> all(const std::string& key) const;

private:
    std::multimap<std::string, std::string> m_values;
};

} // namespace dcc::bench
