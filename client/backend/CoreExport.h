#pragma once

#include <QtGlobal>

/// On the classes of the core library (dcc-login-core) whose Qt meta-object, a data symbol,
/// the executable and the backend module use (signal connections, the module's classes
/// derived from them): exported where the library is built, imported by its users. Windows
/// needs it (CMake's WINDOWS_EXPORT_ALL_SYMBOLS exports functions, not data); elsewhere it
/// only keeps them visible.
#if defined(DCC_CLIENT_CORE_LIBRARY)
#define DCC_CLIENT_CORE_EXPORT Q_DECL_EXPORT
#else
#define DCC_CLIENT_CORE_EXPORT Q_DECL_IMPORT
#endif
