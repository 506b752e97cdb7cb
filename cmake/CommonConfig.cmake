# One INTERFACE target carries the language standard, warnings and Qt safety
# defines; every target of the project links it so the rules live in one place.
add_library(openblotter_common INTERFACE)
target_compile_features(openblotter_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(openblotter_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)

target_compile_definitions(openblotter_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    SPDLOG_FMT_EXTERNAL
    OPENBLOTTER_VERSION="${PROJECT_VERSION}")

# Debug builds check the standard library's preconditions (bounds, iterators).
target_compile_definitions(openblotter_common INTERFACE
    $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

option(OPENBLOTTER_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
if(OPENBLOTTER_SANITIZE)
    target_compile_options(openblotter_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(openblotter_common INTERFACE -fsanitize=address,undefined)
endif()

# The test script (and so CI) builds with warnings as errors: a warning fails the build instead of scrolling past.
# Directory-wide, so that the targets with flags of their own (the QuickFIX adapter) are held to it too.
option(OPENBLOTTER_WERROR "Treat compiler warnings as errors" OFF)
if(OPENBLOTTER_WERROR)
    add_compile_options(-Werror)
endif()

set(CMAKE_AUTOMOC OFF)
