#include "bench/client/StallMonitor.h"

#include <algorithm>

namespace dcc::bench {

namespace {
constexpr qint64 kPeriodNs = 1'000'000;
}

StallMonitor::StallMonitor(QObject* parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &StallMonitor::tick);
}

void StallMonitor::start()
{
    m_longestNs = 0;
    m_ticks = 0;
    m_clock.start();
    m_lastNs = m_clock.nsecsElapsed();
    m_timer.start();
}

void StallMonitor::stop()
{
    tick();
    m_timer.stop();
}

void StallMonitor::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_longestNs = std::max(m_longestNs, static_cast<double>(now - m_lastNs - kPeriodNs));
    m_lastNs = now;
    ++m_ticks;
}

} // namespace dcc::bench
