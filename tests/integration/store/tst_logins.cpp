// Failed logins on a real store: slowed down per name, counted per user, locked after the policy's count until an
// administrator unlocks the user through the engine; a name that is no user's never reaches the audit trail or the log.
#include "auth/login.h"
#include "auth/passwords.h"
#include "engine/orderengine.h"
#include "store/sqlitestore.h"
#include "waits.h"

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace ob;
using namespace std::chrono_literals;

namespace {

const Actor kAdmin{"root", Role::Administrator};

/// A store with an administrator, "root", and a trader, "ann", both with cheap hashes, and an engine over it.
struct LoginDesk {
    explicit LoginDesk(const QString& dir) : path(dir.toStdString() + "/openblotter.db") {
        open();
        add({"root", "Root Admin", Role::Administrator, hash("root-password-1"), true});
        add({"ann", "Ann Trader", Role::Trader, hash("ann-password-1"), true});
    }

    void open() {
        auto opened = store::SqliteStore::open(path);
        if (!opened) qFatal("%s", opened.error().c_str());
        store = std::move(*opened);
        OrderEngine::Options options;
        options.loadUsers = [this] { return store->loadUsers(); };
        engine = std::make_unique<OrderEngine>(*store, options);
        if (auto started = engine->start(); !started) qFatal("%s", started.error().c_str());
    }
    void reopen() {
        engine.reset();
        store.reset();
        open();
    }

    static std::string hash(const char* password) { return *PasswordHasher{1u << 10, 8, 1}.hash(password); }
    void add(const User& user) {
        if (!store->saveUser(user, {0, nowUtc(), "system", Role::Administrator, "user.add", "user " + user.name, ""}))
            qFatal("cannot add %s", user.name.c_str());
    }
    User user(const std::string& name) {
        test::awaitCommitted(*engine);
        auto users = store->loadUsers();
        const auto found = std::find_if(users->begin(), users->end(), [&](const User& u) { return u.name == name; });
        if (found == users->end()) qFatal("no user %s", name.c_str());
        return *found;
    }
    std::vector<AuditRecord> audit() {
        test::awaitCommitted(*engine);
        auto trail = store->auditTrail(1000);
        return {trail->rbegin(), trail->rend()};  // oldest first
    }
    std::vector<AuditRecord> audited(const std::string& action) {
        auto all = audit();
        std::vector<AuditRecord> found;
        std::copy_if(all.begin(), all.end(), std::back_inserter(found), [&](const auto& r) { return r.action == action; });
        return found;
    }

    std::string path;
    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<OrderEngine> engine;
};

const LoginPolicy kLockAfterThree{3, 1000ms, 30000ms};

}  // namespace

class TestLogins final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void locksAfterTheCountUntilAnAdministratorUnlocks() {
        QTemporaryDir dir;
        LoginDesk desk(dir.path());
        for (int failure = 1; failure <= 2; ++failure) {
            const auto refused = logIn(*desk.store, "ann", "wrong-password", "test", kLockAfterThree);
            QCOMPARE(refused.error(), std::string("unknown user or wrong password"));
            QCOMPARE(desk.user("ann").failedLogins, failure);
            QVERIFY(!desk.user("ann").locked);
        }
        const auto locking = logIn(*desk.store, "ann", "wrong-password", "test", kLockAfterThree);
        QCOMPARE(locking.error(),
                 std::string("the account ann is locked after too many failed logins: ask an administrator to unlock it"));
        QCOMPARE(desk.user("ann").failedLogins, 3);
        QVERIFY(desk.user("ann").locked);
        const auto locks = desk.audited("user.lock");
        QCOMPARE(locks.size(), std::size_t(1));
        QCOMPARE(locks[0].subject, std::string("user ann"));
        QCOMPARE(locks[0].details, std::string("locked after 3 failed logins in a row; an administrator unlocks it"));

        // The lock is in the store: a restart keeps it, and the right password does not lift it.
        desk.reopen();
        const auto stillLocked = logIn(*desk.store, "ann", "ann-password-1", "test", kLockAfterThree);
        QVERIFY(!stillLocked);
        QVERIFY(stillLocked.error().find("ask an administrator") != std::string::npos);
        QCOMPARE(desk.audited("login.failed").back().details, std::string("refused: the account is locked (test)"));

