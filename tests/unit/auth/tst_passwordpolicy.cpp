// The password policy every password set goes through, the one-time passwords an administrator hands out, and the
// delay failed logins earn.
#include "auth/login.h"
#include "auth/passwordpolicy.h"
#include "auth/passwords.h"

#include <QTest>

#include <set>
#include <string>

using namespace ob;
using namespace std::chrono_literals;

class TestPasswordPolicy final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesTheRuleBroken_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("refusal");
        const auto tooShort = QStringLiteral("the password is too short: it needs at least 10 characters");
        const auto hasName = QStringLiteral("the password contains the user name");
        const auto demo = QStringLiteral("the password is a published demo password");
        QTest::newRow("empty") << "ann"
                               << "" << tooShort;
        QTest::newRow("nine characters") << "ann"
                                         << "qwertyuio" << tooShort;
        QTest::newRow("the name itself, long") << "annabelle-smith"
                                               << "annabelle-smith" << hasName;
        QTest::newRow("the name inside") << "ann"
                                         << "xx-ann-secret" << hasName;
        QTest::newRow("the name in another case") << "ann"
                                                  << "my-ANN-secret" << hasName;
        QTest::newRow("a demo password") << "bob"
                                         << "compliance-demo" << demo;
        QTest::newRow("the demo admin's") << "bob"
                                          << "admin-demo" << demo;
        QTest::newRow("a demo password with its name") << "trader"
                                                       << "trader-demo" << hasName;
        QTest::newRow("ten characters") << "ann"
                                        << "qwertyuiop"
                                        << "";
        QTest::newRow("a demo password in another case") << "bob"
                                                         << "Compliance-Demo"
                                                         << "";
    }

    void namesTheRuleBroken() {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, refusal);
        const auto checked = checkPasswordPolicy(user.toStdString(), password.toStdString());
        QCOMPARE(QString::fromStdString(checked.ok() ? std::string() : checked.error()), refusal);
        const auto hashed = hashNewPassword(user.toStdString(), password.toStdString());
        QCOMPARE(hashed.ok(), refusal.isEmpty());
        if (hashed) QVERIFY(PasswordHasher::verify(password.toStdString(), *hashed));
    }

    void oneTimePasswordsPassThePolicyAndDiffer() {
        std::set<std::string> seen;
        for (int i = 0; i < 50; ++i) {
            // A one-letter name is in most random strings; the generator must still find one without it.
            auto password = oneTimePassword("a");
            QVERIFY2(password.ok(), password.ok() ? "" : password.error().c_str());
            QCOMPARE(password->size(), std::size_t(16));
            QVERIFY(checkPasswordPolicy("a", *password).ok());
            QVERIFY(password->find_first_of("0O1lI") == std::string::npos);
            seen.insert(*password);
        }
        QCOMPARE(seen.size(), std::size_t(50));
    }

    void theDelayDoublesUpToItsCap() {
        const LoginPolicy policy;
        QCOMPARE(policy.lockAfter, 5);
        QCOMPARE(policy.delayAfter(0), 0ms);
        QCOMPARE(policy.delayAfter(1), 1000ms);
        QCOMPARE(policy.delayAfter(2), 2000ms);
        QCOMPARE(policy.delayAfter(3), 4000ms);
        QCOMPARE(policy.delayAfter(5), 16000ms);
        QCOMPARE(policy.delayAfter(6), 30000ms);
        QCOMPARE(policy.delayAfter(1000), 30000ms);
    }
};

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "tst_passwordpolicy.moc"
