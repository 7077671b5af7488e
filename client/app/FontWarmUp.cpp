#include "client/app/FontWarmUp.h"

#ifdef DCC_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

namespace dcc::client {

FontWarmUp::FontWarmUp()
{
#ifdef DCC_HAVE_FONTCONFIG
    // FcInit loads the default configuration once per process; Qt's font database calls it
    // again and gets the loaded one.
    m_thread = std::thread([] { FcInit(); });
#endif
}

FontWarmUp::~FontWarmUp()
{
    wait();
}

void FontWarmUp::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace dcc::client
