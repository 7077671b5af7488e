# DCC_SANITIZE: every target of the project (product, tests, fuzz targets) is built with
# AddressSanitizer (and its LeakSanitizer) and UndefinedBehaviorSanitizer. A report stops
# the process with a non-zero status (-fno-sanitize-recover=all), so CTest and CI fail on
# it. System libraries (Qt, Poco, OpenSSL) are not instrumented; ASan's runtime still
# checks their heap use through its interceptors.
#
# DCC_BUILD_FUZZ (clang only): the project's code is built with the libFuzzer coverage
# instrumentation (-fsanitize=fuzzer-no-link) on top of ASan and UBSan, and fuzz/ adds the
# libFuzzer executables, which alone link the libFuzzer driver (-fsanitize=fuzzer).
option(DCC_SANITIZE "Build every project target with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(DCC_BUILD_FUZZ "Build the libFuzzer targets of fuzz/ (clang only; implies the sanitizers)" OFF)

if(DCC_BUILD_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "DCC_BUILD_FUZZ needs clang (libFuzzer): use the `fuzz` preset")
    endif()
    set(DCC_SANITIZE ON CACHE BOOL "" FORCE)
endif()

if(DCC_SANITIZE)
    if(MSVC)
        message(FATAL_ERROR "DCC_SANITIZE is for GCC and clang")
    endif()
    set(dcc_sanitizers "address,undefined")
    if(DCC_BUILD_FUZZ)
        set(dcc_sanitizers "fuzzer-no-link,${dcc_sanitizers}")
    endif()
    # Directory-wide, before any add_subdirectory(): every project target gets them,
    # imported targets (system libraries) do not compile anything.
    add_compile_options(
        -fsanitize=${dcc_sanitizers}
        -fno-sanitize-recover=all
        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
    # For the few tests that compare durations: the instrumentation slows the project's code
    # and not the system libraries, so such comparisons mean nothing here (they run in dev).
    add_compile_definitions(DCC_SANITIZED)
endif()
