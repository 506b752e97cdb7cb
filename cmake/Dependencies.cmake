# Every dependency comes from Debian 12's packages; nothing is downloaded.
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(spdlog 1.10 REQUIRED)
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Charts Test)

# Debian ships no CMake config for QuickFIX (and its .pc names an older version).
find_path(QUICKFIX_INCLUDE_DIR quickfix/Session.h REQUIRED)
find_library(QUICKFIX_LIBRARY quickfix REQUIRED)
add_library(QuickFIX::QuickFIX UNKNOWN IMPORTED)
set_target_properties(QuickFIX::QuickFIX PROPERTIES
    IMPORTED_LOCATION "${QUICKFIX_LIBRARY}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${QUICKFIX_INCLUDE_DIR}")
find_package(OpenSSL REQUIRED)  # TLS for FIX, scrypt for passwords
find_package(nlohmann_json 3.11 REQUIRED)  # the compliance rules file
