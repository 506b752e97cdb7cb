// An administrator's user changes and the records of exports go through the engine: each user row is written with
// its audit record in one unit, and a refused change writes neither.
#include "engine/orderengine.h"
#include "store/sqlitestore.h"
#include "waits.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace ob;

namespace {

const Actor kAdmin{"admin", Role::Administrator};

/// A store on a temporary file and an engine that reads its users.
struct UserDesk {
    explicit UserDesk(const QString& dir, bool withUsers = true) {
        auto opened = store::SqliteStore::open(dir.toStdString() + "/openblotter.db");
        if (!opened) qFatal("%s", opened.error().c_str());
        store = std::move(*opened);
        OrderEngine::Options options;
        if (withUsers) options.loadUsers = [this] { return store->loadUsers(); };
        engine = std::make_unique<OrderEngine>(*store, options);
        if (auto started = engine->start(); !started) qFatal("%s", started.error().c_str());
    }

    std::optional<User> user(const std::string& name) {
        test::awaitCommitted(*engine);
        auto users = store->loadUsers();
        if (!users) qFatal("%s", users.error().c_str());
        for (const auto& user : *users)
            if (user.name == name) return user;
        return std::nullopt;
    }
    /// The audit records of `action`, oldest first.
    std::vector<AuditRecord> audited(const std::string& action) {
        test::awaitCommitted(*engine);
        auto trail = store->auditTrail(1000);
        if (!trail) qFatal("%s", trail.error().c_str());
        std::vector<AuditRecord> found;
        std::copy_if(trail->rbegin(), trail->rend(), std::back_inserter(found),
                     [&](const AuditRecord& record) { return record.action == action; });
        return found;
    }

    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<OrderEngine> engine;
};

UserChange ann(std::optional<std::string> hash = "scrypt$hash-one") {
    return {"ann", Role::ComplianceOfficer, "Ann Officer", true, std::move(hash)};
}

}  // namespace

class TestUserAdministration final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void addsAUserWithItsAuditRecord() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        auto added = desk.engine->setUser(ann(), kAdmin).get();
        QVERIFY2(added.ok(), added.ok() ? "" : added.error().c_str());
        QVERIFY(added->added);
        QCOMPARE(added->details, std::string("added: role ComplianceOfficer, new password"));

        const auto stored = desk.user("ann");
        QVERIFY(stored);
        QCOMPARE(*stored, (User{"ann", "Ann Officer", Role::ComplianceOfficer, "scrypt$hash-one", true}));
        const auto records = desk.audited("user.add");
        QCOMPARE(records.size(), std::size_t{1});
        QCOMPARE(records[0].user, std::string("admin"));
        QCOMPARE(records[0].role, Role::Administrator);
        QCOMPARE(records[0].subject, std::string("user ann"));
        QCOMPARE(records[0].details, std::string("added: role ComplianceOfficer, new password"));
    }

    void changesAKnownUserKeepingWhatTheChangeLeavesOut() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        // Asked one after the other without waiting: the second must know the first, committed or not.
        auto added = desk.engine->setUser(ann(), kAdmin);
        auto changed = desk.engine->setUser({"ann", Role::Trader, "", false, std::nullopt}, kAdmin);
        QVERIFY(added.get().ok());
        const auto change = changed.get();
        QVERIFY2(change.ok(), change.ok() ? "" : change.error().c_str());
        QVERIFY(!change->added);
        QCOMPARE(change->action, std::string("user.change"));
        QCOMPARE(change->details, std::string("changed: role Trader, disabled"));

        QCOMPARE(*desk.user("ann"), (User{"ann", "Ann Officer", Role::Trader, "scrypt$hash-one", false}));
        QCOMPARE(desk.audited("user.add").size(), std::size_t{1});
        const auto records = desk.audited("user.change");
        QCOMPARE(records.size(), std::size_t{1});
        QCOMPARE(records[0].details, std::string("changed: role Trader, disabled"));

        auto renamed = desk.engine->setUser({"ann", Role::Trader, "Ann Trader", true, "scrypt$hash-two"}, kAdmin).get();
        QVERIFY(renamed.ok());
        QCOMPARE(renamed->details, std::string("changed: role Trader, new password"));
        QCOMPARE(*desk.user("ann"), (User{"ann", "Ann Trader", Role::Trader, "scrypt$hash-two", true}));
    }

    void refusesAnyoneButAnAdministrator() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        for (const auto role : {Role::Trader, Role::PortfolioManager, Role::ComplianceOfficer}) {
            const Actor actor{"someone", role};
            auto refused = desk.engine->setUser(ann(), actor).get();
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error(), refusal(actor, "add or change users"));
        }
        QVERIFY(!desk.user("ann"));
        QVERIFY(desk.audited("user.add").empty());
    }

    void refusesANewUserWithoutAPassword() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        auto refused = desk.engine->setUser(ann(std::nullopt), kAdmin).get();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), std::string(kNewUserNeedsPassword));
        QVERIFY(!desk.user("ann"));
        QVERIFY(desk.audited("user.add").empty());
    }

    void refusesWithoutTheUsers() {
        QTemporaryDir dir;
        UserDesk desk(dir.path(), false);
        auto refused = desk.engine->setUser(ann(), kAdmin).get();
        QVERIFY(!refused.ok());
        QVERIFY(!desk.user("ann"));
        QVERIFY(desk.audited("user.add").empty());
    }

    void recordsAnExport() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        const Actor trader{"trader1", Role::Trader};
        QVERIFY(desk.engine->recordExport(trader, "rules", "rules.json").get().ok());
        const auto records = desk.audited("rules.export");
        QCOMPARE(records.size(), std::size_t{1});
        QCOMPARE(records[0].user, std::string("trader1"));
        QCOMPARE(records[0].subject, std::string("rules"));
        QCOMPARE(records[0].details, std::string("exported to rules.json"));
    }
};

QTEST_GUILESS_MAIN(TestUserAdministration)
#include "tst_useradministration.moc"
