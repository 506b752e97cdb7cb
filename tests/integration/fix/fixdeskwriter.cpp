// A desk in its own process for tst_fixcrash: connects to the simulator on the given port, says "SUBMITTING" and
// sends limit orders that rest there (buys of AAPL at 99 and sells of VOD.L at 0.71, off the simulator's 100 and
// 0.7), a millisecond apart as a basket arrives, then reports "ACKNOWLEDGED <n>" once the sell side has
// acknowledged every order of the book (also those a killed run left behind), and takes fills until it is killed.
// The test starts the fills by moving the prices onto the limits.
#include "fixdesk.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <thread>

using namespace ob;

namespace {

bool everyOrderAcknowledged(test::FixDesk& desk) {
    const auto orders = desk.engine->snapshot().get().orders;
    return std::none_of(orders.begin(), orders.end(),
                        [](const OrderState& order) { return order.status() == OrdStatus::PendingNew || order.unconfirmed; });
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);  // stdout carries only the report lines
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s DATA_DIR SIM_PORT ORDERS\n", argv[0]);
        return 1;
    }
    const std::string settings =
        std::string("[DEFAULT]\nConnectionType=initiator\nSocketConnectHost=127.0.0.1\nSocketConnectPort=") + argv[2] +
        "\nSenderCompID=OPENBLOTTER\nTargetCompID=SIM\nHeartBtInt=30\nReconnectInterval=1\n\n[SESSION]\nBeginString=FIX.4.4\n";
    test::FixDesk desk(argv[1], settings);
    std::printf("SUBMITTING\n");
    std::fflush(stdout);
    const int orders = std::atoi(argv[3]);
    for (int i = 0; i < orders; ++i) {
        if (i % 2)
            desk.submit("AAPL", Side::Buy, "1000", OrdType::Limit, "99");
        else
            desk.submit("VOD.L", Side::Sell, "1000", OrdType::Limit, "0.71");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!everyOrderAcknowledged(desk)) {
        if (std::chrono::steady_clock::now() > deadline) {
            std::fprintf(stderr, "not every order was acknowledged after 30 s\n");
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::printf("ACKNOWLEDGED %d\n", orders);
    std::fflush(stdout);
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}
