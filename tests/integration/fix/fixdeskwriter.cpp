// A desk in its own process for tst_fixcrash: connects to the simulator on
// the given port, sends limit orders that rest there (buys of AAPL at 99 and
// sells of VOD.L at 0.71, off the simulator's 100 and 0.7) and reports
// "ACKNOWLEDGED <n>" once the sell side has them all, then takes fills until
// it is killed. The test starts the fills by moving the prices onto the limits.
#include "fixdesk.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <thread>

using namespace ob;

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);  // stdout carries only the report line
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s DATA_DIR SIM_PORT ORDERS\n", argv[0]);
        return 1;
    }
    const std::string settings =
        std::string("[DEFAULT]\nConnectionType=initiator\nSocketConnectHost=127.0.0.1\nSocketConnectPort=") + argv[2] +
        "\nSenderCompID=OPENBLOTTER\nTargetCompID=SIM\nHeartBtInt=30\nReconnectInterval=1\n\n[SESSION]\nBeginString=FIX.4.4\n";
    test::FixDesk desk(argv[1], settings);
    const int orders = std::atoi(argv[3]);
    std::vector<OrderId> ids;
    for (int i = 0; i < orders; ++i)
        ids.push_back(i % 2 ? desk.submit("AAPL", Side::Buy, "1000", OrdType::Limit, "99").id
                            : desk.submit("VOD.L", Side::Sell, "1000", OrdType::Limit, "0.71").id);
    for (auto id : ids)
        desk.waitFor(
            id, [](const OrderState& order) { return order.status() == OrdStatus::New; }, "acknowledged",
            std::chrono::seconds(30));
    std::printf("ACKNOWLEDGED %d\n", orders);
    std::fflush(stdout);
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}
