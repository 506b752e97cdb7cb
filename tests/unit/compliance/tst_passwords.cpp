#include "auth/passwords.h"

#include <QTest>

#include <fstream>
#include <string>
#include <vector>

using namespace ob;

namespace {

/// Cheap parameters so the round trips stay fast; the format is the same.
const PasswordHasher kCheap{.costN = 1024};

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto at = text.find(separator, start);
        parts.push_back(text.substr(start, at - start));
        if (at == std::string::npos) return parts;
        start = at + 1;
    }
}

std::string join(const std::vector<std::string>& parts, char separator) {
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : std::string(1, separator)) + part;
    return text;
}

/// The stored hash with one character of field `field` changed.
std::string tampered(const std::string& stored, std::size_t field) {
    auto parts = split(stored, '$');
    auto& target = parts.at(field);
    target[0] = target[0] == 'A' ? 'B' : 'A';
    return join(parts, '$');
}

}  // namespace

/// scrypt password hashes: they verify the right password only, carry their
/// own salt and parameters, and the demo users' hashes match their passwords.
class TestPasswords final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hashThenVerify() {
        const auto stored = kCheap.hash("correct horse battery staple");
        QVERIFY2(stored.ok(), stored.ok() ? "" : stored.error().c_str());
        const auto parts = split(*stored, '$');
        QCOMPARE(parts.size(), std::size_t(6));
        QCOMPARE(parts[0], std::string("scrypt"));
        QCOMPARE(parts[1], std::string("1024"));
        QCOMPARE(parts[2], std::string("8"));
        QCOMPARE(parts[3], std::string("1"));
        QCOMPARE(parts[4].size(), std::size_t(24));  // 16 bytes of salt in base64
        QCOMPARE(parts[5].size(), std::size_t(44));  // 32 bytes of hash in base64
        QVERIFY(PasswordHasher::verify("correct horse battery staple", *stored));
    }

    void aWrongPasswordFails() {
        const auto stored = kCheap.hash("trader-demo");
        QVERIFY(stored.ok());
        QVERIFY(!PasswordHasher::verify("trader-dem0", *stored));
        QVERIFY(!PasswordHasher::verify("Trader-demo", *stored));
        QVERIFY(!PasswordHasher::verify("trader-demo ", *stored));
        QVERIFY(!PasswordHasher::verify("", *stored));
        QVERIFY(PasswordHasher::verify("trader-demo", *stored));
    }

    void aTamperedHashFails() {
        const auto stored = kCheap.hash("s3cret");
        QVERIFY(stored.ok());
        QVERIFY(PasswordHasher::verify("s3cret", *stored));
        QVERIFY(!PasswordHasher::verify("s3cret", tampered(*stored, 5)));  // the hash
        QVERIFY(!PasswordHasher::verify("s3cret", tampered(*stored, 4)));  // the salt
        auto parts = split(*stored, '$');
        parts[1] = "2048";  // another cost derives another key
        QVERIFY(!PasswordHasher::verify("s3cret", join(parts, '$')));
        parts = split(*stored, '$');
        parts[0] = "bcrypt";
        QVERIFY(!PasswordHasher::verify("s3cret", join(parts, '$')));
        parts = split(*stored, '$');
        parts[1] = "0";
        QVERIFY(!PasswordHasher::verify("s3cret", join(parts, '$')));
        parts[1] = std::to_string(1u << 21);  // beyond what verify will spend
        QVERIFY(!PasswordHasher::verify("s3cret", join(parts, '$')));
        QVERIFY(!PasswordHasher::verify("s3cret", stored->substr(0, stored->size() - 1)));
        QVERIFY(!PasswordHasher::verify("s3cret", *stored + "$extra"));
        QVERIFY(!PasswordHasher::verify("s3cret", ""));
        QVERIFY(!PasswordHasher::verify("s3cret", "s3cret"));
    }

    void aTruncatedHashFails() {
        const auto stored = kCheap.hash("s3cret");
        QVERIFY(stored.ok());
        // Cut to its first 3 bytes (4 base64 characters): a 24-bit hash.
        auto parts = split(*stored, '$');
        parts[5] = parts[5].substr(0, 4);
        QVERIFY(!PasswordHasher::verify("s3cret", join(parts, '$')));
    }

    void eachHashHasItsOwnSalt() {
        const auto first = kCheap.hash("same password");
        const auto second = kCheap.hash("same password");
        QVERIFY(first.ok() && second.ok());
        QVERIFY(*first != *second);
        QVERIFY(split(*first, '$')[4] != split(*second, '$')[4]);
        QVERIFY(PasswordHasher::verify("same password", *first));
        QVERIFY(PasswordHasher::verify("same password", *second));
    }

    void anEmptyPasswordIsRefused() {
        const auto stored = kCheap.hash("");
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error(), std::string("a password cannot be empty"));
    }

    void theDefaultCostIsTwoToTheFifteenth() {
        QCOMPARE(PasswordHasher{}.costN, std::uint64_t(32768));
        QCOMPARE(PasswordHasher{}.blockSize, std::uint64_t(8));
        QCOMPARE(PasswordHasher{}.parallelism, std::uint64_t(1));
    }

    void theDemoUsersVerify() {
        std::ifstream in(DEMO_USERS);
        QVERIFY2(in, DEMO_USERS);
        std::string line;
        QVERIFY(std::getline(in, line));
        QCOMPARE(line, std::string("name,full_name,role,password_hash"));
        std::vector<std::string> names;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            const auto fields = split(line, ',');
            QCOMPARE(fields.size(), std::size_t(4));
            const auto& name = fields[0];
            const auto& stored = fields[3];
            QVERIFY2(stored.rfind("scrypt$32768$8$1$", 0) == 0, stored.c_str());
            QVERIFY2(PasswordHasher::verify(name + "-demo", stored), name.c_str());
            names.push_back(name);
        }
        QCOMPARE(names, (std::vector<std::string>{"trader", "trader2", "pm", "compliance", "admin"}));
    }

    void aDemoHashRefusesAnotherUsersPassword() {
        std::ifstream in(DEMO_USERS);
        std::string line;
        std::getline(in, line);
        QVERIFY(std::getline(in, line));
        const auto fields = split(line, ',');
        QCOMPARE(fields[0], std::string("trader"));
        QVERIFY(!PasswordHasher::verify("trader2-demo", fields[3]));
    }
};

QTEST_GUILESS_MAIN(TestPasswords)
#include "tst_passwords.moc"
