// The ClOrdID index every execution report is located by: found, not found, long ClOrdIDs
// compared through the order's chain, and growth that loses nothing.
#include "orders/clordidindex.h"
#include "orders/order.h"

#include <QTest>

#include <memory>
#include <string>
#include <vector>

using namespace ob;

namespace {

std::unique_ptr<Order> orderNamed(std::vector<std::string> clOrdIds) {
    auto order = std::make_unique<Order>();
    order->state.clOrdId = clOrdIds.back();
    for (auto& id : clOrdIds) order->chain.push_back({std::move(id), RequestKind::New, RequestState::Accepted});
    return order;
}

}  // namespace

class TestClOrdIdIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findsWhatWasInsertedAndNothingElse() {
        ClOrdIdIndex index;
        QVERIFY(index.find("20261129-0000001") == nullptr);  // empty
        auto first = orderNamed({"20261129-0000001"});
        auto second = orderNamed({"20261129-0000002", "20261129-0000003"});
        index.insert("20261129-0000001", first.get());
        index.insert("20261129-0000002", second.get());
        index.insert("20261129-0000003", second.get());
        QCOMPARE(index.size(), std::size_t(3));
        QCOMPARE(index.find("20261129-0000001"), first.get());
        QCOMPARE(index.find("20261129-0000002"), second.get());
        QCOMPARE(index.find("20261129-0000003"), second.get());
        QVERIFY(index.find("20261129-0000004") == nullptr);
        QVERIFY(index.find("20261129-000000") == nullptr);  // a prefix is not the ClOrdID
        QVERIFY(!index.contains(""));
    }

    void aLongClOrdIdIsComparedThroughTheOrdersChain() {
        ClOrdIdIndex index;
        const std::string longId = "BROKER-ASSIGNED-CLIENT-ORDER-ID-0000000000000042";
        auto order = orderNamed({longId});
        index.insert(longId, order.get());
        QCOMPARE(index.find(longId), order.get());
        QVERIFY(index.find(longId.substr(0, longId.size() - 1) + "3") == nullptr);
    }

    void growingKeepsEveryClOrdId() {
        ClOrdIdIndex index;
        std::vector<std::unique_ptr<Order>> orders;
        for (int i = 0; i < 50'000; ++i) {
            char id[32];
            std::snprintf(id, sizeof id, "20261129-%07d", i);
            orders.push_back(orderNamed({id}));
            index.insert(id, orders.back().get());
        }
        QCOMPARE(index.size(), std::size_t(50'000));
        for (int i = 0; i < 50'000; i += 7) {
            char id[32];
            std::snprintf(id, sizeof id, "20261129-%07d", i);
            QCOMPARE(index.find(id), orders[std::size_t(i)].get());
        }
        QVERIFY(index.find("20261129-0050000") == nullptr);
    }
};

QTEST_APPLESS_MAIN(TestClOrdIdIndex)
#include "tst_clordidindex.moc"
