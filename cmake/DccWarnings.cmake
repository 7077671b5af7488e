# Warnings for the project's own targets only: third-party headers (Qt, Poco,
# OpenSSL) come in as system includes through their imported targets.
function(dcc_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive-)
        if(DCC_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE
            -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
            -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
            -Wimplicit-fallthrough
            # Unoptimised only: at -O2/-O3, GCC 12 reports null dereferences inside
            # libstdc++'s own stream iterators that cannot happen.
            $<$<CONFIG:Debug>:-Wnull-dereference>)
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
            # GCC 12's optimiser reports overlaps and out-of-bounds accesses inside
            # libstdc++'s std::string and std::vector code that cannot happen (GCC bugs
            # 105329, 105651, 107852); the same checks run in the Debug build.
            target_compile_options(${target} PRIVATE
                $<$<NOT:$<CONFIG:Debug>>:-Wno-restrict -Wno-array-bounds -Wno-stringop-overflow>)
        endif()
        if(DCC_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
endfunction()
