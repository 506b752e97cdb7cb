# Every dependency comes from Debian 12's packages; nothing is downloaded.
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(spdlog 1.10 REQUIRED)
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Test)
