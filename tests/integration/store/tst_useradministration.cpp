// An administrator's user changes and the records of exports go through the engine: each user row is written with
// its audit record in one unit, and a refused change writes neither.
#include "auth/login.h"
#include "auth/passwords.h"
#include "engine/orderengine.h"
#include "engine/passwordchanges.h"
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
        QCOMPARE(change->details, std::string("changed: role ComplianceOfficer → Trader, disabled"));

        QCOMPARE(*desk.user("ann"), (User{"ann", "Ann Officer", Role::Trader, "scrypt$hash-one", false}));
        QCOMPARE(desk.audited("user.add").size(), std::size_t{1});
        const auto records = desk.audited("user.change");
        QCOMPARE(records.size(), std::size_t{1});
        QCOMPARE(records[0].details, std::string("changed: role ComplianceOfficer → Trader, disabled"));

        auto renamed = desk.engine->setUser({"ann", Role::Trader, "Ann Trader", true, "scrypt$hash-two"}, kAdmin).get();
        QVERIFY(renamed.ok());
        QCOMPARE(renamed->details, std::string("changed: full name 'Ann Officer' → 'Ann Trader', enabled, new password"));
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

    void keepsTheLastActiveAdministrator() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        QVERIFY(desk.engine->setUser({"admin", Role::Administrator, "Ada Admin", true, "scrypt$a"}, kAdmin).get().ok());
        QVERIFY(desk.engine->setUser(ann(), kAdmin).get().ok());
        const std::string refused =
            "admin is the desk's last active administrator and cannot be demoted or disabled: make another user an "
            "administrator first";
        QCOMPARE(desk.engine->setUser({"admin", Role::Trader, "", true, std::nullopt}, kAdmin).get().error(), refused);
        QCOMPARE(desk.engine->setUser({"admin", Role::Administrator, "", false, std::nullopt}, kAdmin).get().error(), refused);
        QCOMPARE(desk.user("admin")->role, Role::Administrator);
        QVERIFY(desk.user("admin")->active);
        QVERIFY(desk.audited("user.change").empty());

        // With a second administrator the first may step down, and then the second is the last.
        QVERIFY(desk.engine->setUser({"ann", Role::Administrator, "", true, std::nullopt}, kAdmin).get().ok());
        const auto demoted = desk.engine->setUser({"admin", Role::Trader, "", true, std::nullopt}, kAdmin).get();
        QVERIFY2(demoted.ok(), demoted.ok() ? "" : demoted.error().c_str());
        QCOMPARE(demoted->details, std::string("changed: role Administrator → Trader"));
        const Actor annAdmin{"ann", Role::Administrator};
        QVERIFY(!desk.engine->setUser({"ann", Role::Administrator, "", false, std::nullopt}, annAdmin).get());
        QVERIFY(desk.user("ann")->active);
    }

    void aOneTimePasswordIsReplacedByTheUsersOwn() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        QVERIFY(desk.engine->setUser(ann(), kAdmin).get().ok());
        auto stored = desk.user("ann");
        QVERIFY(stored);
        const auto oneTime = resetPassword(*desk.engine, kAdmin, *stored);
        QVERIFY2(oneTime.ok(), oneTime.ok() ? "" : oneTime.error().c_str());
        QVERIFY(desk.user("ann")->mustChangePassword);
        QVERIFY(*mustChangePassword(*desk.store, "ann"));
        QVERIFY(PasswordHasher::verify(*oneTime, desk.user("ann")->passwordHash));
        QCOMPARE(desk.audited("user.change").back().details, std::string("changed: one-time password"));

        const Actor self{"ann", Role::ComplianceOfficer};
        QCOMPARE(changeOwnPassword(*desk.engine, self, "not-the-password", "harbour-lantern-7").error(),
                 std::string("the current password is wrong"));
        QCOMPARE(changeOwnPassword(*desk.engine, self, *oneTime, "short").error(),
                 std::string("the password is too short: it needs at least 10 characters"));
        QCOMPARE(changeOwnPassword(*desk.engine, self, *oneTime, "hi-Ann-there-7").error(),
                 std::string("the password contains the user name"));
        QVERIFY(desk.user("ann")->mustChangePassword);
        const auto changed = changeOwnPassword(*desk.engine, self, *oneTime, "harbour-lantern-7");
        QVERIFY2(changed.ok(), changed.ok() ? "" : changed.error().c_str());
        const auto after = desk.user("ann");
        QVERIFY(!after->mustChangePassword);
        QVERIFY(PasswordHasher::verify("harbour-lantern-7", after->passwordHash));
        QCOMPARE(after->role, Role::ComplianceOfficer);
        const auto records = desk.audited("user.password");
        QCOMPARE(records.size(), std::size_t(1));
        QCOMPARE(records[0].user, std::string("ann"));
        QCOMPARE(records[0].details, std::string("changed their own password"));
        for (const auto& record : desk.audited("user.change")) QVERIFY(record.details.find(*oneTime) == std::string::npos);

        // The hash checked against must still be the stored one.
        QCOMPARE(desk.engine->changeOwnPassword("scrypt$stale", "scrypt$new", self).get().error(),
                 std::string("the password was changed meanwhile: log in again"));
    }

    void answersWithTheUsersAsChanged() {
        QTemporaryDir dir;
        UserDesk desk(dir.path());
        auto added = desk.engine->setUser(ann(), kAdmin);
        auto users = desk.engine->users().get();  // asked before the change is committed, perhaps
        QVERIFY(added.get().ok());
        QVERIFY(users.ok());
        QCOMPARE(users->size(), std::size_t(1));
        QCOMPARE(users->front().name, std::string("ann"));
        QCOMPARE(users->front().role, Role::ComplianceOfficer);
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