        // Only an administrator unlocks, through the engine, audited.
        const Actor trader{"ann", Role::Trader};
        QCOMPARE(desk.engine->unlockUser("ann", trader).get().error(), refusal(trader, "unlock users"));
        QVERIFY(desk.engine->unlockUser("ann", kAdmin).get().ok());
        const auto unlocked = desk.user("ann");
        QVERIFY(!unlocked.locked);
        QCOMPARE(unlocked.failedLogins, 0);
        const auto unlocks = desk.audited("user.unlock");
        QCOMPARE(unlocks.size(), std::size_t(1));
        QCOMPARE(unlocks[0].user, std::string("root"));
        QCOMPARE(unlocks[0].details, std::string("unlocked after 3 failed logins"));
        QCOMPARE(desk.engine->unlockUser("ann", kAdmin).get().error(), std::string("the user ann is not locked"));
        const auto actor = logIn(*desk.store, "ann", "ann-password-1", "test", kLockAfterThree);
        QVERIFY2(actor.ok(), actor.ok() ? "" : actor.error().c_str());
        QCOMPARE(actor->user, std::string("ann"));
    }

    void aRightPasswordStartsTheCountAgain() {
        QTemporaryDir dir;
        LoginDesk desk(dir.path());
        QVERIFY(!logIn(*desk.store, "ann", "wrong-password", "test", kLockAfterThree));
        QVERIFY(!logIn(*desk.store, "ann", "wrong-password", "test", kLockAfterThree));
        QVERIFY(logIn(*desk.store, "ann", "ann-password-1", "test", kLockAfterThree));
        QCOMPARE(desk.user("ann").failedLogins, 0);
        QVERIFY(!logIn(*desk.store, "ann", "wrong-password", "test", kLockAfterThree));
        QVERIFY(!logIn(*desk.store, "ann", "wrong-password", "test", kLockAfterThree));
        QVERIFY(!desk.user("ann").locked);
    }

    void neverLocksTheLastAdministrator() {
        QTemporaryDir dir;
        LoginDesk desk(dir.path());
        for (int failure = 0; failure < 4; ++failure)
            QCOMPARE(logIn(*desk.store, "root", "wrong-password", "test", kLockAfterThree).error(),
                     std::string("unknown user or wrong password"));
        QVERIFY(!desk.user("root").locked);
        QCOMPARE(desk.user("root").failedLogins, 4);
        QCOMPARE(desk.audited("user.lock").back().details,
                 std::string("not locked after 4 failed logins: the last administrator who could unlock users"));
        QVERIFY(logIn(*desk.store, "root", "root-password-1", "test", kLockAfterThree));
    }

    void anUnknownNameIsNeitherAuditedNorLogged() {
        QTemporaryDir dir;
        LoginDesk desk(dir.path());
        auto ring = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
        auto previous = spdlog::default_logger();
        spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", ring));
        // A password typed into the name field.
        const auto refused = logIn(*desk.store, "Tr0ub4dor&3", "whatever-else", "test", kLockAfterThree);
        const auto known = logIn(*desk.store, "ann", "wrong-password", "test", kLockAfterThree);
        spdlog::set_default_logger(previous);
        QCOMPARE(refused.error(), std::string("unknown user or wrong password"));
        QCOMPARE(known.error(), refused.error());  // nothing tells the two apart
        const auto failed = desk.audited("login.failed");
        QCOMPARE(failed.size(), std::size_t(2));
        QCOMPARE(failed[0].user, std::string("(unknown user)"));
        QCOMPARE(failed[0].subject, std::string("user (unknown user)"));
        QCOMPARE(failed[0].details, std::string("refused: unknown user or wrong password (test)"));
        QCOMPARE(failed[1].user, std::string("ann"));
        for (const auto& record : desk.audit()) {
            QVERIFY(record.user.find("Tr0ub4dor") == std::string::npos);
            QVERIFY(record.subject.find("Tr0ub4dor") == std::string::npos);
            QVERIFY(record.details.find("Tr0ub4dor") == std::string::npos);
        }
        const auto logged = ring->last_formatted();
        QVERIFY(!logged.empty());
        for (const auto& line : logged) QVERIFY2(line.find("Tr0ub4dor") == std::string::npos, line.c_str());
    }

    void theThrottleMakesEachNameWaitLongerAfterEachFailure() {
        QTemporaryDir dir;
        LoginDesk desk(dir.path());
        Timestamp now = nowUtc();
        LoginThrottle throttle(kLockAfterThree, [&now] { return now; });
        QCOMPARE(throttle.waitFor("ann"), 0ms);
        QVERIFY(!throttle.logIn(*desk.store, "ann", "wrong-password", "test"));
        QCOMPARE(throttle.waitFor("ann"), 1000ms);
        QCOMPARE(throttle.waitFor("root"), 0ms);  // per name

        // Too early: refused unchecked, not counted, not audited.
        const auto audited = desk.audit().size();
        now += 500ms;
        QCOMPARE(throttle.logIn(*desk.store, "ann", "ann-password-1", "test").error(),
                 std::string("too many failed logins: wait 1 s before trying again"));
        QCOMPARE(desk.audit().size(), audited);
        QCOMPARE(desk.user("ann").failedLogins, 1);

        now += 500ms;
        QVERIFY(!throttle.logIn(*desk.store, "ann", "wrong-password", "test"));
        QCOMPARE(throttle.waitFor("ann"), 2000ms);
        now += 2000ms;
        QVERIFY(throttle.logIn(*desk.store, "ann", "ann-password-1", "test"));
        QCOMPARE(throttle.waitFor("ann"), 0ms);

        // Unknown names wait too, so that waiting tells nothing about who exists.
        QVERIFY(!throttle.logIn(*desk.store, "nobody", "wrong-password", "test"));
        QCOMPARE(throttle.waitFor("nobody"), 1000ms);
    }
};

QTEST_GUILESS_MAIN(TestLogins)
#include "tst_logins.moc"
